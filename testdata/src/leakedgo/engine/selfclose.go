package engine

import (
	"context"
	"errors"
)

// A spawner that returns through <-done, where done is closed only by its
// goroutine as that returns, returns after the goroutine is over: the
// goroutine cannot be left waiting on its send.

func pollOnce(ctx context.Context) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return errors.New("not ready")
}

func WatchOnce(ctx context.Context) error {
	errCh := make(chan error)
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := pollOnce(ctx); err != nil {
			errCh <- err
		}
	}()
	select {
	case err := <-errCh:
		return err
	case <-done:
		return nil
	}
}

// Twin: a return through ctx.Done() comes while the goroutine may still
// send.
func WatchOnceCtx(ctx context.Context) error {
	errCh := make(chan error)
	done := make(chan struct{})
	go func() { // want `goroutine blocks forever sending on errCh \(line \d+\) when WatchOnceCtx returns at line \d+ through <-ctx.Done\(\)`
		defer close(done)
		if err := pollOnce(ctx); err != nil {
			errCh <- err
		}
	}()
	select {
	case err := <-errCh:
		return err
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// A channel its maker closes at every return does not leave a late send
// waiting: the send panics (a bug of its own, not a leak).

func fetchOnce() []byte { return nil }

func FetchClosed(ctx context.Context) ([]byte, error) {
	res := make(chan []byte)
	defer close(res)
	go func() {
		res <- fetchOnce()
	}()
	select {
	case r := <-res:
		return r, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// The same where the goroutine also reports through another channel that
// a deferred function literal closes, as the engine judges it.
func FetchClosedBoth(ctx context.Context) ([]byte, error) {
	res := make(chan []byte)
	errs := make(chan error)
	defer func() {
		close(res)
		close(errs)
	}()
	go func() {
		for range 3 {
			b := fetchOnce()
			if b == nil {
				errs <- errors.New("empty")
				return
			}
			res <- b
		}
	}()
	for {
		select {
		case r := <-res:
			if len(r) > 0 {
				return r, nil
			}
		case err := <-errs:
			return nil, err
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}

// Twin: without the deferred close, the send waits forever.
func FetchOpen(ctx context.Context) ([]byte, error) {
	res := make(chan []byte)
	go func() { // want `goroutine blocks forever sending on res \(line \d+\) when FetchOpen returns at line \d+ through <-ctx.Done\(\)`
		res <- fetchOnce()
	}()
	select {
	case r := <-res:
		return r, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}
