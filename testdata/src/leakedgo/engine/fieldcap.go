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

// The same count read through options the function may have replaced
// with defaults first (opts = &leaseOptions{}): one value all the same,
// whose field nothing here writes (m3's LRU cache).
type leaseOptions struct{ max int }

type leasePool struct{ leases chan struct{} }

func newLeasePool(opts *leaseOptions) *leasePool {
	if opts == nil {
		opts = &leaseOptions{}
	}
	var leases chan struct{}
	if opts.max > 0 {
		leases = make(chan struct{}, opts.max)
		for i := 0; i < opts.max; i++ {
			leases <- struct{}{}
		}
	}
	return &leasePool{leases: leases}
}

func (p *leasePool) acquire() { <-p.leases }
func (p *leasePool) release() { p.leases <- struct{}{} }

// The twin: the defaults set the field, so the loop's count and the
// capacity may be read from different values of it.
func newLeasePoolDefault(opts *leaseOptions) *leasePool {
	if opts == nil {
		opts = &leaseOptions{max: 4}
	}
	leases := make(chan struct{}, opts.max)
	opts.max++
	for i := 0; i < opts.max; i++ {
		leases <- struct{}{} // want `newLeasePoolDefault blocks forever sending on leases`
	}
	return &leasePool{leases: leases}
}
