package a

import "context"

func patternIgnored(ctx context.Context) {
	ch := make(chan int)
	//lint:ignore * a pattern covers every check
	go func() { ch <- 1 }()
	select {
	case <-ch:
	case <-ctx.Done():
	}
}

func otherFileNotIgnored(ctx context.Context) {
	ch := make(chan int)
	go func() { ch <- 1 }() // want `goroutine blocks forever sending on ch`
	select {
	case <-ch:
	case <-ctx.Done():
	}
}
