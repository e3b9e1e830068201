package shapes

import (
	"context"
	"errors"
)

type worker struct{ n int }

func (w *worker) send(out chan<- int) { out <- w.n }

// A method value as the goroutine.
func methodValue(ctx context.Context, w *worker) int {
	out := make(chan int)
	go w.send(out) // want `goroutine blocks forever sending on out in send \(line 10\) when methodValue returns at line 20 through <-ctx.Done\(\)`
	select {
	case v := <-out:
		return v
	case <-ctx.Done():
		return 0
	}
}

// The channel passed to a literal as an argument.
func literalArgument(ctx context.Context) error {
	errc := make(chan error)
	go func(c chan<- error) { // want `goroutine blocks forever sending on errc \(line 28\) when literalArgument returns at line 34 through <-ctx.Done\(\)`
		c <- errors.New("done")
	}(errc)
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// A select with default: the spawner gives up at once when nothing is there.
func pollOnce() (int, bool) {
	ch := make(chan int)
	go func() { ch <- 1 }() // want `goroutine blocks forever sending on ch \(line 41\) when pollOnce returns at line 46`
	select {
	case v := <-ch:
		return v, true
	default:
		return 0, false
	}
}

// A goroutine that sends with a default case never blocks.
func sendOrDrop(ctx context.Context) int {
	ch := make(chan int)
	go func() {
		select {
		case ch <- 1:
		default:
		}
	}()
	select {
	case v := <-ch:
		return v
	case <-ctx.Done():
		return 0
	}
}

// A receive loop in a closure the spawner calls.
func closureReceives(n int) (sum int) {
	ch := make(chan int)
	go func() {
		for i := range n {
			ch <- i
		}
		close(ch)
	}()
	collect := func() {
		for v := range ch {
			sum += v
		}
	}
	collect()
	return sum
}
