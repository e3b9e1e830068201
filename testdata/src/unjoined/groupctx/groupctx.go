package groupctx

import (
	"context"
	"database/sql"

	"unjoined/groupctx/tenant"

	"github.com/structlint/structlint/runtime/task"
	"golang.org/x/sync/errgroup"
)

func fetch(ctx context.Context, url string) error { return ctx.Err() }

type logKey struct{}

// logger only reads a value from its context.
func logger(ctx context.Context) string {
	s, _ := ctx.Value(logKey{}).(string)
	return s
}

func note(string) {}

func outer(ctx context.Context, urls []string) error {
	g, gctx := errgroup.WithContext(ctx)
	for _, u := range urls {
		g.Go(func() error {
			return fetch(ctx, u) // want `task passes ctx, not the group's context gctx: when another task fails, the group cancels its context and this call goes on`
		})
	}
	_ = gctx
	return g.Wait()
}

func outerTask(ctx context.Context, urls []string) error {
	g := task.NewGroup(ctx)
	for _, u := range urls {
		g.Go(func(tctx context.Context) error {
			return fetch(ctx, u) // want `task passes ctx, not the group's context tctx`
		})
	}
	return g.Wait()
}

func afterWait(ctx context.Context, db *sql.DB, urls []string) error {
	g, ctx := errgroup.WithContext(ctx)
	for _, u := range urls {
		g.Go(func() error { return fetch(ctx, u) })
	}
	if err := g.Wait(); err != nil {
		return err
	}
	_, err := db.ExecContext(ctx, "INSERT INTO done VALUES (1)") // want `ctx is the group's context, cancelled once g.Wait returns \(line 51\): this call runs with a cancelled context`
	return err
}

func errAfterWait(ctx context.Context, urls []string) error {
	g, gctx := errgroup.WithContext(ctx)
	for _, u := range urls {
		g.Go(func() error { return fetch(gctx, u) })
	}
	g.Wait() // want `the error of g.Wait is dropped`
	return gctx.Err() // want `gctx is the group's context, cancelled once g.Wait returns \(line 63\): it reports the cancellation, not a failure`
}

// Near misses.

func shadowed(ctx context.Context, urls []string) error {
	g, ctx := errgroup.WithContext(ctx)
	for _, u := range urls {
		g.Go(func() error { return fetch(ctx, u) })
	}
	return g.Wait()
}

func outerAfterWait(ctx context.Context, db *sql.DB, urls []string) error {
	g, gctx := errgroup.WithContext(ctx)
	for _, u := range urls {
		g.Go(func() error { return fetch(gctx, u) })
	}
	if err := g.Wait(); err != nil {
		return err
	}
	_, err := db.ExecContext(ctx, "INSERT INTO done VALUES (1)")
	return err
}

func taskUsesOwn(ctx context.Context, urls []string) error {
	g := task.NewGroup(ctx)
	for _, u := range urls {
		g.Go(func(ctx context.Context) error { return fetch(ctx, u) })
	}
	return g.Wait()
}

func checksCancellation(ctx context.Context) bool {
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error { return fetch(ctx, "u") })
	g.Wait()
	select {
	case <-ctx.Done(): // inspecting, as errgroup's own tests do
		return context.Cause(ctx) != nil
	default:
		return false
	}
}

// A task with an unnamed context parameter, as the rewrite onto task.Group
// writes it: the fix could not name the group's context (x/vuln, gopls).
func unnamedParam(ctx context.Context, urls []string) error {
	g := task.NewGroup(ctx)
	for _, u := range urls {
		g.Go(func(context.Context) error { return fetch(ctx, u) })
	}
	return g.Wait()
}

// A context only read for its values is the same cancelled or not: a task
// may log with the outer one, and the caller after Wait with the group's.
func logsWithOuter(ctx context.Context, urls []string) error {
	g, gctx := errgroup.WithContext(ctx)
	for _, u := range urls {
		g.Go(func() error {
			note(logger(ctx))
			return fetch(gctx, u)
		})
	}
	return g.Wait()
}

func logsAfterWait(ctx context.Context, urls []string) error {
	g, ctx := errgroup.WithContext(ctx)
	for _, u := range urls {
		g.Go(func() error { return fetch(ctx, u) })
	}
	err := g.Wait()
	note(logger(ctx))
	return err
}

// Contexts only read for values through an interface the other package
// implements (tenant.Resolver, behind tenant.Logger) or through log/slog's
// handlers (tenant.Log).
func logsThroughInterface(ctx context.Context, urls []string) error {
	g, gctx := errgroup.WithContext(ctx)
	for _, u := range urls {
		g.Go(func() error {
			tenant.Logger(ctx).Info("fetching")
			tenant.Log(ctx, u)
			return fetch(gctx, u)
		})
	}
	err := g.Wait()
	tenant.Log(gctx, "done")
	return err
}

// The same gap's bug twin: an implementation that watches the context.
// The Store's only implementation ignores it: what others elsewhere do,
// the model cannot see, and it does not count what it cannot see.
func fetchesThroughInterface(ctx context.Context, f tenant.Fetcher, s tenant.Store, urls []string) error {
	g, gctx := errgroup.WithContext(ctx)
	for _, u := range urls {
		g.Go(func() error {
			if err := s.Load(ctx, u); err != nil {
				return err
			}
			return f.Fetch(ctx, u) // want `task passes ctx, not the group's context gctx`
		})
	}
	_ = gctx
	return g.Wait()
}

// logf is a short name for logger, which only reads values.
var logf = logger

// Calls through package variables that only ever hold one function (logf
// here, tenant.L there) call that function: they only read values.
func logsThroughAlias(ctx context.Context, urls []string) error {
	g, gctx := errgroup.WithContext(ctx)
	for _, u := range urls {
		g.Go(func() error { return fetch(gctx, u) })
	}
	err := g.Wait()
	note(logf(gctx))
	tenant.L(gctx).Info("done")
	return err
}

// The same gap's bug twin: a variable that holds a function which looks
// at the cancellation. One the package may replace (tenant.Trace) may
// hold anything: not counted.
func checksThroughAlias(ctx context.Context, urls []string) error {
	g, gctx := errgroup.WithContext(ctx)
	for _, u := range urls {
		g.Go(func() error { return fetch(gctx, u) })
	}
	if err := g.Wait(); err != nil {
		return err
	}
	tenant.Trace(gctx)
	return tenant.Check(gctx) // want `gctx is the group's context, cancelled once g.Wait returns \(line 200\): this call runs with a cancelled context`
}

// The context is done before Wait: its Err says what cancelled it then
// (the parent, as a task's failure Wait returns first), not Wait.
func doneFirst(ctx context.Context, jobs <-chan string) error {
	g, ctx := errgroup.WithContext(ctx)
	for {
		select {
		case <-ctx.Done():
			if err := g.Wait(); err != nil {
				return err
			}
			return ctx.Err()
		case j := <-jobs:
			g.Go(func() error { return fetch(ctx, j) })
		}
	}
}

// Its bug twin: the jobs run out, and Wait cancels the context.
func jobsRunOut(ctx context.Context, jobs <-chan string) error {
	g, ctx := errgroup.WithContext(ctx)
	for {
		select {
		case <-ctx.Done():
			return g.Wait()
		case j, ok := <-jobs:
			if !ok {
				if err := g.Wait(); err != nil {
					return err
				}
				return ctx.Err() // want `ctx is the group's context, cancelled once g.Wait returns \(line 233\): it reports the cancellation, not a failure`
			}
			g.Go(func() error { return fetch(ctx, j) })
		}
	}
}
