package engine

import (
	"context"

	"golang.org/x/sync/errgroup"
)

// A lister hands its workers idle tokens on a channel whose capacity is
// the count of its loop: the same field, which nothing here writes.
type lister struct{ parallelism int }

func (l *lister) list(ctx context.Context, work func(context.Context) error) error {
	idle := make(chan int, l.parallelism)
	g, ctx := errgroup.WithContext(ctx)
	for i := 0; i < l.parallelism; i++ {
		idle <- 1
		g.Go(func() error {
			select {
			case <-idle:
			case <-ctx.Done():
				return ctx.Err()
			}
			return work(ctx)
		})
	}
	return g.Wait()
}

// listMore sends one token more than its channel holds, each round, while
// a task that fails ends the others.
func (l *lister) listMore(ctx context.Context, work func(context.Context) error) error {
	idle := make(chan int, l.parallelism)
	g, ctx := errgroup.WithContext(ctx)
	for i := 0; i < l.parallelism+1; i++ {
		idle <- 1 // want `listMore blocks forever sending on idle`
		g.Go(func() error {
			select {
			case <-idle:
			case <-ctx.Done():
				return ctx.Err()
			}
			return work(ctx)
		})
	}
	return g.Wait()
}
