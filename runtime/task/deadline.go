package task

import (
	"context"
	"sync"
	"time"
)

// A Deadline is the deadline of a WithDeadline scope, which can move while
// the scope runs, like Python's asyncio.Timeout. Its methods may be called
// from any goroutine.
type Deadline struct {
	ctx    context.Context
	cancel context.CancelCauseFunc
	cause  *expiry

	mu    sync.Mutex
	when  time.Time
	timer *time.Timer
}

// WithDeadline runs fn with a context that is canceled when d's deadline
// passes, and waits for fn to return, like TimeoutAt, except that fn (or any
// goroutine holding d) can move the deadline with d.Reschedule, and can ask
// d whether the scope has expired. The deadline starts at when; the zero
// time means no deadline until one is set. WithDeadline returns what
// TimeoutAt would; its own timeout error reads "task: timed out".
//
// Because a context's deadline cannot change, the context's Deadline method
// does not report d's deadline, only those of ctx; code that reads it to
// set I/O deadlines sees only the outer ones. Use TimeoutAt when the
// deadline does not need to move.
func WithDeadline(ctx context.Context, when time.Time, fn func(ctx context.Context, d *Deadline) error) error {
	ctx, cancel := context.WithCancelCause(ctx)
	d := &Deadline{ctx: ctx, cancel: cancel, cause: &expiry{}}
	d.Reschedule(when)
	defer d.close()
	err := fn(ctx, d)
	if err == nil || !d.Expired() {
		return err
	}
	return d.cause.result(ctx, err)
}

// Reschedule moves the deadline to when; the zero time removes it. A time
// already past expires the scope at once. Once the scope has expired, been
// canceled, or returned, Reschedule does nothing.
func (d *Deadline) Reschedule(when time.Time) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.ctx.Err() != nil {
		return
	}
	d.when = when
	switch wait := time.Until(when); {
	case when.IsZero():
		if d.timer != nil {
			d.timer.Stop()
		}
	case wait <= 0:
		d.expireLocked()
	case d.timer == nil:
		d.timer = time.AfterFunc(wait, d.expire)
	default:
		d.timer.Reset(wait)
	}
}

// When returns the current deadline, or the zero time if there is none.
func (d *Deadline) When() time.Time {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.when
}

// Expired reports whether the scope has expired: its deadline has passed,
// and nothing else ended its context first, such as an outer cancellation
// or an earlier outer deadline. An outer deadline at the same instant as
// this one, or later, ends the context as this one would have (see
// TimeoutAt), so nested scopes with equal deadlines all report true,
// whichever timer fires first. Once the scope has returned, Expired no
// longer changes: it says whether the deadline passed while the scope ran.
//
// Expired tells scopes apart where errors.Is(err, ErrTimeout) cannot: that
// holds for the error of every scope an expiry passes through.
func (d *Deadline) Expired() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.ctx.Err() == nil {
		return d.passed() // the timer is due, and has not run yet
	}
	return endedBy(d.ctx, d.when, d.cause)
}

// passed reports whether the deadline has passed; d.mu is held.
func (d *Deadline) passed() bool {
	return !d.when.IsZero() && !time.Now().Before(d.when)
}

func (d *Deadline) expire() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.passed() { // else rescheduled meanwhile
		d.expireLocked()
	}
}

// expireLocked cancels the scope's context with its expiry; d.mu is held.
func (d *Deadline) expireLocked() {
	if d.ctx.Err() == nil {
		d.cause.deadline = d.when // read by whoever sees the context done
		d.cancel(d.cause)
	}
}

func (d *Deadline) close() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.timer != nil {
		d.timer.Stop()
	}
	if d.passed() { // a timer that is due and has not run yet
		d.expireLocked()
	}
	d.cancel(nil)
}
