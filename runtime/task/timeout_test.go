//go:build go1.25

package task_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/structlint/structlint/runtime/task"
)

// waitDone blocks until ctx is done, then takes cleanup to return ctx.Err().
func waitDone(cleanup time.Duration) func(ctx context.Context) error {
	return func(ctx context.Context) error {
		<-ctx.Done()
		time.Sleep(cleanup)
		return ctx.Err()
	}
}

func TestErrTimeoutIsDeadlineExceeded(t *testing.T) {
	if !errors.Is(task.ErrTimeout, context.DeadlineExceeded) {
		t.Error("errors.Is(ErrTimeout, context.DeadlineExceeded) = false")
	}
}

func TestTimeoutOwnExpiry(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		var deadline time.Time
		var cause error
		err := task.Timeout(t.Context(), 4*time.Second, func(ctx context.Context) error {
			deadline, _ = ctx.Deadline()
			<-ctx.Done()
			cause = context.Cause(ctx)
			time.Sleep(time.Second) // Timeout waits for fn
			return ctx.Err()
		})
		if !errors.Is(err, task.ErrTimeout) || !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("Timeout = %v, want ErrTimeout and DeadlineExceeded", err)
		}
		if !errors.Is(err, cause) || !strings.Contains(err.Error(), "timed out after 4s") {
			t.Errorf("Timeout = %v, want the scope's cause %v", err, cause)
		}
		if !deadline.Equal(start.Add(4*time.Second)) || time.Since(start) != 5*time.Second {
			t.Errorf("deadline %v, returned after %v; want start+4s, 5s", deadline.Sub(start), time.Since(start))
		}
	})
}

func TestTimeoutPassesFnResultsThrough(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		if err := task.Timeout(t.Context(), 4*time.Second, func(ctx context.Context) error {
			time.Sleep(time.Second)
			return errBoom
		}); err != errBoom {
			t.Errorf("fn failing before the deadline: Timeout = %v, want boom", err)
		}
		if err := task.Timeout(t.Context(), 4*time.Second, func(ctx context.Context) error {
			time.Sleep(5 * time.Second) // ignores ctx, but does the work
			return nil
		}); err != nil {
			t.Errorf("fn succeeding after the deadline: Timeout = %v, want nil", err)
		}
		if err := task.Timeout(t.Context(), 4*time.Second, func(ctx context.Context) error {
			<-ctx.Done()
			return errBoom
		}); err != errBoom {
			t.Errorf("fn failing otherwise after the deadline: Timeout = %v, want boom", err)
		}
	})
}

func TestTimeoutOuterDeadlineFirst(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		errOuter := errors.New("outer deadline")
		outer, cancel := context.WithTimeoutCause(t.Context(), 2*time.Second, errOuter)
		defer cancel()
		start := time.Now()
		var cause error
		err := task.Timeout(outer, 4*time.Second, func(ctx context.Context) error {
			<-ctx.Done()
			cause = context.Cause(ctx)
			return ctx.Err()
		})
		if errors.Is(err, task.ErrTimeout) || err != context.DeadlineExceeded {
			t.Errorf("Timeout = %v, want the outer deadline's context.DeadlineExceeded, not ErrTimeout", err)
		}
		if cause != errOuter || time.Since(start) != 2*time.Second {
			t.Errorf("fn saw cause %v after %v, want %v after 2s", cause, time.Since(start), errOuter)
		}
	})
}

func TestNestedTimeoutsKnowWhichExpired(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		// The outer deadline comes first: the inner scope passes it
		// through, the outer one reports its own timeout.
		var inner error
		err := task.Timeout(t.Context(), 2*time.Second, func(ctx context.Context) error {
			inner = task.Timeout(ctx, 4*time.Second, waitDone(0))
			return inner
		})
		if errors.Is(inner, task.ErrTimeout) || !errors.Is(inner, context.DeadlineExceeded) {
			t.Errorf("inner scope = %v, want the outer's DeadlineExceeded, not a timeout of its own", inner)
		}
		if !errors.Is(err, task.ErrTimeout) || !strings.Contains(err.Error(), "after 2s") {
			t.Errorf("outer scope = %v, want its own 2s timeout", err)
		}

		// The inner deadline comes first: the outer scope has not
		// expired, and passes the inner one's timeout through.
		err = task.Timeout(t.Context(), 8*time.Second, func(ctx context.Context) error {
			inner = task.Timeout(ctx, 4*time.Second, waitDone(0))
			return inner
		})
		if !errors.Is(inner, task.ErrTimeout) || err != inner || !strings.Contains(err.Error(), "after 4s") {
			t.Errorf("outer scope = %v, inner = %v; want the inner 4s timeout from both", err, inner)
		}
	})
}

// call stands in for a remote call that takes 5s unless ctx is done first.
func call(ctx context.Context) error {
	select {
	case <-time.After(5 * time.Second):
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func TestOneDeadlineOverConcurrentCalls(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		twoCalls := func(ctx context.Context, each func(context.Context) error) error {
			return task.Run(ctx, func(ctx context.Context, g *task.Group) error {
				g.Go(each)
				g.Go(each)
				return nil
			})
		}
		perCall := func(ctx context.Context) error { return task.Timeout(ctx, 4*time.Second, call) }
		start := time.Now()
		err := twoCalls(t.Context(), perCall)
		if !errors.Is(err, task.ErrTimeout) || time.Since(start) != 4*time.Second {
			t.Errorf("4s per call: %v after %v, want ErrTimeout after 4s", err, time.Since(start))
		}

		start = time.Now()
		err = task.Timeout(t.Context(), 8*time.Second, func(ctx context.Context) error { return twoCalls(ctx, call) })
		if err != nil || time.Since(start) != 5*time.Second {
			t.Errorf("8s over both: %v after %v, want nil after 5s", err, time.Since(start))
		}

		start = time.Now()
		err = task.Timeout(t.Context(), 3*time.Second, func(ctx context.Context) error { return twoCalls(ctx, call) })
		if !errors.Is(err, task.ErrTimeout) || time.Since(start) != 3*time.Second {
			t.Errorf("3s over both: %v after %v, want ErrTimeout after 3s", err, time.Since(start))
		}
	})
}

func TestTimeoutAt(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		at := time.Now().Add(time.Minute)
		err := task.TimeoutAt(t.Context(), at, waitDone(0))
		if !errors.Is(err, task.ErrTimeout) || !strings.Contains(err.Error(), "timed out at "+at.Format(time.RFC3339Nano)) {
			t.Errorf("TimeoutAt = %v, want its own timeout naming the deadline", err)
		}
		if !time.Now().Equal(at) {
			t.Errorf("TimeoutAt returned %v after the deadline", time.Since(at))
		}
	})
}

func TestTimeoutAtPastDeadline(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		err := task.TimeoutAt(t.Context(), time.Now().Add(-time.Second), func(ctx context.Context) error {
			if ctx.Err() == nil {
				t.Error("context not canceled when fn starts")
			}
			return ctx.Err()
		})
		if !errors.Is(err, task.ErrTimeout) {
			t.Errorf("TimeoutAt = %v, want ErrTimeout", err)
		}
	})
}

func TestWithDeadlineReschedule(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		var handle *task.Deadline
		err := task.WithDeadline(t.Context(), start.Add(2*time.Second), func(ctx context.Context, d *task.Deadline) error {
			handle = d
			if _, ok := ctx.Deadline(); ok {
				t.Error("ctx.Deadline reports a deadline that could move")
			}
			time.Sleep(time.Second)
			d.Reschedule(time.Now().Add(3 * time.Second)) // later: start+4s
			time.Sleep(2 * time.Second)
			if ctx.Err() != nil || d.Expired() {
				t.Error("expired at the old deadline")
			}
			if !d.When().Equal(start.Add(4 * time.Second)) {
				t.Errorf("When = start+%v, want start+4s", d.When().Sub(start))
			}
			return waitDone(0)(ctx)
		})
		if !errors.Is(err, task.ErrTimeout) || !errors.Is(err, context.DeadlineExceeded) || time.Since(start) != 4*time.Second {
			t.Errorf("WithDeadline = %v after %v, want ErrTimeout after 4s", err, time.Since(start))
		}
		if !handle.Expired() {
			t.Error("Expired = false after the deadline passed")
		}
		handle.Reschedule(time.Now().Add(time.Hour))
		if !handle.When().Equal(start.Add(4 * time.Second)) {
			t.Error("Reschedule after expiry moved the deadline")
		}

		start = time.Now()
		err = task.WithDeadline(t.Context(), start.Add(time.Hour), func(ctx context.Context, d *task.Deadline) error {
			d.Reschedule(start.Add(time.Second)) // earlier
			return waitDone(0)(ctx)
		})
		if !errors.Is(err, task.ErrTimeout) || time.Since(start) != time.Second {
			t.Errorf("rescheduled earlier: %v after %v, want ErrTimeout after 1s", err, time.Since(start))
		}
	})
}

func TestWithDeadlineWithoutDeadline(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		err := task.WithDeadline(t.Context(), time.Time{}, func(ctx context.Context, d *task.Deadline) error {
			if !d.When().IsZero() {
				t.Errorf("When = %v, want the zero time", d.When())
			}
			d.Reschedule(start.Add(time.Second))
			d.Reschedule(time.Time{}) // removes it again
			time.Sleep(time.Hour)
			if ctx.Err() != nil {
				t.Error("expired without a deadline")
			}
			d.Reschedule(time.Now()) // now: expires at once
			if ctx.Err() == nil || !d.Expired() {
				t.Error("Reschedule(now) did not expire the scope")
			}
			return ctx.Err()
		})
		if !errors.Is(err, task.ErrTimeout) || time.Since(start) != time.Hour {
			t.Errorf("WithDeadline = %v after %v, want ErrTimeout after 1h", err, time.Since(start))
		}
	})
}

func TestWithDeadlineOuterCancellation(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		outer, cancel := context.WithCancelCause(t.Context())
		time.AfterFunc(time.Second, func() { cancel(errStop) })
		var handle *task.Deadline
		err := task.WithDeadline(outer, time.Now().Add(time.Hour), func(ctx context.Context, d *task.Deadline) error {
			handle = d
			return waitDone(0)(ctx)
		})
		if err != context.Canceled || handle.Expired() {
			t.Errorf("WithDeadline = %v, Expired = %v; want the outer context.Canceled, false", err, handle.Expired())
		}
	})
}

func TestGroupUnderTimeout(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		err := task.Timeout(t.Context(), time.Second, func(ctx context.Context) error {
			return task.Run(ctx, func(ctx context.Context, g *task.Group) error {
				g.Go(waitDone(0))
				g.Go(waitDone(time.Second))
				return nil
			})
		})
		if !errors.Is(err, task.ErrTimeout) {
			t.Errorf("Timeout over a group = %v, want ErrTimeout", err)
		}
	})
}

// Nested scopes with deadlines at the same instant have both expired,
// whichever timer fires first: both report ErrTimeout, every run.
func TestEqualDeadlinesBothExpire(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		for i := range 50 {
			var inner error
			outer := task.Timeout(t.Context(), time.Second, func(ctx context.Context) error {
				inner = task.Timeout(ctx, time.Second, waitDone(0))
				return inner
			})
			if !errors.Is(inner, task.ErrTimeout) || !errors.Is(outer, task.ErrTimeout) {
				t.Fatalf("run %d: inner %v, outer %v; want ErrTimeout from both", i, inner, outer)
			}
			if inner.Error() != "task: timed out after 1s" || outer != inner {
				t.Fatalf("run %d: inner %q, outer %q; want the inner timeout, once", i, inner, outer)
			}
		}

		// Whose timer fired first decides nothing: here the outer one
		// has, before the inner scope even begins.
		at := time.Now()
		outerCtx, cancel := context.WithDeadlineCause(t.Context(), at, errors.New("outer deadline"))
		defer cancel()
		err := task.TimeoutAt(outerCtx, at, waitDone(0))
		if !errors.Is(err, task.ErrTimeout) {
			t.Errorf("the outer deadline at the same instant fired first: TimeoutAt = %v, want ErrTimeout", err)
		}

		// The handles agree: both scopes have expired.
		var innerD *task.Deadline
		when := time.Now().Add(time.Second)
		task.WithDeadline(t.Context(), when, func(ctx context.Context, outerD *task.Deadline) error {
			task.WithDeadline(ctx, when, func(ctx context.Context, d *task.Deadline) error {
				innerD = d
				return waitDone(0)(ctx)
			})
			if !outerD.Expired() || !innerD.Expired() {
				t.Errorf("equal deadlines: outer Expired %v, inner Expired %v; want both true", outerD.Expired(), innerD.Expired())
			}
			return ctx.Err()
		})
	})
}

// The same under real timers, which race.
func TestEqualDeadlinesBothExpireRealTime(t *testing.T) {
	for i := range 50 {
		var inner error
		deadline := time.Now().Add(time.Millisecond)
		outer := task.TimeoutAt(t.Context(), deadline, func(ctx context.Context) error {
			inner = task.TimeoutAt(ctx, deadline, waitDone(0))
			return inner
		})
		if !errors.Is(inner, task.ErrTimeout) || !errors.Is(outer, task.ErrTimeout) {
			t.Fatalf("run %d: inner %v, outer %v; want ErrTimeout from both", i, inner, outer)
		}
	}
}

// An inner scope's expiry reads as ErrTimeout in the outer scope too, as
// the package documents; the Deadline handles tell the scopes apart.
func TestExpiredTellsScopesApart(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var outerD, innerD *task.Deadline
		err := task.WithDeadline(t.Context(), time.Now().Add(time.Hour), func(ctx context.Context, d *task.Deadline) error {
			outerD = d
			return task.WithDeadline(ctx, time.Now().Add(time.Second), func(ctx context.Context, d *task.Deadline) error {
				innerD = d
				return waitDone(0)(ctx)
			})
		})
		if !errors.Is(err, task.ErrTimeout) {
			t.Errorf("outer scope = %v, want the inner expiry, which Is ErrTimeout", err)
		}
		if outerD.Expired() || !innerD.Expired() {
			t.Errorf("outer Expired %v, inner Expired %v; want false, true", outerD.Expired(), innerD.Expired())
		}

		// An earlier outer deadline ends the inner scope: the outer one
		// has expired, the inner one has not.
		task.WithDeadline(t.Context(), time.Now().Add(time.Second), func(ctx context.Context, d *task.Deadline) error {
			outerD = d
			return task.WithDeadline(ctx, time.Now().Add(time.Hour), func(ctx context.Context, d *task.Deadline) error {
				innerD = d
				return waitDone(0)(ctx)
			})
		})
		if !outerD.Expired() || innerD.Expired() {
			t.Errorf("outer deadline first: outer Expired %v, inner Expired %v; want true, false", outerD.Expired(), innerD.Expired())
		}
	})
}

// Each failure reads once, with its duration; a duration of zero or less
// reads as a deadline that had already passed.
func TestTimeoutMessages(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		err := task.Timeout(t.Context(), time.Second, func(ctx context.Context) error {
			return task.Run(ctx, func(ctx context.Context, g *task.Group) error {
				g.Go(waitDone(0))
				g.Go(waitDone(time.Second))
				return nil
			})
		})
		if !errors.Is(err, task.ErrTimeout) || err.Error() != "task: timed out after 1s" {
			t.Errorf("a group's tasks returned ctx.Err() under Timeout: %q, want %q", err, "task: timed out after 1s")
		}

		err = task.Timeout(t.Context(), 4*time.Second, waitDone(0))
		if err.Error() != "task: timed out after 4s" {
			t.Errorf("fn returned ctx.Err(): %q, want %q", err, "task: timed out after 4s")
		}
		err = task.Timeout(t.Context(), 4*time.Second, func(ctx context.Context) error {
			<-ctx.Done()
			return fmt.Errorf("fetch: %w", ctx.Err())
		})
		if err.Error() != "task: timed out after 4s: fetch: context deadline exceeded" {
			t.Errorf("fn wrapped ctx.Err(): %q, want the timeout, then fn's error", err)
		}

		for _, d := range []time.Duration{0, -time.Second} {
			err := task.Timeout(t.Context(), d, waitDone(0))
			if !errors.Is(err, task.ErrTimeout) || err.Error() != "task: timed out: the deadline had already passed" {
				t.Errorf("Timeout(%v) = %q, want ErrTimeout saying the deadline had already passed", d, err)
			}
		}
		at := time.Now().Add(-time.Second)
		err = task.TimeoutAt(t.Context(), at, waitDone(0))
		if want := "task: timed out: the deadline " + at.Format(time.RFC3339Nano) + " had already passed"; err.Error() != want {
			t.Errorf("TimeoutAt(past) = %q, want %q", err, want)
		}
	})
}

func TestMoveOnAfter(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		expired, err := task.MoveOnAfter(t.Context(), time.Second, waitDone(time.Second))
		if !expired || err != nil || time.Since(start) != 2*time.Second {
			t.Errorf("cut short: MoveOnAfter = %v, %v after %v; want true, nil after 2s (it waits for fn)", expired, err, time.Since(start))
		}
		expired, err = task.MoveOnAfter(t.Context(), time.Second, func(ctx context.Context) error {
			<-ctx.Done()
			return fmt.Errorf("poll: %w", ctx.Err())
		})
		if !expired || err != nil {
			t.Errorf("wrapped echo: MoveOnAfter = %v, %v; want true, nil", expired, err)
		}
		expired, err = task.MoveOnAfter(t.Context(), time.Second, func(ctx context.Context) error {
			time.Sleep(2 * time.Second) // ignores ctx, does the work
			return nil
		})
		if expired || err != nil {
			t.Errorf("fn returned nil after the deadline: MoveOnAfter = %v, %v; want false, nil", expired, err)
		}
		expired, err = task.MoveOnAfter(t.Context(), time.Second, func(ctx context.Context) error {
			<-ctx.Done()
			return errBoom
		})
		if expired || err != errBoom {
			t.Errorf("fn failed on its own: MoveOnAfter = %v, %v; want false, boom", expired, err)
		}
		expired, err = task.MoveOnAfter(t.Context(), 0, waitDone(0))
		if !expired || err != nil {
			t.Errorf("MoveOnAfter(0) = %v, %v; want true, nil", expired, err)
		}

		outer, cancel := context.WithCancelCause(t.Context())
		time.AfterFunc(time.Second, func() { cancel(errStop) })
		expired, err = task.MoveOnAfter(outer, time.Hour, waitDone(0))
		if expired || err != context.Canceled {
			t.Errorf("outer cancellation: MoveOnAfter = %v, %v; want false, context.Canceled", expired, err)
		}
		outerDL, cancelDL := context.WithTimeout(t.Context(), time.Second)
		defer cancelDL()
		expired, err = task.MoveOnAfter(outerDL, time.Hour, waitDone(0))
		if expired || err != context.DeadlineExceeded {
			t.Errorf("earlier outer deadline: MoveOnAfter = %v, %v; want false, context.DeadlineExceeded", expired, err)
		}
	})
}

type key struct{}

func TestShield(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		outer, cancel := context.WithTimeout(context.WithValue(t.Context(), key{}, "v"), time.Second)
		cancel() // the caller has been canceled
		start := time.Now()
		err := task.Shield(outer, time.Minute, func(ctx context.Context) error {
			if ctx.Err() != nil || ctx.Value(key{}) != "v" {
				t.Errorf("shielded context: Err %v, value %v; want nil, v", ctx.Err(), ctx.Value(key{}))
			}
			if d, _ := ctx.Deadline(); !d.Equal(start.Add(time.Minute)) {
				t.Errorf("shielded deadline %v from now, want its own 1m", d.Sub(start))
			}
			time.Sleep(time.Second) // cleanup that takes its time
			return nil
		})
		if err != nil || time.Since(start) != time.Second {
			t.Errorf("Shield = %v after %v, want nil after 1s", err, time.Since(start))
		}

		err = task.Shield(outer, time.Second, waitDone(0))
		if !errors.Is(err, task.ErrTimeout) || err.Error() != "task: timed out after 1s" {
			t.Errorf("Shield past its own deadline = %v, want its ErrTimeout", err)
		}
	})
}
