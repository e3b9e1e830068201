// Package dropstop has functions that start a goroutine and return the
// function that stops it, as context.WithCancel returns its cancel. A
// caller that drops that function leaves the goroutine running until
// something else ends it (nomad's joined contexts, one per prestart hook,
// each waiting for the task to be killed).
package dropstop

import (
	"context"
	"sync"
	"time"
)

type joined struct {
	context.Context
	other context.Context
	done  chan struct{}
	stop  chan struct{}
	once  sync.Once
}

func (j *joined) Done() <-chan struct{} { return j.done }

func (j *joined) run() {
	defer close(j.done)
	select {
	case <-j.Context.Done():
	case <-j.other.Done():
	case <-j.stop:
	}
}

func (j *joined) cancel() { j.once.Do(func() { close(j.stop) }) }

// Join returns a context done when either ctx1 or ctx2 is, and the
// function that releases it early.
func Join(ctx1, ctx2 context.Context) (context.Context, context.CancelFunc) {
	j := &joined{Context: ctx1, other: ctx2, done: make(chan struct{}), stop: make(chan struct{})}
	go j.run()
	return j, j.cancel
}

type Hook func(ctx context.Context) error

// RunHooks drops each cancel: one goroutine per hook waits for kill or
// shutdown.
func RunHooks(kill, shutdown context.Context, hooks []Hook) error {
	for _, h := range hooks {
		ctx, _ := Join(kill, shutdown) // want `RunHooks drops the function Join returns to stop the goroutine it starts \(line 39\)`
		if err := h(ctx); err != nil {
			return err
		}
	}
	return nil
}

// A ticker with a stop function, started through a helper of a type: the
// same duty, other names, one more level.

type pulse struct{ quit chan struct{} }

func (p *pulse) beat(every time.Duration, f func()) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			f()
		case <-p.quit:
			return
		}
	}
}

func (p *pulse) halt() { close(p.quit) }

func startPulse(every time.Duration, f func()) func() {
	p := &pulse{quit: make(chan struct{})}
	go p.beat(every, f)
	return p.halt
}

type Monitor struct{ beats int }

func (m *Monitor) Watch(every time.Duration) {
	startPulse(every, func() { m.beats++ }) // want `Watch drops the function startPulse returns to stop the goroutine it starts`
}

// Twins: the stop is deferred, kept for a later Close, or returned.

func RunHooksFixed(kill, shutdown context.Context, hooks []Hook) error {
	for _, h := range hooks {
		ctx, cancel := Join(kill, shutdown)
		err := h(ctx)
		cancel()
		if err != nil {
			return err
		}
	}
	return nil
}

type Watcher struct {
	stop func()
	n    int
}

func (w *Watcher) Start(every time.Duration) { w.stop = startPulse(every, func() { w.n++ }) }

func (w *Watcher) Close() { w.stop() }

func Every(every time.Duration, f func()) (stop func()) { return startPulse(every, f) }
