package a

import (
	"context"
	"errors"
	"sync"

	"golang.org/x/sync/errgroup"
)

// A task that records its error where its spawner looks after Wait, before
// it returns the error, loses nothing when Wait's error is dropped: the
// spawner reports what the recorder holds.

type recorder struct {
	mu   sync.Mutex
	errs []error
}

func (r *recorder) Record(err error) {
	r.mu.Lock()
	r.errs = append(r.errs, err)
	r.mu.Unlock()
}

func (r *recorder) Err() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	return errors.Join(r.errs...)
}

func (r *recorder) Len() int { return len(r.errs) }

func loadAll(ctx context.Context, names []string, load func(context.Context, string) error) error {
	rec := &recorder{}
	eg, ctx := errgroup.WithContext(ctx)
	for _, n := range names {
		eg.Go(func() error {
			if err := load(ctx, n); err != nil {
				rec.Record(err)
				return err
			}
			return nil
		})
	}
	eg.Wait()
	return rec.Err()
}

// The twin records its errors too, but looks only at how many there were.

func loadCount(ctx context.Context, names []string, load func(context.Context, string) error) (int, error) {
	rec := &recorder{}
	eg, ctx := errgroup.WithContext(ctx)
	for _, n := range names {
		eg.Go(func() error {
			if err := load(ctx, n); err != nil {
				rec.Record(err)
				return err
			}
			return nil
		})
	}
	eg.Wait() // want `the error of eg.Wait is dropped, so a failing task goes unnoticed \(the task at line 56 can fail\)`
	return rec.Len(), nil
}
