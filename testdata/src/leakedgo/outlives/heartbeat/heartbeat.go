// Package heartbeat keeps connections alive, for the outlives fixtures:
// Keep loops until its context is done, Ping does one round of work under
// it.
package heartbeat

import (
	"context"
	"time"
)

type Conn struct{}

// Ping waits up to a second for the peer's answer.
func (c *Conn) Ping(ctx context.Context) error {
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(time.Second):
		return nil
	}
}

func (c *Conn) Serve() {}

// Keep pings c every interval until ctx is done.
func Keep(ctx context.Context, c *Conn, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		if err := c.Ping(ctx); err != nil {
			return
		}
	}
}

// Ping pings c once.
func Ping(ctx context.Context, c *Conn) error { return c.Ping(ctx) }
