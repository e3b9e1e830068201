// Package fanout pins the fan-out whose tasks each get a deadline while
// the whole has none, and the fix that puts one over the whole.
package fanout

import (
	"context"
	"database/sql"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/structlint/structlint/runtime/task"
)

func pingAll(dbs []*sql.DB) error {
	g, ctx := errgroup.WithContext(context.Background())
	g.SetLimit(4)
	for _, db := range dbs {
		g.Go(func() error {
			ctx, cancel := context.WithTimeout(ctx, 5*time.Second) // want `each task started at line 20 gets its own deadline here, but the tasks take turns and the fan-out has no deadline as a whole: its context comes from context.Background\(\) at line 17; put one deadline over the group \(task.Timeout\)`
			defer cancel()
			return db.PingContext(ctx)
		})
	}
	return g.Wait()
}

func pingEach(dbs []*sql.DB) {
	ctx := context.Background()
	sem := make(chan struct{}, 4)
	var wg sync.WaitGroup
	for _, db := range dbs {
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer func() {
				<-sem
				wg.Done()
			}()
			ctx, cancel := context.WithTimeout(ctx, time.Second) // want `each task started at line 36 gets its own deadline here`
			defer cancel()
			db.PingContext(ctx)
		}()
	}
	wg.Wait()
}

func inGroup(dbs []*sql.DB) error {
	g := task.NewGroup(context.TODO())
	g.SetLimit(8)
	for _, db := range dbs {
		g.Go(func(ctx context.Context) error {
			ctx, cancel := context.WithTimeout(ctx, time.Second) // want `each task started at line 53 gets its own deadline here, but the tasks take turns and the fan-out has no deadline as a whole: its context comes from context.TODO\(\) at line 50`
			defer cancel()
			return db.PingContext(ctx)
		})
	}
	return g.Wait()
}

// A task of a fan-out that waits with no deadline at all gets one over
// the whole fan-out, not one of its own.
func noDeadlines(dbs []*sql.DB) error {
	g, ctx := errgroup.WithContext(context.Background())
	for _, db := range dbs {
		g.Go(func() error {
			return db.PingContext(ctx) // want `\(\*sql.DB\).PingContext can block forever: its context comes from context.Background\(\) at line 65`
		})
	}
	return g.Wait()
}

// Near misses.

// The tasks run at once: their own deadlines bound the whole.
func allAtOnce(dbs []*sql.DB) error {
	g, ctx := errgroup.WithContext(context.Background())
	for _, db := range dbs {
		g.Go(func() error {
			ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
			defer cancel()
			return db.PingContext(ctx)
		})
	}
	return g.Wait()
}

// The caller's context may bound the whole.
func callers(ctx context.Context, dbs []*sql.DB) error {
	g, ctx := errgroup.WithContext(ctx)
	for _, db := range dbs {
		g.Go(func() error {
			ctx, cancel := context.WithTimeout(ctx, time.Second)
			defer cancel()
			return db.PingContext(ctx)
		})
	}
	return g.Wait()
}

func bounded(dbs []*sql.DB) error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	g, ctx := errgroup.WithContext(ctx)
	for _, db := range dbs {
		g.Go(func() error {
			ctx, cancel := context.WithTimeout(ctx, time.Second)
			defer cancel()
			return db.PingContext(ctx)
		})
	}
	return g.Wait()
}

// One task is no fan-out.
func single(db *sql.DB) error {
	g, ctx := errgroup.WithContext(context.Background())
	g.Go(func() error {
		ctx, cancel := context.WithTimeout(ctx, time.Second)
		defer cancel()
		return db.PingContext(ctx)
	})
	return g.Wait()
}

// Each task makes its own context: there is no shared one to bound.
func ownContexts(dbs []*sql.DB) {
	var wg sync.WaitGroup
	for _, db := range dbs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ctx, cancel := context.WithTimeout(context.Background(), time.Second)
			defer cancel()
			db.PingContext(ctx)
		}()
	}
	wg.Wait()
}

// The deadline is not used to bound anything.
func unused(n int) {
	root := context.Background()
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, cancel := context.WithTimeout(root, time.Hour)
			cancel()
		}()
	}
	wg.Wait()
}
