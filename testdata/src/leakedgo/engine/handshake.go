package engine

import (
	"context"
	"time"
)

// A reply channel handed over directly, as the element of a channel of
// channels: once the unbuffered send of it has gone through, the partner
// is past its receive, on the path that closes it; its return through
// ctx.Done() is another case of the same select, before it got one.

func flushOnDone(ctx context.Context, results <-chan int) int {
	flush := make(chan chan struct{})
	total := 0
	go func() {
		tick := time.NewTicker(time.Second)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case done := <-flush:
				close(done)
				return
			case <-tick.C:
			}
		}
	}()
	for r := range results {
		total += r
	}
	done := make(chan struct{})
	select {
	case flush <- done:
		<-done
	case <-ctx.Done():
	}
	return total
}

// The partner can return after it got the reply channel, without closing
// it: the receive after the handshake waits forever. (Its channels are of
// other types than flushOnDone's: the elements of channels are classed by
// type, and flushOnDone's goroutine, which always closes what it gets,
// would count as this one's partner too.)
func flushMaybe(ctx context.Context, results <-chan int, skip func() bool) int {
	flush := make(chan chan bool)
	total := 0
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case done := <-flush:
				if skip() {
					return
				}
				close(done)
				return
			}
		}
	}()
	for r := range results {
		total += r
	}
	done := make(chan bool)
	select {
	case flush <- done:
		<-done // want `flushMaybe blocks forever receiving from done \(line \d+\) when the goroutine closing it \(line \d+\) returns at line \d+`
	case <-ctx.Done():
	}
	return total
}
