package outlives

import (
	"context"
	"time"

	"leakedgo/outlives/heartbeat"
)

// A goroutine that runs another package's loop until its context is done
// is told to stop by the cancel: its Summary says so (coder's
// httpapi.HeartbeatClose).
func serveWS(ctx context.Context, c *heartbeat.Conn) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go heartbeat.Keep(ctx, c, 15*time.Second)
	c.Serve()
}

// Twin: one round of work under the context is cut short.
func serveOnce(ctx context.Context, c *heartbeat.Conn) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go heartbeat.Ping(ctx, c) // reported in strict mode only
	c.Serve()
}
