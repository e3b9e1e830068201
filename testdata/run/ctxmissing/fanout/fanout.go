// Package fanout pings databases four at a time, each with a deadline of
// its own, and the whole with none.
package fanout

import (
	"context"
	"database/sql"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
)

// down returns the indexes of the databases that do not answer a ping.
func down(dbs []*sql.DB) []int {
	var mu sync.Mutex
	var out []int
	g, ctx := errgroup.WithContext(context.Background())
	g.SetLimit(4)
	for i, db := range dbs {
		g.Go(func() error {
			ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
			defer cancel()
			if db.PingContext(ctx) != nil {
				mu.Lock()
				out = append(out, i)
				mu.Unlock()
			}
			return nil
		})
	}
	g.Wait()
	return out
}
