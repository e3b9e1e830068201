package waitgroup

import (
	"context"
	"sync"
)

// A conn's handshake starts its read loop and its state machine, which
// are meant to run until the conn is closed: it keeps their cancel
// functions for Close, and waits for them only when the handshake fails.
type conn struct {
	mu           sync.Mutex
	cancelLoops  context.CancelFunc
	cancelReader context.CancelFunc
}

func (c *conn) handshake(ctx context.Context, run, read func(context.Context) error) error {
	loopCtx, cancel := context.WithCancel(context.Background())
	readCtx, cancelRead := context.WithCancel(context.Background())
	c.mu.Lock()
	c.cancelLoops, c.cancelReader = cancel, cancelRead
	c.mu.Unlock()

	errs := make(chan error, 2)
	done := make(chan struct{})
	var loops sync.WaitGroup
	loops.Add(2)
	go func() {
		defer loops.Done()
		if err := run(loopCtx); err != nil {
			errs <- err
			return
		}
		close(done)
	}()
	go func() {
		defer loops.Done()
		errs <- read(readCtx)
	}()
	select {
	case err := <-errs:
		cancel()
		cancelRead()
		loops.Wait()
		return err
	case <-ctx.Done():
		cancel()
		cancelRead()
		loops.Wait()
		return ctx.Err()
	case <-done:
		return nil
	}
}

func (c *conn) Close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.cancelLoops != nil {
		c.cancelLoops()
		c.cancelReader()
	}
}

// handshakeLocal keeps nothing for later: the loops it leaves running on
// success are nobody's.
func handshakeLocal(ctx context.Context, run, read func(context.Context) error) error {
	loopCtx, cancel := context.WithCancel(context.Background())
	readCtx, cancelRead := context.WithCancel(context.Background())
	errs := make(chan error, 2)
	done := make(chan struct{})
	var loops sync.WaitGroup
	loops.Add(2)
	go func() {
		defer loops.Done()
		if err := run(loopCtx); err != nil {
			errs <- err
			return
		}
		close(done)
	}()
	go func() {
		defer loops.Done()
		errs <- read(readCtx)
	}()
	select {
	case err := <-errs:
		cancel()
		cancelRead()
		loops.Wait()
		return err
	case <-ctx.Done():
		cancel()
		cancelRead()
		loops.Wait()
		return ctx.Err()
	case <-done:
		return nil // want `handshakeLocal returns through <-done without waiting for the goroutines loops.Add counts`
	}
}
