package groupctx

import (
	"context"
	"log"

	"golang.org/x/sync/errgroup"
)

// A group cancels its context when a task fails. When no task can fail
// (each returns nil, logging its errors), or the task is the group's only
// one (a group made, given one task and waited for on each turn), no other
// task's failure can cancel it: passing the outer context changes nothing
// (dragonfly's preheat jobs).

func preheatAll(ctx context.Context, peers [][]string) error {
	g, _ := errgroup.WithContext(ctx)
	for _, group := range peers {
		g.Go(func() error {
			for _, p := range group {
				pg, _ := errgroup.WithContext(ctx)
				pg.Go(func() error {
					return fetch(ctx, p)
				})
				if err := pg.Wait(); err != nil {
					log.Print(err)
				}
			}
			return nil
		})
	}
	return g.Wait()
}

func warmAll(ctx context.Context, urls []string) error {
	g, gctx := errgroup.WithContext(ctx)
	for _, u := range urls {
		g.Go(func() error {
			if err := fetch(ctx, u); err != nil {
				log.Print(err)
			}
			return nil
		})
	}
	_ = gctx
	return g.Wait()
}

// Twins: a sibling that can fail, and one task started on every turn of a
// loop into one group.

func warmOrFail(ctx context.Context, urls []string) error {
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error {
		if err := fetch(ctx, "primary"); err != nil { // want `task passes ctx, not the group's context gctx`
			log.Print(err)
		}
		return nil
	})
	g.Go(func() error {
		return fetch(gctx, "secondary")
	})
	return g.Wait()
}

func preheatEach(ctx context.Context, peers []string) error {
	pg, _ := errgroup.WithContext(ctx)
	for _, p := range peers {
		pg.Go(func() error {
			return fetch(ctx, p) // want `task passes ctx, not the group's context`
		})
	}
	return pg.Wait()
}
