package waitgroup

import (
	"context"

	"golang.org/x/sync/errgroup"
)

// Correct: a plain goroutine feeds a group with a limit, blocking in Go
// while the group is full; the group's tasks start nothing, so the slots
// free up and the feeder goes on. That is the limit's throttling.
func feed(ctx context.Context, items []string, limit int) []string {
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(limit)
	out := make(chan string, limit)
	go func() {
		defer close(out)
		for _, it := range items {
			g.Go(func() error {
				if gctx.Err() != nil {
					return gctx.Err()
				}
				out <- it
				return nil
			})
		}
		_ = g.Wait()
	}()
	var got []string
	for s := range out {
		got = append(got, s)
	}
	return got
}
