// Package outerctx has tasks that use the outer context instead of the
// group's, so a failure does not stop them.
package outerctx

import (
	"context"
	"fmt"
	"time"

	"golang.org/x/sync/errgroup"
)

// fetch stands for a request: an hour's wait (a second for "bad", which
// fails) unless its context is done first.
func fetch(ctx context.Context, url string) error {
	wait := time.Hour
	if url == "bad" {
		wait = time.Second
	}
	select {
	case <-time.After(wait):
	case <-ctx.Done():
		return ctx.Err()
	}
	if url == "bad" {
		return fmt.Errorf("%s: not found", url)
	}
	return nil
}

// ping stands for a health check of the group's own.
func ping(ctx context.Context) error { return ctx.Err() }

func fetchAll(ctx context.Context, urls []string) error {
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { return ping(gctx) })
	for _, u := range urls {
		g.Go(func() error {
			return fetch(ctx, u)
		})
	}
	return g.Wait()
}
