//go:build go1.25

package task_test

import (
	"bufio"
	"context"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/structlint/structlint/runtime/task"
)

func tree(t *testing.T) string {
	t.Helper()
	var b strings.Builder
	if err := task.WriteTree(&b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// serve is the body of the Run in TestWriteTree.
func serve(ctx context.Context, g *task.Group, snapshots *[]string, t *testing.T) error {
	g.GoNamed("listener", func(ctx context.Context) error {
		conns := task.NewGroup(ctx)
		for range 3 {
			conns.Go(waitDone(0))
		}
		return conns.Wait()
	})
	g.GoNamed("janitor", waitDone(time.Second))
	g.Go(waitDone(0))
	time.Sleep(90 * time.Second)
	*snapshots = append(*snapshots, tree(t))

	g.Go(func(ctx context.Context) error { return errBoom })
	synctest.Wait() // all but the janitor have returned
	*snapshots = append(*snapshots, tree(t))
	return nil
}

func TestWriteTree(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var snapshots []string
		task.Run(t.Context(), func(ctx context.Context, g *task.Group) error {
			return serve(ctx, g, &snapshots, t)
		})
		// Run's body is the closure above, named after the test.
		const body = "github.com/structlint/structlint/runtime/task_test.TestWriteTree.func1.1"
		want := []string{
			"group " + body + " (3 tasks)\n" +
				"├── task \"listener\" (running 1m30s)\n" +
				"│   └── group (waiting for 3 tasks)\n" +
				"└── task \"janitor\" (running 1m30s)\n",
			"group " + body + " (1 task, canceled: boom)\n" +
				"└── task \"janitor\" (running 1m30s)\n",
		}
		for i := range want {
			if snapshots[i] != want[i] {
				t.Errorf("tree %d:\n%s\nwant:\n%s", i, snapshots[i], want[i])
			}
		}
		if s := tree(t); s != "" {
			t.Errorf("tree after Run returned:\n%s\nwant it empty", s)
		}
	})
}

func TestWriteTreeKeepsEscapedGroups(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		outer := task.NewGroup(t.Context())
		var escaped *task.Group
		outer.GoNamed("maker", func(ctx context.Context) error {
			escaped = task.NewGroup(ctx) // owned by whoever waits for it, not by this task
			escaped.Go(func(ctx context.Context) error {
				time.Sleep(time.Hour)
				return nil
			})
			return nil
		})
		synctest.Wait()
		// The outer group has no task running: it is not listed, and the
		// escaped group moves up to the top.
		want := "group (1 task)\n"
		if s := tree(t); s != want {
			t.Errorf("after the task returned:\n%s\nwant:\n%s", s, want)
		}
		outer.Wait()
		want = "group (1 task, canceled: context canceled)\n"
		if s := tree(t); s != want {
			t.Errorf("after its group finished:\n%s\nwant:\n%s", s, want)
		}
		go escaped.Wait()
		synctest.Wait()
		want = "group (waiting for 1 task, canceled: context canceled)\n"
		if s := tree(t); s != want {
			t.Errorf("while Wait waits:\n%s\nwant:\n%s", s, want)
		}
		escaped.Wait()
		if s := tree(t); s != "" {
			t.Errorf("after both finished:\n%s\nwant it empty", s)
		}
	})
}

// labeled counts the goroutines whose pprof labels are exactly labels.
func labeled(t *testing.T, labels string) int {
	t.Helper()
	var b strings.Builder
	if err := pprof.Lookup("goroutine").WriteTo(&b, 1); err != nil {
		t.Fatal(err)
	}
	n, count := 0, 0
	sc := bufio.NewScanner(strings.NewReader(b.String()))
	for sc.Scan() {
		line := sc.Text()
		if k, rest, ok := strings.Cut(line, " @ "); ok && rest != "" {
			count, _ = strconv.Atoi(k)
		} else if line == "# labels: "+labels {
			n += count
		}
	}
	return n
}

func TestNamedTasksCarryPprofLabels(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx := pprof.WithLabels(t.Context(), pprof.Labels("app", "test"))
		g := task.NewGroup(ctx)
		var label string
		g.GoNamed("worker", func(ctx context.Context) error {
			label, _ = pprof.Label(ctx, "task")
			// A sibling started by the named task carries the group's
			// labels, not the name of the task that started it.
			g.Go(waitDone(0))
			return waitDone(0)(ctx)
		})
		synctest.Wait()
		if label != "worker" {
			t.Errorf(`pprof.Label(ctx, "task") = %q, want "worker"`, label)
		}
		if n := labeled(t, `{"app":"test", "task":"worker"}`); n != 1 {
			t.Errorf("%d goroutines labeled task=worker, want 1", n)
		}
		if n := labeled(t, `{"app":"test"}`); n != 1 {
			t.Errorf("%d goroutines labeled with the group's labels only, want 1", n)
		}
		g.Go(func(ctx context.Context) error { return errBoom })
		g.Wait()
	})
}

func TestPanicErrorNamesTheTask(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		g := task.NewGroup(t.Context())
		g.GoNamed("worker", func(ctx context.Context) error { explode(); return nil })
		p, _ := recoverPanic(func() { g.Wait() }).(*task.PanicError)
		if p == nil || p.Task != "worker" || !strings.HasPrefix(p.Error(), `task "worker" panicked: kaboom`) {
			t.Errorf("Wait panicked with %v, want the named task's *PanicError", p)
		}
	})
}

// Groups dropped without Wait, as on an early return between NewGroup and
// Wait, are garbage once their tasks have returned, and leave the tree.
func TestAbandonedGroupsAreCollected(t *testing.T) {
	const n = 1000
	var collected atomic.Int32
	release := make(chan struct{})
	func() {
		for i := range n {
			g := task.NewGroup(t.Context())
			switch i % 4 {
			case 1: // a task that has returned
				g.Go(func(ctx context.Context) error { return nil })
			case 2: // a task that made the group's context
				g.Go(func(ctx context.Context) error { <-ctx.Done(); return nil })
				g.Cancel()
			case 3: // a task still running
				g.GoNamed("blocked", func(ctx context.Context) error { <-release; return nil })
			}
			runtime.AddCleanup(g, func(c *atomic.Int32) { c.Add(1) }, &collected)
		}
	}()
	// The running tasks keep their groups, and the tree lists them, each
	// with its task, once the others have returned.
	waitFor(t, func() bool {
		s := tree(t)
		return strings.Count(s, "group (1 task)\n") == n/4 && strings.Count(s, "\n") == n/2
	})
	close(release)
	waitFor(t, func() bool { return tree(t) == "" })
	waitFor(t, func() bool {
		runtime.GC()
		return collected.Load() == n
	})
}

// waitFor polls cond, in real time, until it holds or a minute passes.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	for start := time.Now(); !cond(); time.Sleep(time.Millisecond) {
		if time.Since(start) > time.Minute {
			t.Fatal("condition not reached after a minute")
		}
	}
}

// A group whose Wait is joining its tasks when the last returns: once Wait
// has returned, the tree no longer lists it, and it is garbage.
func TestWaitedGroupsLeaveTheTree(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		const n = 100
		var collected atomic.Int32
		release := make(chan struct{})
		var waits sync.WaitGroup
		func() {
			for range n {
				g := task.NewGroup(t.Context())
				g.Go(func(ctx context.Context) error { <-release; return nil })
				waits.Go(func() { g.Wait() })
				runtime.AddCleanup(g, func(c *atomic.Int32) { c.Add(1) }, &collected)
			}
		}()
		synctest.Wait() // every Wait sleeps, joining its group's task
		if got := strings.Count(tree(t), "group (waiting for 1 task)\n"); got != n {
			t.Fatalf("the tree lists %d waiting groups, want %d:\n%s", got, n, tree(t))
		}
		close(release)
		waits.Wait()
		if s := tree(t); s != "" {
			t.Fatalf("after Wait, the tree lists:\n%s", s)
		}
		for i := 0; collected.Load() != n; i++ {
			if i == 50 {
				t.Fatalf("%d of %d waited groups collected after %d GCs", collected.Load(), n, i)
			}
			runtime.GC()
			time.Sleep(time.Millisecond)
		}
	})
}
