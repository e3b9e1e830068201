//go:build go1.25

package task_test

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/structlint/structlint/runtime/task"
)

// Run reports the body's error even when the body has already waited for
// the group itself.
func TestRunBodyErrorAfterItsOwnWait(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		errLate := errors.New("late")
		err := task.Run(t.Context(), func(ctx context.Context, g *task.Group) error {
			g.Go(func(ctx context.Context) error { return nil })
			if err := g.Wait(); err != nil {
				return err
			}
			return errBoom
		})
		if got := failures(t, err); !sameErrors(got, []error{errBoom}) {
			t.Errorf("tasks succeeded, body failed after Wait: Run listed %v, want [boom]", got)
		}

		// The body returns the very error Wait gave it: reported once.
		var waitErr error
		err = task.Run(t.Context(), func(ctx context.Context, g *task.Group) error {
			g.Go(func(ctx context.Context) error { return errStop })
			waitErr = g.Wait()
			return waitErr
		})
		if err != waitErr || !sameErrors(failures(t, err), []error{errStop}) {
			t.Errorf("body returned Wait's error: Run = %v, want Wait's own %v, listing stop once", err, waitErr)
		}

		// Another error after a failed Wait: both, the tasks' first.
		err = task.Run(t.Context(), func(ctx context.Context, g *task.Group) error {
			g.Go(func(ctx context.Context) error { return errStop })
			g.Wait()
			return errLate
		})
		if got := failures(t, err); !sameErrors(got, []error{errStop, errLate}) {
			t.Errorf("body failed after a failed Wait: Run listed %v, want [stop late]", got)
		}

		// An echo of the finished group's cancellation is still an echo.
		err = task.Run(t.Context(), func(ctx context.Context, g *task.Group) error {
			g.Go(func(ctx context.Context) error { return nil })
			g.Wait()
			return ctx.Err()
		})
		if err != nil {
			t.Errorf("body returned ctx.Err() after Wait: Run = %v, want nil", err)
		}
	})
}

// SetLimit may run while Go calls are in flight: no data race (this test
// runs under -race in CI), the limit holds, and Wait returns.
func TestSetLimitConcurrentWithGo(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		g := task.NewGroup(t.Context())
		var running, most atomic.Int32
		work := func(ctx context.Context) error {
			n := running.Add(1)
			for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
			}
			time.Sleep(time.Millisecond)
			running.Add(-1)
			return nil
		}
		g.SetLimit(2)
		g.Go(work)
		limits := make(chan struct{})
		go func() {
			defer close(limits)
			for i := range 200 {
				g.SetLimit(1 + i%3)
				time.Sleep(time.Millisecond / 2)
			}
			g.SetLimit(3)
		}()
		for range 200 {
			g.Go(work)
		}
		<-limits
		if err := g.Wait(); err != nil {
			t.Fatalf("Wait = %v, want nil", err)
		}
		if most.Load() > 3 {
			t.Errorf("%d tasks ran at once, the limit was never above 3", most.Load())
		}

		// The first SetLimit races with a Go in flight on a group with no
		// task running yet.
		for range 200 {
			g := task.NewGroup(t.Context())
			set := make(chan struct{})
			go func() { g.SetLimit(1); close(set) }()
			g.Go(func(ctx context.Context) error { return nil })
			g.Go(func(ctx context.Context) error { return nil })
			<-set
			if err := g.Wait(); err != nil {
				t.Fatalf("Wait = %v, want nil", err)
			}
		}
	})
}

// Raising the limit releases the Go calls that wait for a slot, oldest
// first; lowering it stops no running task, and the limit counts tasks
// started before it was set.
func TestSetLimitRaiseReleasesWaitingGo(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		g := task.NewGroup(t.Context())
		g.SetLimit(0)
		var order []int
		for i := range 3 {
			go g.Go(func(ctx context.Context) error {
				order = append(order, i) // one at a time: the limit is 1 below
				time.Sleep(time.Second)
				return nil
			})
			synctest.Wait() // blocked, in this order
		}
		start := time.Now()
		g.SetLimit(1)
		if err := g.Wait(); err != nil {
			t.Fatalf("Wait = %v", err)
		}
		if fmt.Sprint(order) != "[0 1 2]" || time.Since(start) != 3*time.Second {
			t.Errorf("under a limit raised from 0 to 1, tasks ran in order %v within %v; want [0 1 2] within 3s",
				order, time.Since(start))
		}

		g = task.NewGroup(t.Context())
		sleep := func(ctx context.Context) error { time.Sleep(time.Second); return nil }
		g.Go(sleep)
		g.Go(sleep) // two tasks before the limit
		g.SetLimit(1)
		start = time.Now()
		g.Go(sleep) // waits until both have returned
		if time.Since(start) != time.Second {
			t.Errorf("Go under a limit of 1 with 2 tasks running returned after %v, want 1s", time.Since(start))
		}
		g.SetLimit(-1)
		start = time.Now()
		for range 3 {
			g.Go(sleep)
		}
		if time.Since(start) != 0 {
			t.Errorf("Go without a limit blocked for %v", time.Since(start))
		}
		g.Wait()
	})
}

// A task whose slot passes to a waiting Go keeps the group counted, so a
// Wait that is waiting also waits for the task of the Go it released.
func TestWaitWaitsForGoReleasedByALeavingTask(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		g := task.NewGroup(t.Context())
		g.SetLimit(1)
		g.Go(func(ctx context.Context) error { time.Sleep(time.Second); return nil })
		var ran atomic.Bool
		go g.Go(func(ctx context.Context) error { // another goroutine, blocked on the limit
			time.Sleep(time.Second)
			ran.Store(true)
			return nil
		})
		synctest.Wait()
		start := time.Now()
		if err := g.Wait(); err != nil || !ran.Load() || time.Since(start) != 2*time.Second {
			t.Errorf("Wait = %v after %v, blocked task ran: %v; want nil after 2s, true", err, time.Since(start), ran.Load())
		}
	})
}

// An echo is an error after the group was canceled that satisfies
// errors.Is with context.Canceled, or is the cause itself. A task that
// fails on its own with an error wrapping the cause has failed.
func TestEchoesAndFailuresAfterCancellation(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		errNotFound := errors.New("not found")
		g := task.NewGroup(t.Context())
		g.Go(func(ctx context.Context) error { return errNotFound })
		wrapped := fmt.Errorf("shard 2: %w", errNotFound)
		g.Go(func(ctx context.Context) error {
			<-ctx.Done()
			return wrapped // a failure of its own, though it wraps the cause
		})
		g.Go(func(ctx context.Context) error {
			<-ctx.Done()
			return &url.Error{Op: "Get", URL: "https://a.example", Err: ctx.Err()} // echo, wrapped
		})
		g.Go(func(ctx context.Context) error {
			<-ctx.Done()
			return context.Cause(ctx) // echo: the cause itself
		})
		g.Go(func(ctx context.Context) error {
			<-ctx.Done()
			return fmt.Errorf("after: %w", context.Canceled) // echo, wrapped
		})
		if got := failures(t, g.Wait()); !sameErrors(got, []error{errNotFound, wrapped}) {
			t.Errorf("Wait listed %v, want [not found, shard 2: not found]", got)
		}
	})
}

// If every task did its work, the parent's cancellation before Wait cut
// nothing short: Wait returns nil. When it cut a task short, it is reported.
func TestParentCancellationReportedOnlyWhenItCutATaskShort(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		parent, cancel := context.WithCancelCause(t.Context())
		g := task.NewGroup(parent)
		g.Go(func(ctx context.Context) error { return nil })
		g.Go(func(ctx context.Context) error {
			<-ctx.Done()
			return nil // stopped, and says it did its work
		})
		synctest.Wait()
		cancel(errStop)
		if err := g.Wait(); err != nil {
			t.Errorf("every task returned nil: Wait = %v, want nil", err)
		}

		// A task cut short echoes the cancellation: reported.
		parent, cancel = context.WithCancelCause(t.Context())
		g = task.NewGroup(parent)
		g.Go(func(ctx context.Context) error { return nil })
		g.Go(func(ctx context.Context) error {
			<-ctx.Done()
			return ctx.Err()
		})
		synctest.Wait()
		cancel(errStop)
		if err := g.Wait(); !errors.Is(err, errStop) || !sameErrors(failures(t, err), []error{errStop}) {
			t.Errorf("a task was cut short: Wait = %v, want [stop]", err)
		}

		// A Go that gave up waiting for a slot was cut short, too.
		parent, cancel = context.WithCancelCause(t.Context())
		g = task.NewGroup(parent)
		g.SetLimit(1)
		g.Go(func(ctx context.Context) error {
			<-ctx.Done()
			return nil
		})
		time.AfterFunc(time.Second, func() { cancel(errStop) })
		g.Go(func(ctx context.Context) error { t.Error("ran after the cancellation"); return nil })
		if err := g.Wait(); !errors.Is(err, errStop) {
			t.Errorf("a Go gave up its slot: Wait = %v, want stop", err)
		}
	})
}

// Wait re-panics with a *PanicError that carries the group's other
// failures, and says so.
func TestPanicErrorCarriesTheOtherFailures(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		errPanic := errors.New("panic value")
		g := task.NewGroup(t.Context())
		g.Go(func(ctx context.Context) error {
			time.Sleep(time.Second)
			panic(errPanic)
		})
		g.Go(func(ctx context.Context) error { return errBoom })
		g.Go(func(ctx context.Context) error {
			time.Sleep(2 * time.Second)
			panic("second")
		})
		p, _ := recoverPanic(func() { g.Wait() }).(*task.PanicError)
		if p == nil || p.Value != errPanic {
			t.Fatalf("Wait panicked with %v, want the first panic", p)
		}
		if len(p.Errors) != 2 || p.Errors[0] != errBoom {
			t.Fatalf("PanicError.Errors = %v, want [boom, the second panic]", p.Errors)
		}
		second, ok := p.Errors[1].(*task.PanicError)
		if !ok || second.Value != "second" {
			t.Errorf("PanicError.Errors[1] = %v, want the second panic", p.Errors[1])
		}
		msg := p.Error()
		if !strings.HasPrefix(msg, "task panicked: panic value\nthe group's 2 other failures:\n\tboom\n\ttask panicked: second\n") {
			t.Errorf("Error() = %q, want the panic, then the other failures", msg)
		}
		if !errors.Is(p, errPanic) {
			t.Error("errors.Is(PanicError, its value) = false: Unwrap() error broke")
		}
	})
}

// Cancel stops the group without a failure.
func TestCancel(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		g := task.NewGroup(t.Context())
		var cause error
		for range 2 {
			g.Go(func(ctx context.Context) error {
				<-ctx.Done()
				cause = context.Cause(ctx)
				return ctx.Err()
			})
		}
		g.Go(func(ctx context.Context) error {
			<-ctx.Done()
			return fmt.Errorf("flush: %w", context.Cause(ctx)) // wrapped echo
		})
		time.Sleep(time.Second)
		g.Cancel()
		if err := g.Wait(); err != nil {
			t.Errorf("after Cancel, tasks echoed it: Wait = %v, want nil", err)
		}
		if !errors.Is(cause, context.Canceled) {
			t.Errorf("context.Cause after Cancel = %v, want an error that Is context.Canceled", cause)
		}

		// A real failure after Cancel is still reported, and the parent's
		// later cancellation is not: Cancel came first.
		parent, cancel := context.WithCancelCause(t.Context())
		g = task.NewGroup(parent)
		g.Go(func(ctx context.Context) error {
			<-ctx.Done()
			time.Sleep(time.Second)
			return ctx.Err()
		})
		g.Go(func(ctx context.Context) error {
			<-ctx.Done()
			return errBoom
		})
		g.Cancel()
		cancel(errStop)
		if got := failures(t, g.Wait()); !sameErrors(got, []error{errBoom}) {
			t.Errorf("Wait listed %v, want [boom]", got)
		}

		// Cancel releases a Go waiting for a slot, and does not count as a
		// failure; Run's body may call it.
		err := task.Run(t.Context(), func(ctx context.Context, g *task.Group) error {
			g.SetLimit(1)
			g.Go(func(ctx context.Context) error { <-ctx.Done(); return ctx.Err() })
			time.AfterFunc(time.Second, g.Cancel)
			g.Go(func(ctx context.Context) error { t.Error("ran after Cancel"); return nil })
			return nil
		})
		if err != nil {
			t.Errorf("Run with Cancel = %v, want nil", err)
		}

		// After Wait, Cancel does nothing.
		g = task.NewGroup(t.Context())
		g.Go(func(ctx context.Context) error { return errBoom })
		first := g.Wait()
		g.Cancel()
		if again := g.Wait(); again != first {
			t.Errorf("Wait after Cancel after Wait = %v, want %v", again, first)
		}
	})
}
