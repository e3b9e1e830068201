package task

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// ErrTimeout matches, by errors.Is, the error of a timeout scope (Timeout,
// TimeoutAt, WithDeadline, Shield) whose deadline cut its function short.
// A timeout is a deadline exceeded, so errors.Is(err,
// context.DeadlineExceeded) holds for such an error, and for ErrTimeout,
// too.
//
// errors.Is(err, ErrTimeout) says that some timeout scope expired: the one
// that returned err, or one nested inside it whose error its function
// passed on. It does not say which; the [Deadline] handle of
// [WithDeadline] does, through its Expired method.
var ErrTimeout error = timeoutError{}

type timeoutError struct{}

func (timeoutError) Error() string        { return "task: timed out" }
func (timeoutError) Is(target error) bool { return target == context.DeadlineExceeded }

// Timeout runs fn with a context that is canceled d from now, and waits for
// fn to return: one deadline over everything fn does, like Python's "async
// with asyncio.timeout(d)". It is TimeoutAt(ctx, time.Now().Add(d), fn),
// except that its error says "timed out after d". A d of zero or less is a
// deadline that has already passed: fn's context is done from the start.
func Timeout(ctx context.Context, d time.Duration, fn func(ctx context.Context) error) error {
	deadline := time.Now().Add(d)
	return timeoutScope(ctx, deadline, &expiry{deadline: deadline, after: d, past: d <= 0}, fn)
}

// TimeoutAt runs fn with a context that is canceled at deadline, and waits
// for fn to return. The context's Deadline reports the deadline (or an
// earlier one of ctx), and its cause once expired is this scope's own
// timeout error.
//
// TimeoutAt returns fn's error, except when the scope has expired (its
// deadline passed, see below) and fn's error echoes the cancellation (see
// [Group.Go]). Then it returns an error that satisfies errors.Is with both
// ErrTimeout and context.DeadlineExceeded, and reads once: this scope's
// timeout error if fn returned just ctx.Err() or context.Cause(ctx); fn's
// error itself if it already is a timeout (a group's error, say, or a
// nested scope's); otherwise this scope's timeout error wrapping fn's. If
// fn returns nil, TimeoutAt returns nil, even after the deadline: the work
// was done.
//
// The scope has expired when its context was ended by its deadline: by its
// own timer, or by an outer deadline at the same instant or later. Nested
// scopes with equal deadlines therefore all expire, on every run, and not
// whichever timer happened to fire first. When ctx is canceled, or reaches
// an earlier deadline of its own, first, that is not this scope's timeout:
// fn's error passes through unchanged, so an enclosing scope can recognize
// its own. A deadline already past cancels the context before fn is called.
func TimeoutAt(ctx context.Context, deadline time.Time, fn func(ctx context.Context) error) error {
	return timeoutScope(ctx, deadline, &expiry{deadline: deadline, at: deadline, past: !time.Now().Before(deadline)}, fn)
}

// MoveOnAfter runs fn under a deadline d from now, like trio's
// move_on_after: when d expires, fn's context is canceled, and its own
// expiry is not an error.
//
// It reports expired = true and err = nil when the deadline cut fn short
// and fn returned only that cancellation (an echo, see [Group.Go]); the
// scope expires as TimeoutAt's does. Any other error of fn is returned,
// with expired = false, and so is nil: a fn that returns nil was not cut
// short, even if the deadline passed. When an outer cancellation, or an
// earlier outer deadline, ends fn's context, MoveOnAfter returns fn's error
// as it is (ctx.Err(), say) with expired = false. A d of zero or less has
// already passed when fn starts.
func MoveOnAfter(ctx context.Context, d time.Duration, fn func(ctx context.Context) error) (expired bool, err error) {
	deadline := time.Now().Add(d)
	e := &expiry{deadline: deadline, after: d, past: d <= 0}
	ctx, cancel := context.WithDeadlineCause(ctx, deadline, e)
	defer cancel()
	err = fn(ctx)
	if err != nil && endedBy(ctx, deadline, e) && echoes(ctx, err) {
		return true, nil
	}
	return false, err
}

// Shield runs fn with a context that keeps ctx's values but not its
// cancellation or deadline, bounded by a deadline d of its own, and waits
// for fn (trio's shield=True, asyncio.shield). It is for cleanup that must
// finish after the caller is canceled: closing a session, flushing a
// buffer, releasing a lease. Its own expiry is ErrTimeout, as Timeout's
// is; Shield returns what Timeout(context.WithoutCancel(ctx), d, fn) would.
func Shield(ctx context.Context, d time.Duration, fn func(ctx context.Context) error) error {
	return Timeout(context.WithoutCancel(ctx), d, fn)
}

func timeoutScope(ctx context.Context, deadline time.Time, e *expiry, fn func(ctx context.Context) error) error {
	ctx, cancel := context.WithDeadlineCause(ctx, deadline, e)
	defer cancel()
	err := fn(ctx)
	if err == nil || !endedBy(ctx, deadline, e) {
		return err
	}
	return e.result(ctx, err)
}

// endedBy reports whether ctx, the context of a scope with the given
// deadline and expiry e, was ended by that deadline: by the scope's own
// timer (its cause is e), or by an outer deadline at the same instant or
// later, whose timer fired first.
func endedBy(ctx context.Context, deadline time.Time, e *expiry) bool {
	var ended time.Time // the deadline that ended ctx
	switch cause := context.Cause(ctx); {
	case cause == error(e):
		return true
	case cause == nil:
		return false
	case isExpiry(cause):
		ended = cause.(*expiry).deadline // another scope's
	case ctx.Err() == context.DeadlineExceeded:
		// Ended by a deadline of the context package, the earliest of
		// the chain, which ctx's Deadline reports.
		var ok bool
		if ended, ok = ctx.Deadline(); !ok {
			return false
		}
	default:
		return false // a cancellation
	}
	return !deadline.IsZero() && !deadline.After(ended)
}

func isExpiry(err error) bool {
	_, ok := err.(*expiry)
	return ok
}

// An expiry is the cause with which a timeout scope cancels its context.
// Each scope makes its own.
type expiry struct {
	deadline time.Time     // when it expires (for WithDeadline, set when it does)
	after    time.Duration // Timeout's d, for the message
	at       time.Time     // TimeoutAt's deadline, for the message
	past     bool          // the deadline had passed when the scope began
}

func (e *expiry) Error() string {
	switch {
	case e.past && !e.at.IsZero():
		return "task: timed out: the deadline " + e.at.Format(time.RFC3339Nano) + " had already passed"
	case e.past:
		return "task: timed out: the deadline had already passed"
	case e.after != 0:
		return fmt.Sprintf("task: timed out after %v", e.after)
	case !e.at.IsZero():
		return "task: timed out at " + e.at.Format(time.RFC3339Nano)
	}
	return ErrTimeout.Error()
}

func (e *expiry) Unwrap() error { return ErrTimeout }

// result is what an expired scope that canceled ctx with e returns when its
// function returned err, which is not nil.
func (e *expiry) result(ctx context.Context, err error) error {
	switch {
	case !echoes(ctx, err):
		return err
	case err == ctx.Err() || err == context.Cause(ctx):
		return e
	case errors.Is(err, ErrTimeout):
		return err
	}
	return fmt.Errorf("%w: %w", e, err)
}
