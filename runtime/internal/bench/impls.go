package bench

import (
	"context"
	"sync"

	"github.com/sourcegraph/conc/pool"
	"github.com/structlint/structlint/runtime/task"
	"golang.org/x/sync/errgroup"
)

// An Impl spawns n tasks and joins them, in two ways.
type Impl struct {
	Name string
	// Noop starts n tasks that do nothing and waits for them.
	Noop func(ctx context.Context, n int)
	// Done starts n tasks that each look at their context as code doing
	// I/O would, with a non-blocking receive from ctx.Done(), and waits for
	// them.
	Done func(ctx context.Context, n int)
	// Open makes a group and returns functions that start a task that does
	// nothing in it, from any goroutine, and that wait for the group.
	Open func(ctx context.Context) (spawn, wait func())
}

// Impls are task.Group, errgroup.WithContext, conc's context pool that
// cancels on error (the closest conc has to a task group), and a bare
// sync.WaitGroup (with context.WithCancel for Done).
var Impls = []Impl{
	{
		Name: "taskgroup",
		Noop: func(ctx context.Context, n int) {
			g := task.NewGroup(ctx)
			for range n {
				g.Go(func(context.Context) error { return nil })
			}
			g.Wait()
		},
		Done: func(ctx context.Context, n int) {
			g := task.NewGroup(ctx)
			for range n {
				g.Go(func(ctx context.Context) error { poll(ctx); return nil })
			}
			g.Wait()
		},
		Open: func(ctx context.Context) (spawn, wait func()) {
			g := task.NewGroup(ctx)
			return func() { g.Go(func(context.Context) error { return nil }) }, func() { g.Wait() }
		},
	},
	{
		Name: "errgroup",
		Noop: func(ctx context.Context, n int) {
			g, _ := errgroup.WithContext(ctx)
			for range n {
				g.Go(func() error { return nil })
			}
			g.Wait()
		},
		Done: func(ctx context.Context, n int) {
			g, ctx := errgroup.WithContext(ctx)
			for range n {
				g.Go(func() error { poll(ctx); return nil })
			}
			g.Wait()
		},
		Open: func(ctx context.Context) (spawn, wait func()) {
			g, _ := errgroup.WithContext(ctx)
			return func() { g.Go(func() error { return nil }) }, func() { g.Wait() }
		},
	},
	{
		Name: "conc",
		Noop: func(ctx context.Context, n int) {
			p := pool.New().WithContext(ctx).WithCancelOnError()
			for range n {
				p.Go(func(context.Context) error { return nil })
			}
			p.Wait()
		},
		Done: func(ctx context.Context, n int) {
			p := pool.New().WithContext(ctx).WithCancelOnError()
			for range n {
				p.Go(func(ctx context.Context) error { poll(ctx); return nil })
			}
			p.Wait()
		},
		Open: func(ctx context.Context) (spawn, wait func()) {
			p := pool.New().WithContext(ctx).WithCancelOnError()
			return func() { p.Go(func(context.Context) error { return nil }) }, func() { p.Wait() }
		},
	},
	{
		Name: "waitgroup",
		Noop: func(ctx context.Context, n int) {
			var wg sync.WaitGroup
			for range n {
				wg.Add(1)
				go func() { wg.Done() }()
			}
			wg.Wait()
		},
		Done: func(ctx context.Context, n int) {
			ctx, cancel := context.WithCancel(ctx)
			defer cancel()
			var wg sync.WaitGroup
			for range n {
				wg.Add(1)
				go func() { poll(ctx); wg.Done() }()
			}
			wg.Wait()
		},
		Open: func(ctx context.Context) (spawn, wait func()) {
			var wg sync.WaitGroup
			return func() { wg.Add(1); go wg.Done() }, wg.Wait
		},
	},
}

// poll checks whether ctx is done without blocking.
func poll(ctx context.Context) {
	select {
	case <-ctx.Done():
	default:
	}
}
