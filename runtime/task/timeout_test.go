//go:build go1.25

package task_test

import (
	"context"
	"errors"
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
