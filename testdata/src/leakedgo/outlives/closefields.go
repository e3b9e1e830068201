package outlives

import (
	"context"
	"os"
	"time"
)

// A Close of the package's own type releases what its body reads: the
// command's Close closes its log and its spool file, not its context, so a
// goroutine still using the context after the deferred Close is fine
// (waypoint's baseCommand, whose telemetry goroutine runs until Ctx ends).
// The twin's goroutine writes to the log Close closes.

type command struct {
	ctx   context.Context
	log   *os.File
	spool *os.File
}

func (c *command) Close() error {
	c.flush()
	return c.log.Close()
}

func (c *command) flush() {
	if c.spool != nil {
		c.spool.Close()
	}
}

func report(ctx context.Context) error {
	<-ctx.Done()
	return ctx.Err()
}

func (c *command) run() int {
	defer c.Close()
	go func() {
		_ = report(c.ctx)
	}()
	time.Sleep(time.Millisecond)
	return 0
}

func (c *command) runLogging() int {
	defer c.Close()
	go func() { // want `goroutine may still use c\.log \(line \d+\) after runLogging returns and its defer c\.Close\(\) closes it`
		c.log.WriteString("started\n")
	}()
	time.Sleep(time.Millisecond)
	return 0
}
