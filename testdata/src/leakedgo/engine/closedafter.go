package engine

import (
	"context"
	"time"
)

// A Feeder is code the package cannot see, handed a channel to send on.
type Feeder interface {
	Push(out chan<- int)
}

// Code handed a channel to send on may close it, unless the package
// closes it after the call: then a close of its own would panic. So when
// the goroutine that closes results can return before it hands the
// channel on, nothing closes it, and the range blocks forever.
func collect(ctx context.Context, p Feeder, wait time.Duration, dst chan<- int) {
	results := make(chan int, 16)
	go func() {
		if err := pauseFor(ctx, wait); err != nil {
			return
		}
		pushUntil(ctx, p, results)
		close(results)
	}()
	for r := range results { // want `collect blocks forever in its range over results \(line \d+\) when the goroutine closing it \(line \d+\) returns at line \d+`
		dst <- r
	}
}

func pushUntil(ctx context.Context, p Feeder, out chan<- int) {
	for ctx.Err() == nil {
		p.Push(out)
	}
}

func pauseFor(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// The twin: the package does not close what it hands on, so the Feeder
// may be the one that closes it. (It has a helper of its own: the two
// results channels would otherwise be one class.)
func collectHanded(ctx context.Context, p Feeder, wait time.Duration, dst chan<- int) {
	results := make(chan int, 16)
	go func() {
		if err := pauseFor(ctx, wait); err != nil {
			close(results)
			return
		}
		feedUntil(ctx, p, results)
	}()
	for r := range results {
		dst <- r
	}
}

func feedUntil(ctx context.Context, p Feeder, out chan<- int) {
	for ctx.Err() == nil {
		p.Push(out)
	}
}
