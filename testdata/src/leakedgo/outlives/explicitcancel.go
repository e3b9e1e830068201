package outlives

import (
	"context"
	"io"
)

// A spawner that cancels its goroutine's context itself, on its way to
// returning, means that cancel as the goroutine's stop: a command that
// writes into a pipe is killed once its output has been read. The
// deferred cancel only covers the ways that leave early.

func runPiped(ctx context.Context, run func(ctx context.Context, w io.Writer) error, parse func(r io.Reader) (int, error)) (int, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	r, w := io.Pipe()
	defer r.Close()
	go func() {
		err := run(ctx, w)
		w.CloseWithError(err)
	}()
	n, err := parse(r)
	cancel() // the command may still be running: stop it
	if err != nil {
		return 0, err
	}
	return n, nil
}

// The twin cancels only in its defer.

func runPipedDeferred(ctx context.Context, run func(ctx context.Context, w io.Writer) error, parse func(r io.Reader) (int, error)) (int, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	r, w := io.Pipe()
	defer r.Close()
	go func() { // reported in strict mode only
		err := run(ctx, w)
		w.CloseWithError(err)
	}()
	n, err := parse(r)
	if err != nil {
		return 0, err
	}
	return n, nil
}
