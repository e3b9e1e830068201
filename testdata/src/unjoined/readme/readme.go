// Package readme holds the README's unjoined example in a file of its own,
// whose parenthesized import block names errgroup for it alone.
package readme

import (
	"context"
	"net/http"

	"golang.org/x/sync/errgroup"
)

func fetch(ctx context.Context, url string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	_ = req
	return nil
}

func fetchAll(ctx context.Context, urls []string) error {
	g, ctx := errgroup.WithContext(ctx)
	for _, url := range urls {
		g.Go(func() error { return fetch(ctx, url) })
	}
	g.Wait() // want `the error of g.Wait is dropped, so a failing task goes unnoticed \(the task at line 24 can fail\)`
	return nil
}
