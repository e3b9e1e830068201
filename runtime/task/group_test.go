//go:build go1.25

// The module's go line is older than Go 1.23, which would keep the old timer
// channels; testing/synctest needs the new ones.
//go:debug asynctimerchan=0

package task_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/structlint/structlint/runtime/task"
)

var (
	errBoom = errors.New("boom")
	errStop = errors.New("stop")
)

// failures returns the errors Wait's error lists.
func failures(t *testing.T, err error) []error {
	t.Helper()
	multi, ok := err.(interface{ Unwrap() []error })
	if !ok {
		t.Fatalf("error %v (%T) has no Unwrap() []error", err, err)
	}
	return multi.Unwrap()
}

// sameErrors reports whether got lists exactly the errors in want, in order.
func sameErrors(got, want []error) bool {
	return slices.EqualFunc(got, want, func(a, b error) bool { return a == b })
}

// samePanic reports whether a and b are the same panic: value, stack and
// task. The PanicError that Wait panics with is its own, with the group's
// other failures added.
func samePanic(a, b *task.PanicError) bool {
	return a != nil && b != nil && a.Value == b.Value && bytes.Equal(a.Stack, b.Stack) && a.Task == b.Task
}

// recoverPanic calls f and returns what it panicked with, or nil.
func recoverPanic(f func()) (r any) {
	defer func() { r = recover() }()
	f()
	return nil
}

func TestWaitJoinsEveryTask(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		g := task.NewGroup(t.Context())
		var done atomic.Int32
		for i := range 3 {
			g.Go(func(ctx context.Context) error {
				time.Sleep(time.Duration(i+1) * time.Second)
				done.Add(1)
				return nil
			})
		}
		if err := g.Wait(); err != nil {
			t.Fatalf("Wait = %v, want nil", err)
		}
		if done.Load() != 3 || time.Since(start) != 3*time.Second {
			t.Errorf("Wait returned after %v with %d of 3 tasks done", time.Since(start), done.Load())
		}
	})
}

func TestWaitJoinsTasksStartedByTasks(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		g := task.NewGroup(t.Context())
		var grandchildDone atomic.Bool
		// A task hands the group to a child function, which starts more
		// tasks in it after Wait has begun.
		spawnChild := func(g *task.Group) {
			g.Go(func(ctx context.Context) error {
				time.Sleep(time.Second)
				g.Go(func(ctx context.Context) error {
					time.Sleep(time.Second)
					grandchildDone.Store(true)
					return nil
				})
				return nil
			})
		}
		g.Go(func(ctx context.Context) error {
			time.Sleep(time.Second)
			spawnChild(g)
			return nil
		})
		if err := g.Wait(); err != nil {
			t.Fatalf("Wait = %v, want nil", err)
		}
		if !grandchildDone.Load() || time.Since(start) != 3*time.Second {
			t.Errorf("Wait returned after %v, grandchild done: %v; want 3s, true", time.Since(start), grandchildDone.Load())
		}
	})
}

func TestWaitJoinsTasksAddedWhileWaiting(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		g := task.NewGroup(t.Context())
		g.Go(func(ctx context.Context) error {
			time.Sleep(2 * time.Second)
			return nil
		})
		var lateDone atomic.Bool
		go func() { // not a task: another goroutine that holds g
			time.Sleep(time.Second)
			g.Go(func(ctx context.Context) error {
				time.Sleep(5 * time.Second)
				lateDone.Store(true)
				return nil
			})
		}()
		if err := g.Wait(); err != nil {
			t.Fatalf("Wait = %v, want nil", err)
		}
		if !lateDone.Load() || time.Since(start) != 6*time.Second {
			t.Errorf("Wait returned after %v, late task done: %v; want 6s, true", time.Since(start), lateDone.Load())
		}
	})
}

func TestFirstFailureCancelsSiblings(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		g := task.NewGroup(t.Context())
		g.Go(func(ctx context.Context) error {
			time.Sleep(time.Second)
			return errBoom
		})
		var canceledAfter time.Duration
		var cause error
		g.Go(func(ctx context.Context) error {
			<-ctx.Done()
			canceledAfter, cause = time.Since(start), context.Cause(ctx)
			return ctx.Err()
		})
		err := g.Wait()
		if canceledAfter != time.Second || cause != errBoom {
			t.Errorf("sibling canceled after %v with cause %v; want 1s, %v", canceledAfter, cause, errBoom)
		}
		if got := failures(t, err); !sameErrors(got, []error{errBoom}) {
			t.Errorf("Wait listed %v, want [boom]: the sibling's context.Canceled is an echo", got)
		}
	})
}

func TestWaitListsEveryRealFailure(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		g := task.NewGroup(t.Context())
		errLate := errors.New("late")
		g.Go(func(ctx context.Context) error {
			time.Sleep(time.Second)
			return errBoom
		})
		g.Go(func(ctx context.Context) error { // ignores the cancellation and fails on its own
			time.Sleep(2 * time.Second)
			return errLate
		})
		g.Go(func(ctx context.Context) error { // echo, wrapped
			<-ctx.Done()
			return fmt.Errorf("fetch: %w", ctx.Err())
		})
		g.Go(func(ctx context.Context) error { // echo of the cause
			<-ctx.Done()
			return context.Cause(ctx)
		})
		err := g.Wait()
		if got := failures(t, err); !sameErrors(got, []error{errBoom, errLate}) {
			t.Errorf("Wait listed %v, want [boom late]", got)
		}
		if !errors.Is(err, errBoom) || !errors.Is(err, errLate) {
			t.Errorf("errors.Is(%v, boom / late) = false", err)
		}
	})
}

func TestCanceledBeforeGroupCancelIsAFailure(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		g := task.NewGroup(t.Context())
		g.Go(func(ctx context.Context) error {
			inner, cancel := context.WithCancel(ctx)
			cancel()
			return inner.Err() // the task's own context: not an echo of the group
		})
		err := g.Wait()
		if got := failures(t, err); !sameErrors(got, []error{context.Canceled}) {
			t.Errorf("Wait listed %v, want [context.Canceled]", got)
		}
	})
}

func TestParentCancellationSurfaces(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		parent, cancel := context.WithCancelCause(t.Context())
		g := task.NewGroup(parent)
		for range 2 {
			g.Go(func(ctx context.Context) error {
				<-ctx.Done()
				return ctx.Err()
			})
		}
		time.Sleep(time.Second)
		cancel(errStop)
		err := g.Wait()
		if !errors.Is(err, context.Cause(parent)) {
			t.Errorf("errors.Is(%v, context.Cause(parent)) = false", err)
		}
		if got := failures(t, err); !sameErrors(got, []error{errStop}) {
			t.Errorf("Wait listed %v, want [stop]", got)
		}
	})
}

func TestParentDeadlineSurfaces(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		parent, cancel := context.WithTimeout(t.Context(), time.Second)
		defer cancel()
		g := task.NewGroup(parent)
		g.Go(func(ctx context.Context) error {
			<-ctx.Done()
			return ctx.Err()
		})
		err := g.Wait()
		if got := failures(t, err); !sameErrors(got, []error{context.DeadlineExceeded}) {
			t.Errorf("Wait listed %v, want [context.DeadlineExceeded]", got)
		}
	})
}

// The parent's cancellation comes after a failure canceled the group: it
// cuts nothing short, and is not reported.
func TestParentCancellationAfterFailure(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		parent, cancel := context.WithCancelCause(t.Context())
		g := task.NewGroup(parent)
		g.Go(func(ctx context.Context) error { return errBoom })
		g.Go(func(ctx context.Context) error {
			<-ctx.Done()
			time.Sleep(time.Second)
			return nil
		})
		time.Sleep(time.Second / 2)
		cancel(errStop)
		err := g.Wait()
		if got := failures(t, err); !sameErrors(got, []error{errBoom}) {
			t.Errorf("Wait listed %v, want [boom]", got)
		}
	})
}

//go:noinline
func explode() { panic("kaboom") }

func TestPanicCancelsJoinsAndRepanicsInWait(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		g := task.NewGroup(t.Context())
		g.Go(func(ctx context.Context) error {
			time.Sleep(time.Second)
			explode()
			return nil
		})
		var siblingDone atomic.Bool
		var cause error
		g.Go(func(ctx context.Context) error {
			<-ctx.Done()
			cause = context.Cause(ctx)
			time.Sleep(time.Second) // cleanup that Wait must wait for
			siblingDone.Store(true)
			return ctx.Err()
		})
		r := recoverPanic(func() { g.Wait() })
		p, ok := r.(*task.PanicError)
		if !ok {
			t.Fatalf("Wait panicked with %#v, want a *task.PanicError", r)
		}
		if p.Value != "kaboom" || !bytes.Contains(p.Stack, []byte("task_test.explode")) {
			t.Errorf("PanicError{Value: %v, Stack: %s}, want kaboom and the stack of explode", p.Value, p.Stack)
		}
		if !siblingDone.Load() || time.Since(start) != 2*time.Second {
			t.Errorf("Wait panicked after %v, sibling done: %v; want 2s, true", time.Since(start), siblingDone.Load())
		}
		if c, _ := cause.(*task.PanicError); !samePanic(c, p) {
			t.Errorf("sibling saw cause %v, want the task's *PanicError", cause)
		}
		if again := recoverPanic(func() { g.Wait() }); again != p {
			t.Errorf("second Wait panicked with %v, want the same *PanicError", again)
		}
		if msg := p.Error(); !strings.HasPrefix(msg, "task panicked: kaboom\n") || !strings.Contains(msg, "explode") {
			t.Errorf("Error() = %q, want the value and the stack", msg)
		}
	})
}

func TestPanicErrorUnwrapsAnErrorValue(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		g := task.NewGroup(t.Context())
		g.Go(func(ctx context.Context) error { panic(errBoom) })
		r := recoverPanic(func() { g.Wait() })
		if err, ok := r.(error); !ok || !errors.Is(err, errBoom) {
			t.Errorf("Wait panicked with %v, want an error that Is boom", r)
		}
	})
}

func TestNestedPanicKeepsTheOriginal(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var inner *task.PanicError
		outer := task.NewGroup(t.Context())
		outer.Go(func(ctx context.Context) error {
			g := task.NewGroup(ctx)
			g.GoNamed("inner", func(ctx context.Context) error { explode(); return nil })
			inner, _ = recoverPanic(func() { g.Wait() }).(*task.PanicError)
			panic(inner)
		})
		r, _ := recoverPanic(func() { outer.Wait() }).(*task.PanicError)
		if inner == nil || !samePanic(r, inner) || inner.Task != "inner" {
			t.Errorf("outer Wait panicked with %v, want the inner task's panic %v", r, inner)
		}
	})
}

func TestGoexitIsAFailure(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		g := task.NewGroup(t.Context())
		var canceled atomic.Bool
		g.Go(func(ctx context.Context) error { runtime.Goexit(); return nil })
		g.Go(func(ctx context.Context) error {
			<-ctx.Done()
			canceled.Store(true)
			return nil
		})
		err := g.Wait()
		if err == nil || !strings.Contains(err.Error(), "Goexit") || !canceled.Load() {
			t.Errorf("Wait = %v, sibling canceled: %v; want an error naming Goexit, true", err, canceled.Load())
		}
	})
}

func TestFinishedGroup(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		g := task.NewGroup(t.Context())
		var taskCtx context.Context
		g.Go(func(ctx context.Context) error {
			taskCtx = ctx
			return errBoom
		})
		err := g.Wait()
		if taskCtx.Err() == nil {
			t.Error("the group's context is not canceled after Wait")
		}
		const want = "task: Go on a finished Group"
		noop := func(ctx context.Context) error { return nil }
		if r := recoverPanic(func() { g.Go(noop) }); r != want {
			t.Errorf("Go after Wait panicked with %v, want %q", r, want)
		}
		if r := recoverPanic(func() { g.TryGo(noop) }); r != want {
			t.Errorf("TryGo after Wait panicked with %v, want %q", r, want)
		}
		if again := g.Wait(); again != err {
			t.Errorf("second Wait = %v, want the first result %v", again, err)
		}
	})
}

func TestFinishedGroupCancelsWithoutFailure(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		g := task.NewGroup(t.Context())
		var taskCtx context.Context
		g.Go(func(ctx context.Context) error {
			taskCtx = ctx
			return nil
		})
		if err := g.Wait(); err != nil {
			t.Fatalf("Wait = %v, want nil", err)
		}
		if taskCtx.Err() != context.Canceled {
			t.Errorf("after Wait, ctx.Err() = %v, want context.Canceled", taskCtx.Err())
		}
	})
}

func TestWaitWithoutTasks(t *testing.T) {
	g := task.NewGroup(t.Context())
	if err := g.Wait(); err != nil {
		t.Errorf("Wait = %v, want nil", err)
	}
}

func TestRunBodyErrorIsAFailure(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var canceled atomic.Bool
		err := task.Run(t.Context(), func(ctx context.Context, g *task.Group) error {
			g.Go(func(ctx context.Context) error {
				<-ctx.Done()
				canceled.Store(true)
				return ctx.Err()
			})
			time.Sleep(time.Second)
			return errBoom
		})
		if got := failures(t, err); !sameErrors(got, []error{errBoom}) || !canceled.Load() {
			t.Errorf("Run listed %v, task canceled: %v; want [boom], true", got, canceled.Load())
		}
	})
}

func TestRunJoinsTasks(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		var done atomic.Bool
		err := task.Run(t.Context(), func(ctx context.Context, g *task.Group) error {
			g.Go(func(ctx context.Context) error {
				time.Sleep(time.Second)
				done.Store(true)
				return nil
			})
			return nil
		})
		if err != nil || !done.Load() || time.Since(start) != time.Second {
			t.Errorf("Run = %v after %v, task done: %v; want nil after 1s, true", err, time.Since(start), done.Load())
		}
	})
}

func TestRunBodyPanicJoinsTasksFirst(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var done atomic.Bool
		var cause error
		r := recoverPanic(func() {
			task.Run(t.Context(), func(ctx context.Context, g *task.Group) error {
				g.Go(func(ctx context.Context) error {
					<-ctx.Done()
					cause = context.Cause(ctx)
					time.Sleep(time.Second)
					done.Store(true)
					return nil
				})
				panic("body")
			})
		})
		if r != "body" || !done.Load() {
			t.Errorf("Run panicked with %v, task done: %v; want the body's panic after the task returned", r, done.Load())
		}
		if cause == nil || !strings.Contains(cause.Error(), "body panicked") {
			t.Errorf("task saw cause %v, want one saying the body panicked", cause)
		}
	})
}

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
		var causes [2]error
		for i := range causes {
			g.Go(func(ctx context.Context) error {
				<-ctx.Done()
				causes[i] = context.Cause(ctx)
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
		for _, cause := range causes {
			if !errors.Is(cause, context.Canceled) {
				t.Errorf("context.Cause after Cancel = %v, want an error that Is context.Canceled", cause)
			}
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

// Many tasks start more tasks while Wait waits, without synctest: the join
// must hold under real scheduling, too.
func TestWaitJoinsUnderContention(t *testing.T) {
	for range 100 {
		g := task.NewGroup(t.Context())
		var started, done atomic.Int64
		var spawn func(depth int)
		spawn = func(depth int) {
			started.Add(1)
			g.Go(func(ctx context.Context) error {
				if depth > 0 {
					spawn(depth - 1)
					spawn(depth - 1)
				}
				done.Add(1)
				return nil
			})
		}
		spawn(5)
		if err := g.Wait(); err != nil {
			t.Fatalf("Wait = %v, want nil", err)
		}
		if done.Load() != started.Load() {
			t.Fatalf("Wait returned with %d of %d tasks done", done.Load(), started.Load())
		}
	}
}
