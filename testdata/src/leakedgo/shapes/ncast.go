package shapes

import (
	"context"
	"errors"
)

func work(ctx context.Context, url string) error { return nil }

// The first error returns; the other goroutines block on their send.
func firstError(ctx context.Context, urls []string) error {
	errc := make(chan error)
	for _, url := range urls {
		go func() { errc <- work(ctx, url) }() // want `goroutines started in a loop block forever sending on errc \(line 14\) when firstError returns at line 18 before receiving from all of them`
	}
	for range urls {
		if err := <-errc; err != nil {
			return err
		}
	}
	return nil
}

func cancelled(ctx context.Context, n int) ([]int, error) {
	out := make(chan int)
	for i := range n {
		go func() { // want `goroutines started in a loop block forever sending on out \(line 28\) when cancelled returns at line 35 through <-ctx.Done\(\) before receiving from all of them`
			out <- i * i
		}()
	}
	var squares []int
	for range n {
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case sq := <-out:
			squares = append(squares, sq)
		}
	}
	return squares, nil
}

func breakOut(ctx context.Context, urls []string) bool {
	found := make(chan bool)
	for _, url := range urls {
		go func() { found <- work(ctx, url) == nil }() // want `goroutines started in a loop block forever sending on found`
	}
	for i := 0; i < len(urls); i++ {
		if <-found {
			return true
		}
	}
	return false
}

// Near misses.

func drainsAll(ctx context.Context, urls []string) error {
	errc := make(chan error)
	for _, url := range urls {
		go func() { errc <- work(ctx, url) }()
	}
	var first error
	for range urls {
		if err := <-errc; err != nil && first == nil {
			first = err
		}
	}
	return first
}

func bufferedForAll(ctx context.Context, urls []string) error {
	errc := make(chan error, len(urls))
	for _, url := range urls {
		go func() { errc <- work(ctx, url) }()
	}
	for range urls {
		if err := <-errc; err != nil {
			return err
		}
	}
	return nil
}

func senderSelects(ctx context.Context, urls []string) error {
	errc := make(chan error)
	for _, url := range urls {
		go func() {
			select {
			case errc <- work(ctx, url):
			case <-ctx.Done():
			}
		}()
	}
	for range urls {
		select {
		case err := <-errc:
			if err != nil {
				return err
			}
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return errors.New("unreachable")
}

func countsDown(ctx context.Context, n int) {
	done := make(chan int)
	for i := range n {
		go func() { done <- i }()
	}
	for {
		<-done
		n--
		if n == 0 {
			return
		}
	}
}

func deferredDrain(ctx context.Context, urls []string) error {
	errc := make(chan error)
	active := 0
	defer func() {
		for active > 0 {
			<-errc
			active--
		}
	}()
	for _, url := range urls {
		active++
		go func() { errc <- work(ctx, url) }()
	}
	for range urls {
		if err := <-errc; err != nil {
			return err
		}
		active--
	}
	return nil
}
