//go:build go1.25

package task_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"testing/synctest"
	"time"

	"github.com/structlint/structlint/runtime/task"
)

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
