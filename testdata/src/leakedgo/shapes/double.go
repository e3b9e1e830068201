package shapes

import "context"

func twice(ctx context.Context) int {
	ch := make(chan int)
	go func() { // want `goroutine blocks forever on its second send on ch \(line 9\): twice receives only once before it returns at line 11`
		ch <- 1
		ch <- 2
	}()
	return <-ch
}

func twiceBuffered(ctx context.Context) int {
	ch := make(chan int, 1)
	go func() {
		ch <- 1
		ch <- 2
	}()
	return <-ch
}

func twiceReceived(ctx context.Context) int {
	ch := make(chan int)
	go func() {
		ch <- 1
		ch <- 2
	}()
	return <-ch + <-ch
}

func progressAndResult(ctx context.Context, work func(progress func(int)) error) error {
	progress := make(chan int)
	result := make(chan error)
	go func() { // want `goroutine blocks forever sending on result \(line 37\) when progressAndResult returns at line 42 through <-ctx.Done\(\)`
		err := work(func(p int) {})
		result <- err
	}()
	go func() { progress <- 100 }() // want `goroutine blocks forever sending on progress \(line 39\) when progressAndResult returns at line 42 through <-ctx.Done\(\)`
	select {
	case <-ctx.Done():
		return ctx.Err()
	case p := <-progress:
		_ = p
	}
	return <-result
}
