package skipped

import (
	"context"
	"errors"
	"sync"

	"unjoined/skipped/pubsub"
)

type controller struct {
	mu      sync.Mutex
	workers int
	started bool
}

func (c *controller) startSources(ctx context.Context) error { return ctx.Err() }

func (c *controller) work(ctx context.Context) bool { return ctx.Err() == nil }

// A helper that starts the workers fails only before it counts them: when
// it fails, nothing runs that Start should wait for (controller-runtime's
// controller, minio's trace subscription).
func (c *controller) Start(ctx context.Context) error {
	wg := &sync.WaitGroup{}
	err := func() error {
		c.mu.Lock()
		defer c.mu.Unlock()
		if err := c.startSources(ctx); err != nil {
			return err
		}
		wg.Add(c.workers)
		for i := 0; i < c.workers; i++ {
			go func() {
				defer wg.Done()
				for c.work(ctx) {
				}
			}()
		}
		c.started = true
		return nil
	}()
	if err != nil {
		return err
	}
	<-ctx.Done()
	wg.Wait()
	return nil
}

// Its bug twin can fail after it started the workers.
func (c *controller) StartLate(ctx context.Context) error {
	wg := &sync.WaitGroup{}
	err := func() error {
		wg.Add(c.workers)
		for i := 0; i < c.workers; i++ {
			go func() {
				defer wg.Done()
				for c.work(ctx) {
				}
			}()
		}
		if err := c.startSources(ctx); err != nil {
			return err
		}
		return nil
	}()
	if err != nil {
		return errors.Join(err, errors.New("start")) // want `StartLate returns without waiting for the goroutines wg\.Add counts \(line \d+\): call wg\.Wait first`
	}
	<-ctx.Done()
	wg.Wait()
	return nil
}

// The same across packages: Subscribe's fact says it counts on wg only
// after its last way to fail.
func trace(ps *pubsub.PubSub, out chan<- string, done <-chan struct{}) error {
	var wg sync.WaitGroup
	if err := ps.Subscribe(out, done, &wg); err != nil {
		return err
	}
	wg.Wait()
	return nil
}

func traceLate(ps *pubsub.PubSub, out chan<- string, done <-chan struct{}) error {
	var wg sync.WaitGroup
	if err := ps.SubscribeLate(out, done, &wg); err != nil {
		return err // want `traceLate returns without waiting for the goroutines wg\.Add counts \(line \d+\): call wg\.Wait first`
	}
	wg.Wait()
	return nil
}
