//go:build go1.25

package task_test

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/structlint/structlint/runtime/task"
)

// The group's context is made only when a task first needs it; these tests
// look at it only after the group has been canceled, so that making it must
// replay what happened.

// isDone reports whether ctx's Done channel is closed.
func isDone(ctx context.Context) bool {
	select {
	case <-ctx.Done():
		return true
	default:
		return false
	}
}

func TestContextFirstUsedAfterFailure(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		parent, cancel := context.WithCancelCause(t.Context())
		g := task.NewGroup(parent)
		g.Go(func(ctx context.Context) error { return errBoom })
		synctest.Wait()
		cancel(errStop) // after the failure: the group's cause stays boom, and stop cuts nothing short
		var err, cause error
		var done, derivedDone bool
		g.Go(func(ctx context.Context) error {
			err, cause = ctx.Err(), context.Cause(ctx)
			derived, cancel := context.WithCancel(ctx)
			defer cancel()
			done, derivedDone = isDone(ctx), isDone(derived)
			return ctx.Err()
		})
		werr := g.Wait()
		if err != context.Canceled || cause != errBoom || !done || !derivedDone {
			t.Errorf("late task saw Err %v, cause %v, done %v, derived done %v; want canceled, boom, true, true",
				err, cause, done, derivedDone)
		}
		if got := failures(t, werr); !sameErrors(got, []error{errBoom}) {
			t.Errorf("Wait listed %v, want [boom]: the late task echoes the group's own cancellation", got)
		}
	})
}

func TestContextFirstUsedAfterParentDeadline(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		parent, cancel := context.WithTimeout(t.Context(), time.Second)
		defer cancel()
		g := task.NewGroup(parent)
		var err, cause error
		var deadline time.Time
		g.Go(func(ctx context.Context) error {
			time.Sleep(2 * time.Second)
			g.Go(func(context.Context) error { return errBoom }) // fails after the parent: not the cause
			synctest.Wait()
			err, cause = ctx.Err(), context.Cause(ctx)
			deadline, _ = ctx.Deadline()
			return nil
		})
		werr := g.Wait()
		want, _ := parent.Deadline()
		if err != context.DeadlineExceeded || cause != context.DeadlineExceeded || !deadline.Equal(want) {
			t.Errorf("task saw Err %v, cause %v, deadline %v; want the parent's %v, %v, %v",
				err, cause, deadline, context.DeadlineExceeded, context.DeadlineExceeded, want)
		}
		if got := failures(t, werr); !sameErrors(got, []error{errBoom}) {
			t.Errorf("Wait listed %v, want [boom]: the deadline cut no task short", got)
		}
	})
}

// A task that only polls Err sees the cancellation, and Err does not change
// once it has reported it.
func TestContextErrPolling(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		parent, cancel := context.WithCancelCause(t.Context())
		g := task.NewGroup(parent)
		var before, after, later error
		g.Go(func(ctx context.Context) error {
			before = ctx.Err()
			time.Sleep(2 * time.Second)
			after = ctx.Err()
			time.Sleep(2 * time.Second)
			later = ctx.Err()
			return nil
		})
		g.Go(func(ctx context.Context) error {
			time.Sleep(time.Second)
			return errBoom
		})
		time.Sleep(3 * time.Second)
		cancel(errStop)
		g.Wait()
		if before != nil || after != context.Canceled || later != context.Canceled {
			t.Errorf("Err before, after the failure and after the parent's cancellation: %v, %v, %v; want nil, canceled, canceled",
				before, after, later)
		}
	})
}

func TestAfterFuncOnTheGroupsContext(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		g := task.NewGroup(t.Context())
		var called atomic.Bool
		g.Go(func(ctx context.Context) error {
			context.AfterFunc(ctx, func() { called.Store(true) })
			time.Sleep(time.Second)
			return nil
		})
		g.Go(func(ctx context.Context) error {
			time.Sleep(time.Second / 2)
			return errBoom
		})
		synctest.Wait()
		time.Sleep(time.Second)
		synctest.Wait()
		if !called.Load() {
			t.Error("the function registered with context.AfterFunc did not run when a task failed")
		}
		g.Wait()
	})
}

func TestTasksOfAFinishedGroupSeeItCanceled(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		g := task.NewGroup(t.Context())
		var taskCtx context.Context
		g.Go(func(ctx context.Context) error {
			taskCtx = ctx
			return nil
		})
		g.Wait()
		if s := fmt.Sprint(taskCtx); s != "context.Background.WithCancel.WithCancel" {
			t.Errorf("the context prints as %q, want it named after its parent, as context's own are", s)
		}
		if !isDone(taskCtx) || taskCtx.Err() != context.Canceled || context.Cause(taskCtx) != context.Canceled {
			t.Errorf("after Wait, the context is done: %v, Err %v, cause %v; want true, canceled, canceled",
				isDone(taskCtx), taskCtx.Err(), context.Cause(taskCtx))
		}
	})
}

// Several goroutines wait for a group while tasks keep being added, under
// real scheduling: each Wait returns the same result, and none panics.
func TestConcurrentWaits(t *testing.T) {
	for range 300 {
		g := task.NewGroup(t.Context())
		var finished atomic.Bool
		g.Go(func(context.Context) error { runtime.Gosched(); return errBoom })
		var wg sync.WaitGroup
		errs := make([]error, 3)
		for i := range errs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs[i] = g.Wait()
				finished.Store(true)
			}()
		}
		func() {
			defer func() { recover() }() // Go panics once the group is finished
			for !finished.Load() {
				g.Go(func(context.Context) error { runtime.Gosched(); return nil })
				runtime.Gosched()
			}
		}()
		wg.Wait()
		for _, err := range errs {
			if !errors.Is(err, errBoom) || err != errs[0] {
				t.Fatalf("Waits returned %v, want the same error, with boom", errs)
			}
		}
	}
}
