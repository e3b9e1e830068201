// Package app has one finding of each structlint check, and near misses
// that must stay quiet.
package app

import (
	"context"
	"database/sql"
	"time"

	"example.com/fixture/store"
	"github.com/structlint/structlint/runtime/task"
	"golang.org/x/sync/errgroup"
)

type Result struct{ URL string }

func get(url string) *Result { return &Result{URL: url} }

func fetch(ctx context.Context, url string) error { return ctx.Err() }

// leakedgo: the goroutine blocks forever when ctx is done first.
func First(ctx context.Context, url string) (*Result, error) {
	results := make(chan *Result, 1)
	go func() {
		results <- get(url)
	}()
	select {
	case r := <-results:
		return r, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// unjoined: the error of Wait is dropped.
func FetchAll(ctx context.Context, urls []string) error {
	g, ctx := errgroup.WithContext(ctx)
	for _, url := range urls {
		g.Go(func() error { return fetch(ctx, url) })
	}
	if err := g.Wait(); err != nil {
		return err
	}
	return nil
}

// unjoined, on the runtime's own group.
func FetchEach(ctx context.Context, urls []string) error {
	g := task.NewGroup(ctx)
	for _, url := range urls {
		g.Go(func(ctx context.Context) error { return fetch(ctx, url) })
	}
	if err := g.Wait(); err != nil {
		return err
	}
	return nil
}

// ctxmissing: a query with a context that is never done.
func CheckDB(db *sql.DB) error {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	return db.PingContext(ctx)
}

// ctxmissing across packages: store.Count passes its context to the query.
func Count(s *store.Store) (int, error) {
	ctx, cancel := context.WithTimeout(context.TODO(), 30*time.Second)
	defer cancel()
	return s.Count(ctx)
}

// Near misses: none of these is reported.

func Buffered(ctx context.Context, url string) (*Result, error) {
	results := make(chan *Result, 1)
	go func() { results <- get(url) }()
	select {
	case r := <-results:
		return r, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func Joined(ctx context.Context, urls []string) error {
	g := task.NewGroup(ctx)
	for _, url := range urls {
		g.Go(func(ctx context.Context) error { return fetch(ctx, url) })
	}
	return g.Wait()
}

func Suppressed(ctx context.Context) {
	var g errgroup.Group
	g.Go(func() error { return fetch(ctx, "u") })
	//lint:ignore unjoined best effort: fetch reports its own errors
	g.Wait()
}
