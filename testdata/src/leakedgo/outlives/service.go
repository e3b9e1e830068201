package outlives

import "context"

// A goroutine that serves events until its context is done, doing work
// under the context on each turn: the spawner's deferred cancel is how it
// is told to stop, and the turn it cuts short is meant to be cut short.

type leader struct {
	events chan bool
	state  bool
}

func (l *leader) become(ctx context.Context, lead bool) error {
	l.state = lead
	return ctx.Err()
}

func (l *leader) handleEvents(ctx context.Context) {
	for {
		select {
		case lead := <-l.events:
			l.become(ctx, lead)
		case <-ctx.Done():
			return
		}
	}
}

func (l *leader) Run(parent context.Context, serve func(context.Context) error) error {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	go l.handleEvents(ctx)
	return serve(ctx)
}

// The same loop as a function literal.
func (l *leader) RunInline(parent context.Context, serve func(context.Context) error) error {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	go func() {
		for {
			select {
			case lead := <-l.events:
				l.become(ctx, lead)
			case <-ctx.Done():
				return
			}
		}
	}()
	return serve(ctx)
}

// The twin: a loop that only pauses on the context's Done and goes on, so
// the cancel cuts its work short and does not stop it.
func (l *leader) RunOnce(parent context.Context, leads []bool, serve func(context.Context) error) error {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	go func() { // reported in strict mode only
		for _, lead := range leads {
			select {
			case <-ctx.Done():
			default:
			}
			l.become(ctx, lead)
		}
	}()
	return serve(ctx)
}
