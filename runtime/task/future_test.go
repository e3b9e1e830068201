//go:build go1.25

package task_test

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/structlint/structlint/runtime/task"
)

func TestSpawnResultWaitsForTheTask(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		g := task.NewGroup(t.Context())
		f := task.Spawn(g, func(ctx context.Context) (int, error) {
			time.Sleep(time.Second)
			return 42, nil
		})
		v, err := f.Result()
		if v != 42 || err != nil || time.Since(start) != time.Second {
			t.Errorf("Result = %v, %v after %v; want 42, nil after 1s", v, err, time.Since(start))
		}
		if v, err := f.Result(); v != 42 || err != nil {
			t.Errorf("second Result = %v, %v; want 42, nil", v, err)
		}
		if err := g.Wait(); err != nil {
			t.Errorf("Wait = %v, want nil", err)
		}
	})
}

func TestSpawnErrorIsAGroupFailure(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		g := task.NewGroup(t.Context())
		f := task.Spawn(g, func(ctx context.Context) (int, error) { return 7, errBoom })
		if v, err := f.Result(); v != 7 || err != errBoom {
			t.Errorf("Result = %v, %v; want 7, boom", v, err)
		}
		if got := failures(t, g.Wait()); !sameErrors(got, []error{errBoom}) {
			t.Errorf("Wait listed %v, want [boom]", got)
		}
	})
}

func TestSpawnPanic(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		g := task.NewGroup(t.Context())
		f := task.SpawnNamed(g, "calc", func(ctx context.Context) (int, error) { panic("kaboom") })
		v, err := f.Result()
		var p *task.PanicError
		if v != 0 || !errors.As(err, &p) || p.Value != "kaboom" || p.Task != "calc" {
			t.Fatalf("Result = %v, %v; want 0 and the *PanicError of task calc", v, err)
		}
		if r, _ := recoverPanic(func() { g.Wait() }).(*task.PanicError); !samePanic(r, p) {
			t.Errorf("Wait panicked with %v, want the panic Result returned", r)
		}
	})
}

func TestSpawnCanceledWhileWaitingForSlot(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		parent, cancel := context.WithCancelCause(t.Context())
		g := task.NewGroup(parent)
		g.SetLimit(1)
		g.Go(func(ctx context.Context) error {
			<-ctx.Done()
			return nil
		})
		time.AfterFunc(time.Second, func() { cancel(errStop) })
		f := task.Spawn(g, func(ctx context.Context) (int, error) {
			t.Error("fn ran after the group was canceled")
			return 1, nil
		})
		if v, err := f.Result(); v != 0 || err != errStop {
			t.Errorf("Result = %v, %v; want 0, stop", v, err)
		}
		g.Wait()
	})
}

func TestStartReturnsTheReadyValue(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		g := task.NewGroup(t.Context())
		addr, err := task.Start(g, func(ctx context.Context, ready func(string)) error {
			time.Sleep(time.Second)
			ready("127.0.0.1:80")
			ready("ignored")
			time.Sleep(time.Second)
			return errBoom // after ready: a failure of the group
		})
		if addr != "127.0.0.1:80" || err != nil || time.Since(start) != time.Second {
			t.Errorf("Start = %q, %v after %v; want the first ready value after 1s", addr, err, time.Since(start))
		}
		if got := failures(t, g.Wait()); !sameErrors(got, []error{errBoom}) || time.Since(start) != 2*time.Second {
			t.Errorf("Wait listed %v after %v, want [boom] after 2s", got, time.Since(start))
		}
	})
}

func TestStartErrorBeforeReadyIsNotAGroupFailure(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		g := task.NewGroup(t.Context())
		var siblingCanceled atomic.Bool
		g.Go(func(ctx context.Context) error {
			select {
			case <-ctx.Done():
				siblingCanceled.Store(true)
			case <-time.After(time.Hour):
			}
			return nil
		})
		_, err := task.Start(g, func(ctx context.Context, ready func(int)) error { return errBoom })
		if err != errBoom {
			t.Errorf("Start = %v, want boom", err)
		}
		if err := g.Wait(); err != nil || siblingCanceled.Load() {
			t.Errorf("Wait = %v, sibling canceled: %v; want nil, false", err, siblingCanceled.Load())
		}
	})
}

func TestStartReturnWithoutReady(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		g := task.NewGroup(t.Context())
		_, err := task.Start(g, func(ctx context.Context, ready func(int)) error { return nil })
		if err == nil || !strings.Contains(err.Error(), "without calling ready") {
			t.Errorf("Start = %v, want an error saying ready was not called", err)
		}
		if err := g.Wait(); err != nil {
			t.Errorf("Wait = %v, want nil", err)
		}
	})
}

func TestStartPanicBeforeReady(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		g := task.NewGroup(t.Context())
		r := recoverPanic(func() {
			task.StartNamed(g, "server", func(ctx context.Context, ready func(int)) error { explode(); return nil })
		})
		if p, ok := r.(*task.PanicError); !ok || p.Value != "kaboom" || p.Task != "server" {
			t.Errorf("Start panicked with %v, want the *PanicError of task server", r)
		}
		if err := g.Wait(); err != nil {
			t.Errorf("Wait = %v, want nil: the panic went to Start's caller", err)
		}
	})
}

func TestStartPanicAfterReadyIsTheGroups(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		g := task.NewGroup(t.Context())
		if _, err := task.Start(g, func(ctx context.Context, ready func(int)) error {
			ready(1)
			time.Sleep(time.Second)
			explode()
			return nil
		}); err != nil {
			t.Fatalf("Start = %v", err)
		}
		if _, ok := recoverPanic(func() { g.Wait() }).(*task.PanicError); !ok {
			t.Error("Wait did not re-panic the started task's panic")
		}
	})
}

func TestStartCanceledWhileWaitingForSlot(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		parent, cancel := context.WithCancelCause(t.Context())
		g := task.NewGroup(parent)
		g.SetLimit(1)
		g.Go(func(ctx context.Context) error {
			<-ctx.Done()
			return nil
		})
		time.AfterFunc(time.Second, func() { cancel(errStop) })
		_, err := task.Start(g, func(ctx context.Context, ready func(int)) error {
			t.Error("fn ran after the group was canceled")
			return nil
		})
		if err != errStop {
			t.Errorf("Start = %v, want stop", err)
		}
		g.Wait()
	})
}
