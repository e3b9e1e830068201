package engine

import (
	"context"
	"os"
)

// A function that calls a loop which returns only once its context is
// done blocks forever in that call when it alone cancels the context, in
// a defer or after the call: it cannot get there while it waits (docker
// start forwarded signals in a call, not a goroutine, under a context
// that only its own deferred cancel ended).

func forwardSignals(ctx context.Context, sigc <-chan os.Signal, kill func(os.Signal)) {
	for {
		select {
		case s := <-sigc:
			kill(s)
		case <-ctx.Done():
			return
		}
	}
}

func startContainer(sigc <-chan os.Signal, kill func(os.Signal), start func(context.Context) error) error {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	forwardSignals(ctx, sigc, kill) // want `startContainer blocks forever in its call of forwardSignals \(line 28\): forwardSignals returns only once its context is done, and only startContainer cancels that context, at line 27, after the call`
	if err := start(ctx); err != nil {
		cancel()
		return err
	}
	return nil
}

// The same through a method that hands the context to its loop, and a
// context that closures capture.
type sigRelay struct{ kill func(os.Signal) }

func (r *sigRelay) run(ctx context.Context, sigc <-chan os.Signal) {
	r.pump(ctx, sigc)
}

func (r *sigRelay) pump(ctx context.Context, sigc <-chan os.Signal) {
	for {
		select {
		case s := <-sigc:
			r.kill(s)
		case <-ctx.Done():
			return
		}
	}
}

func (r *sigRelay) attach(sigc <-chan os.Signal, stream func(context.Context) error) error {
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	r.run(ctx, sigc) // want `attach blocks forever in its call of run \(line 58\): run returns only once its context is done, and only attach cancels that context, at line 57, after the call`
	errc := make(chan error, 1)
	go func() { errc <- stream(ctx) }()
	return <-errc
}

// Twins: the loop runs in a goroutine; the cancel function goes to a
// goroutine that can call it during the loop; the loop also ends when
// its input is closed.
func startContainerAsync(sigc <-chan os.Signal, kill func(os.Signal), start func(context.Context) error) error {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go forwardSignals(ctx, sigc, kill)
	return start(ctx)
}

func startContainerStopped(sigc <-chan os.Signal, kill func(os.Signal), stop <-chan struct{}) {
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-stop
		cancel()
	}()
	forwardSignals(ctx, sigc, kill)
}

func forwardUntilClosed(ctx context.Context, sigc <-chan os.Signal, kill func(os.Signal)) {
	for {
		select {
		case s, ok := <-sigc:
			if !ok {
				return
			}
			kill(s)
		case <-ctx.Done():
			return
		}
	}
}

func startContainerClosed(sigc <-chan os.Signal, kill func(os.Signal)) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	forwardUntilClosed(ctx, sigc, kill)
}
