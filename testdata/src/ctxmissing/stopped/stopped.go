// Package stopped holds contexts with no deadline whose cancel function
// something can call while a call waits on them: a goroutine that waits
// for a stop signal, a Close method, a timer. The call waits until that
// stop, not forever, so it is not reported. Their twins keep the cancel
// function where it cannot run before the call returns, and are.
package stopped

import (
	"context"
	"database/sql"
	"time"
)

// campaign waits for a lock until it gets it or Stop is called: the
// goroutine cancels the context on stop (vitess's etcd2topo election).
type campaign struct {
	db   *sql.DB
	stop chan struct{}
}

func (c *campaign) waitForLock() error {
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-c.stop
		cancel()
	}()
	_, err := c.db.ExecContext(ctx, "SELECT pg_advisory_lock(1)")
	return err
}

// The same, the cancel function kept in a variable a goroutine reads.
func (c *campaign) waitForLockVar() error {
	var stopFn context.CancelFunc
	ctx, cancel := context.WithCancel(context.Background())
	stopFn = cancel
	go func() {
		<-c.stop
		stopFn()
	}()
	_, err := c.db.ExecContext(ctx, "SELECT pg_advisory_lock(1)")
	return err
}

// poller keeps its context and cancel function in fields: Close cancels
// what poll waits on.
type poller struct {
	db     *sql.DB
	ctx    context.Context
	cancel context.CancelFunc
}

func newPoller(db *sql.DB) *poller {
	p := &poller{db: db}
	p.ctx, p.cancel = context.WithCancel(context.Background())
	return p
}

func (p *poller) poll() error {
	return p.db.PingContext(p.ctx)
}

func (p *poller) Close() { p.cancel() }

// afterFunc hands its cancel function to a timer: a deadline by hand.
func afterFunc(db *sql.DB) error {
	ctx, cancel := context.WithCancel(context.Background())
	t := time.AfterFunc(time.Second, cancel)
	defer t.Stop()
	return db.PingContext(ctx)
}

// register hands its cancel function to a registry of stop hooks.
func register(db *sql.DB, onStop func(func())) error {
	ctx, cancel := context.WithCancel(context.Background())
	onStop(cancel)
	return db.PingContext(context.WithValue(ctx, key{}, 1))
}

type key struct{}

// Twins: the cancel function runs only once the call has returned.

func deferred(db *sql.DB) error {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	return db.PingContext(ctx) // want `\(\*sql.DB\).PingContext can block forever`
}

func deferredClosure(db *sql.DB) error {
	ctx, cancel := context.WithCancel(context.Background())
	defer func() { cancel() }()
	return db.PingContext(ctx) // want `\(\*sql.DB\).PingContext can block forever`
}

func calledAfter(db *sql.DB) error {
	ctx, cancel := context.WithCancel(context.Background())
	err := db.PingContext(ctx) // want `\(\*sql.DB\).PingContext can block forever`
	cancel()
	return err
}

// A goroutine that cancels the context it made itself stops nothing the
// caller waits on.
func ownGoroutine(db *sql.DB) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		_ = ctx
	}()
	db.PingContext(ctx) // want `\(\*sql.DB\).PingContext can block forever`
}

// Start derives a context from the one it is given and keeps its cancel
// function for Stop: what its goroutine waits on ends at Stop, whatever
// context the caller passed (alloy's database collectors).
type collector struct {
	db     *sql.DB
	cancel context.CancelFunc
}

func (c *collector) Start(ctx context.Context) {
	ctx, cancel := context.WithCancel(ctx)
	c.cancel = cancel
	go func() {
		for ctx.Err() == nil {
			c.db.PingContext(ctx)
		}
	}()
}

func (c *collector) Stop() { c.cancel() }

func runCollector(db *sql.DB) *collector {
	c := &collector{db: db}
	c.Start(context.Background())
	return c
}

// The twin: Start keeps no cancel function, so nothing ends the wait.
type pinger struct{ db *sql.DB }

func (p *pinger) Start(ctx context.Context) {
	go func() {
		for ctx.Err() == nil {
			p.db.PingContext(ctx)
		}
	}()
}

func runPinger(db *sql.DB) {
	p := &pinger{db: db}
	p.Start(context.Background()) // want `\(\*stopped.pinger\).Start starts a goroutine that can block forever: it passes its context to \(\*sql.DB\).PingContext`
}
