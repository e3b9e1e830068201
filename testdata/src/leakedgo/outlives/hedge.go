package outlives

import (
	"context"
	"time"
)

// awaitReachable hedges: it pings again on every tick, and returns as
// soon as one ping answers, through a context the pings complete. The
// pings still running are redundant then, and its deferred cancel is how
// they stop (coder's tailnet AwaitReachable).
func awaitReachable(ctx context.Context, ping func(context.Context) error) bool {
	completedCtx, completed := context.WithCancel(context.Background())
	defer completed()
	ctx, cancel := context.WithTimeout(ctx, 5*time.Minute)
	defer cancel()
	run := func() {
		if ping(ctx) == nil {
			completed()
		}
	}
	t := time.NewTicker(time.Second)
	defer t.Stop()
	go run()
	for {
		select {
		case <-completedCtx.Done():
			return true
		case <-t.C:
			go run()
		case <-ctx.Done():
			return false
		}
	}
}

// Twin: the pings complete a context the function does not wait on; its
// return cuts them short for no answer.
func awaitTicks(ctx context.Context, ping func(context.Context) error, ticks int) {
	completedCtx, completed := context.WithCancel(context.Background())
	defer completed()
	ctx, cancel := context.WithTimeout(ctx, 5*time.Minute)
	defer cancel()
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for range ticks {
		<-t.C
		go func() { // reported in strict mode only
			if ping(ctx) == nil {
				completed()
			}
		}()
	}
	_ = completedCtx
}
