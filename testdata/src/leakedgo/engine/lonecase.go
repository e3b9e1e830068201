package engine

import (
	"context"
	"errors"
)

// A select case that can never proceed is no way out: the Done channel of
// a context nothing cancels, a channel only nil reaches. The select waits
// on its other case alone.

func compute() int { return 7 }

// resultOrDone's goroutine selects on ctx.Done() beside its send, but
// context.Background() is never done.
func resultOrDone(quit <-chan struct{}) (int, error) {
	ctx := context.Background()
	ch := make(chan int)
	go func() { // want `goroutine blocks forever sending on ch \(line \d+\) when resultOrDone returns at line \d+ through <-quit`
		select {
		case <-ctx.Done():
		case ch <- compute():
		}
	}()
	select {
	case v := <-ch:
		return v, nil
	case <-quit:
		return 0, errors.New("quit")
	}
}

// The variant: the context gets only values on the way, from a helper,
// and a method of another type makes the select.

type courier struct{ out chan int }

func (c *courier) deliver(ctx context.Context, v int) {
	select {
	case <-ctx.Done():
	case c.out <- v:
	}
}

func tagged() context.Context { return context.WithValue(context.Background(), courierKey{}, "courier") }

type courierKey struct{}

func fetchTagged(quit <-chan struct{}) (int, error) {
	c := &courier{out: make(chan int)}
	go c.deliver(tagged(), compute()) // want `goroutine blocks forever sending on c.out \(line \d+\) when fetchTagged returns at line \d+ through <-quit`
	select {
	case v := <-c.out:
		return v, nil
	case <-quit:
		return 0, errors.New("quit")
	}
}

// A stop channel nothing ever makes: nil, so its case never proceeds.
func resultOrNil(quit <-chan struct{}) (int, error) {
	var stop chan struct{}
	ch := make(chan int)
	go func() { // want `goroutine blocks forever sending on ch \(line \d+\) when resultOrNil returns at line \d+ through <-quit`
		select {
		case <-stop:
		case ch <- compute():
		}
	}()
	select {
	case v := <-ch:
		return v, nil
	case <-quit:
		return 0, errors.New("quit")
	}
}

// The twins: a context the function cancels as it returns, and one its
// caller owns.

func resultOrCancel(quit <-chan struct{}) (int, error) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ch := make(chan int)
	go func() {
		select {
		case <-ctx.Done():
		case ch <- compute():
		}
	}()
	select {
	case v := <-ch:
		return v, nil
	case <-quit:
		return 0, errors.New("quit")
	}
}

func ResultOrCallers(ctx context.Context, quit <-chan struct{}) (int, error) {
	ch := make(chan int)
	go func() {
		select {
		case <-ctx.Done():
		case ch <- compute():
		}
	}()
	select {
	case v := <-ch:
		return v, nil
	case <-quit:
		return 0, errors.New("quit")
	}
}
