package cross

import (
	"context"
	"errors"

	"leakedgo/cross/lib"
)

// A goroutine of another package sends through a helper of a third one
// whose send is a select case beside ctx.Done(). The function cancels ctx
// when it gives up (talos's safe.StateWatch over channel.SendWithContext),
// so the goroutine does not block.

func firstEvent(ctx context.Context, in <-chan string, quit <-chan struct{}) (string, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	events := make(chan string)
	lib.Relay(ctx, in, events)
	select {
	case e := <-events:
		return e, nil
	case <-quit:
		return "", errors.New("quit")
	}
}

// The twin's helper waits for room alone: cancelling ctx does not reach
// the send.

func firstEventAll(ctx context.Context, in <-chan string, quit <-chan struct{}) (string, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	events := make(chan string)
	lib.RelayAll(ctx, in, events) // want `the goroutine lib.RelayAll starts blocks forever sending on events in lib.RelayAll when firstEventAll returns at line \d+`
	select {
	case e := <-events:
		return e, nil
	case <-quit:
		return "", errors.New("quit")
	}
}
