package groupctx

import (
	"context"
	"iter"

	"unjoined/groupctx/tenant"

	"golang.org/x/sync/errgroup"
)

// seq yields the elements of xs, for range-over-func loops.
func seq(xs []string) iter.Seq[string] {
	return func(yield func(string) bool) {
		for _, x := range xs {
			if !yield(x) {
				return
			}
		}
	}
}

// A function that only reads values from its context in the body of a
// range over a function, a literal that captures it (pomerium's
// addPolicies).
func logEach(ctx context.Context, xs []string) {
	for x := range seq(xs) {
		tenant.Log(ctx, x)
	}
}

func logsInRangeFunc(ctx context.Context, urls []string) error {
	g, gctx := errgroup.WithContext(ctx)
	for _, u := range urls {
		g.Go(func() error { return fetch(gctx, u) })
	}
	if err := g.Wait(); err != nil {
		return err
	}
	logEach(gctx, urls)
	return nil
}

// The same gap's bug twin: the literal passes the context to a call that
// waits on it.
func fetchEach(ctx context.Context, xs []string) {
	for x := range seq(xs) {
		_ = fetch(ctx, x)
	}
}

func fetchesInRangeFunc(ctx context.Context, urls []string) error {
	g, gctx := errgroup.WithContext(ctx)
	for _, u := range urls {
		g.Go(func() error { return fetch(gctx, u) })
	}
	if err := g.Wait(); err != nil {
		return err
	}
	fetchEach(gctx, urls) // want `gctx is the group's context, cancelled once g.Wait returns \(line \d+\): this call runs with a cancelled context`
	return nil
}
