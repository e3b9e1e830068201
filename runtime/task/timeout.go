package task

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// ErrTimeout matches, by errors.Is, the error that a timeout scope
// (Timeout, TimeoutAt, WithDeadline) returns when its own deadline expired.
// A timeout is a deadline exceeded, so errors.Is(err,
// context.DeadlineExceeded) holds for such an error, and for ErrTimeout, too.
var ErrTimeout error = timeoutError{}

type timeoutError struct{}

func (timeoutError) Error() string        { return "task: timed out" }
func (timeoutError) Is(target error) bool { return target == context.DeadlineExceeded }

// Timeout runs fn with a context that is canceled d from now, and waits for
// fn to return: one deadline over everything fn does, like Python's "async
// with asyncio.timeout(d)". It is TimeoutAt(ctx, time.Now().Add(d), fn).
func Timeout(ctx context.Context, d time.Duration, fn func(ctx context.Context) error) error {
	return timeoutScope(ctx, time.Now().Add(d), &expiry{after: d}, fn)
}

// TimeoutAt runs fn with a context that is canceled at deadline, and waits
// for fn to return. The context's Deadline reports the deadline (or an
// earlier one of ctx), and its cause once expired is this scope's own
// timeout error.
//
// TimeoutAt returns fn's error, with one exception: if this scope's
// deadline expired and fn's error echoes it (fn returned ctx.Err(), or an
// error wrapping the cancellation), TimeoutAt returns an error that wraps
// fn's error and satisfies errors.Is with both ErrTimeout and
// context.DeadlineExceeded. If fn returns nil, TimeoutAt returns nil, even
// after the deadline: the work was done.
//
// When ctx is canceled or reaches its own deadline first, that is not this
// scope's timeout: fn's error passes through unchanged, so an enclosing
// scope can recognize its own expiry. Each scope has its own cause, so
// nested scopes each know whether it was theirs that expired. A deadline
// already past cancels the context before fn is called.
func TimeoutAt(ctx context.Context, deadline time.Time, fn func(ctx context.Context) error) error {
	return timeoutScope(ctx, deadline, &expiry{at: deadline}, fn)
}

func timeoutScope(ctx context.Context, deadline time.Time, cause *expiry, fn func(ctx context.Context) error) error {
	ctx, cancel := context.WithDeadlineCause(ctx, deadline, cause)
	defer cancel()
	return cause.result(ctx, fn(ctx))
}

// An expiry is the cause with which a timeout scope cancels its context.
// Each scope makes its own, so it can tell its own expiry from others.
type expiry struct {
	after time.Duration // for Timeout
	at    time.Time     // for TimeoutAt
}

func (e *expiry) Error() string {
	switch {
	case e.after != 0:
		return fmt.Sprintf("task: timed out after %v", e.after)
	case !e.at.IsZero():
		return "task: timed out at " + e.at.Format(time.RFC3339Nano)
	}
	return ErrTimeout.Error()
}

func (e *expiry) Unwrap() error { return ErrTimeout }

// result is what a scope that cancels ctx with e returns when its function
// returned err.
func (e *expiry) result(ctx context.Context, err error) error {
	if err == nil || context.Cause(ctx) != error(e) || !echoes(ctx, err) {
		return err
	}
	return fmt.Errorf("%w: %w", e, err)
}

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
// goroutine holding d) can move the deadline with d.Reschedule. The
// deadline starts at when; the zero time means no deadline until one is
// set. WithDeadline returns what TimeoutAt would.
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
	return d.cause.result(ctx, fn(ctx, d))
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
		d.cancel(d.cause)
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

// Expired reports whether the scope's context was canceled because this
// deadline passed (and not for another reason, such as an outer deadline).
func (d *Deadline) Expired() bool {
	return context.Cause(d.ctx) == error(d.cause)
}

func (d *Deadline) expire() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if !d.when.IsZero() && time.Until(d.when) <= 0 { // else rescheduled meanwhile
		d.cancel(d.cause)
	}
}

func (d *Deadline) close() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.timer != nil {
		d.timer.Stop()
	}
	d.cancel(nil)
}
