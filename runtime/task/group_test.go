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

func TestSetLimitBoundsRunningTasks(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		g := task.NewGroup(t.Context())
		g.SetLimit(2)
		var running, most atomic.Int32
		for range 6 {
			g.Go(func(ctx context.Context) error {
				n := running.Add(1)
				for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
				}
				time.Sleep(time.Second)
				running.Add(-1)
				return nil
			})
		}
		if err := g.Wait(); err != nil {
			t.Fatalf("Wait = %v, want nil", err)
		}
		if most.Load() != 2 || time.Since(start) != 3*time.Second {
			t.Errorf("at most %d tasks ran at once, all done after %v; want 2, 3s", most.Load(), time.Since(start))
		}
	})
}

func TestGoBlockedOnLimitReturnsWhenCanceled(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		parent, cancel := context.WithCancelCause(t.Context())
		g := task.NewGroup(parent)
		g.SetLimit(1)
		var blockedFor time.Duration
		var ran atomic.Bool
		g.Go(func(ctx context.Context) error {
			// The only slot is taken by this task, so Go blocks until the
			// group is canceled.
			g.Go(func(ctx context.Context) error {
				ran.Store(true)
				return errBoom
			})
			blockedFor = time.Since(start)
			time.Sleep(time.Second) // keep the slot after the cancellation
			return nil
		})
		time.Sleep(time.Second)
		cancel(errStop)
		err := g.Wait()
		if blockedFor != time.Second || ran.Load() {
			t.Errorf("Go returned after %v, fn ran: %v; want 1s, false", blockedFor, ran.Load())
		}
		if got := failures(t, err); !sameErrors(got, []error{errStop}) {
			t.Errorf("Wait listed %v, want only [stop]", got)
		}
	})
}

func TestTryGoNeverBlocks(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		g := task.NewGroup(t.Context())
		g.SetLimit(1)
		sleep := func(ctx context.Context) error {
			time.Sleep(time.Second)
			return nil
		}
		if !g.TryGo(sleep) {
			t.Error("TryGo with a free slot = false")
		}
		if g.TryGo(sleep) || time.Since(start) != 0 {
			t.Error("TryGo with no free slot = true or blocked")
		}
		time.Sleep(time.Second)
		synctest.Wait()
		if !g.TryGo(sleep) {
			t.Error("TryGo after the slot was freed = false")
		}
		if err := g.Wait(); err != nil {
			t.Errorf("Wait = %v, want nil", err)
		}

		unlimited := task.NewGroup(t.Context())
		for range 3 {
			if !unlimited.TryGo(sleep) {
				t.Error("TryGo without a limit = false")
			}
		}
		unlimited.Wait()
	})
}

func TestZeroLimitBlocksUntilCanceled(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		parent, cancel := context.WithCancel(t.Context())
		g := task.NewGroup(parent)
		g.SetLimit(0)
		time.AfterFunc(time.Second, cancel)
		start := time.Now()
		g.Go(func(ctx context.Context) error { t.Error("task ran under a limit of 0"); return nil })
		if time.Since(start) != time.Second {
			t.Errorf("Go returned after %v, want 1s", time.Since(start))
		}
		g.Wait()
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
