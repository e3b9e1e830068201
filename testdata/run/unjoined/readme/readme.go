// Package readme is the README's unjoined example: fetchAll drops the
// error of Wait.
package readme

import (
	"context"
	"fmt"
	"time"

	"golang.org/x/sync/errgroup"
)

// fetch stands for a request: a second's wait, and an error for "bad".
func fetch(ctx context.Context, url string) error {
	select {
	case <-time.After(time.Second):
	case <-ctx.Done():
		return ctx.Err()
	}
	if url == "bad" {
		return fmt.Errorf("%s: not found", url)
	}
	return nil
}

func fetchAll(ctx context.Context, urls []string) error {
	g, ctx := errgroup.WithContext(ctx)
	for _, url := range urls {
		g.Go(func() error { return fetch(ctx, url) })
	}
	g.Wait()
	return nil
}
