package conc

import (
	"context"
	"errors"

	"github.com/sourcegraph/conc"
	"github.com/sourcegraph/conc/pool"
)

func work(ctx context.Context, s string) error { return nil }

func waitGroup(items []string) error {
	var wg conc.WaitGroup
	for _, it := range items {
		wg.Go(func() { _ = it })
		if it == "" {
			return errors.New("empty") // want `waitGroup returns without waiting for the tasks wg\.Go starts \(line 16\): call wg\.Wait first`
		}
	}
	wg.Wait()
	return nil
}

func errorPool(ctx context.Context, items []string) error {
	p := pool.New().WithErrors().WithMaxGoroutines(4)
	for _, it := range items {
		p.Go(func() error { return work(ctx, it) })
	}
	p.Wait() // want `the error of p.Wait is dropped`
	return nil
}

func contextPool(ctx context.Context, items []string) error {
	p := pool.New().WithContext(ctx)
	for _, it := range items {
		p.Go(func(ctx context.Context) error { return work(ctx, it) }) // want `p.Go starts tasks that nothing waits for`
	}
	return nil
}

// Near misses.

func waited(ctx context.Context, items []string) error {
	p := pool.New().WithErrors()
	for _, it := range items {
		p.Go(func() error { return work(ctx, it) })
	}
	return p.Wait()
}

func plainPool(items []string) {
	p := pool.New()
	for _, it := range items {
		p.Go(func() { _ = it })
	}
	p.Wait()
}
