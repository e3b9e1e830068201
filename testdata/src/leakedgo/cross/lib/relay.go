package lib

import (
	"context"

	"leakedgo/cross/lib/chanx"
)

// Relay starts a goroutine that passes what arrives on in to out until
// ctx is done: its send is one case of a select, inside chanx.Send.
func Relay[T any](ctx context.Context, in <-chan T, out chan<- T) {
	go func() {
		for {
			var v T
			select {
			case <-ctx.Done():
				return
			case v = <-in:
			}
			if !chanx.Send(ctx, out, v) {
				return
			}
		}
	}()
}

// RelayAll is Relay whose send waits alone, inside chanx.Put: ctx ends
// the wait for input, not the wait for room.
func RelayAll[T any](ctx context.Context, in <-chan T, out chan<- T) {
	go func() {
		for {
			var v T
			select {
			case <-ctx.Done():
				return
			case v = <-in:
			}
			chanx.Put(out, v)
		}
	}()
}
