//go:build go1.25

package task_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/structlint/structlint/runtime/task"
)

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
