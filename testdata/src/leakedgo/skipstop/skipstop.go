// Package skipstop holds goroutines that a method of their type stops,
// and stoppers that return early when something else they close fails.
package skipstop

import (
	"errors"
	"sync"
	"time"
)

type participant interface {
	Start() error
	Close() error
}

// A processor whose Close returns the participant's error before it
// closes the shutdown channel: the loop Start began runs on.
type processor struct {
	p        participant
	shutdown chan struct{}
}

func (p *processor) Start() error {
	if err := p.p.Start(); err != nil {
		return err
	}
	p.shutdown = make(chan struct{})
	go p.loop() // want `goroutine runs until Close stops it, but Close returns at line \d+ without doing so when p.p.Close fails \(line \d+\); stop it on that way too`
	return nil
}

func (p *processor) Close() error {
	if err := p.p.Close(); err != nil {
		return err
	}
	close(p.shutdown)
	return nil
}

func (p *processor) loop() {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-t.C:
		case <-p.shutdown:
			return
		}
	}
}

// The same through a helper that closes the channel, and a constructor
// that starts the goroutine.
type watcher struct {
	flush func() error
	quit  chan struct{}
}

func newWatcher(flush func() error) *watcher {
	w := &watcher{flush: flush, quit: make(chan struct{})}
	go w.run() // want `goroutine runs until Stop stops it, but Stop returns at line \d+ without doing so when w.flush fails \(line \d+\)`
	return w
}

func (w *watcher) run() {
	for {
		select {
		case <-time.After(time.Second):
		case <-w.quit:
			return
		}
	}
}

func (w *watcher) Stop() error {
	if err := w.flush(); err != nil {
		return errors.Join(errors.New("stop"), err)
	}
	w.signal()
	return nil
}

func (w *watcher) signal() { close(w.quit) }

// Near misses: the stop comes first, is deferred, or is skipped only
// when it was already made.

type first struct {
	p    participant
	done chan struct{}
}

func newFirst(p participant) *first {
	f := &first{p: p, done: make(chan struct{})}
	go f.run()
	return f
}

func (f *first) run() { <-f.done }

func (f *first) Close() error {
	close(f.done)
	return f.p.Close()
}

type deferred struct {
	p    participant
	done chan struct{}
}

func newDeferred(p participant) *deferred {
	d := &deferred{p: p, done: make(chan struct{})}
	go d.run()
	return d
}

func (d *deferred) run() { <-d.done }

func (d *deferred) Close() error {
	defer close(d.done)
	if err := d.p.Close(); err != nil {
		return err
	}
	return nil
}

type once struct {
	mu     sync.Mutex
	closed bool
	done   chan struct{}
}

func newOnce() *once {
	o := &once{done: make(chan struct{})}
	go o.run()
	return o
}

func (o *once) run() { <-o.done }

func (o *once) Close() error {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.closed {
		return nil
	}
	o.closed = true
	close(o.done)
	return nil
}

// A Reset that shuts the runtime down as part of its work, and returns
// early when it cannot take the alive lock: the runtime is still whole,
// and its owner stops the worker with Shutdown, which does without Reset
// (evaluation set 25: podman's runtime worker).
type runtime struct {
	lock    func() error
	workers chan func()
}

func newRuntime(lock func() error) *runtime {
	r := &runtime{lock: lock, workers: make(chan func())}
	go r.work()
	return r
}

func (r *runtime) work() {
	for f := range r.workers {
		f()
	}
}

func (r *runtime) Shutdown() { close(r.workers) }

func (r *runtime) Reset() error {
	if err := r.lock(); err != nil {
		return err
	}
	r.Shutdown()
	return nil
}

// A Shutdown whose stop is skipped only when there is no worker to
// stop, and whose later failure comes after the stop: no failure skips
// it (evaluation set 25: podman's Runtime.Shutdown).
type engine struct {
	workers chan func()
	state   func() error
}

func newEngine(state func() error) *engine {
	e := &engine{state: state}
	e.workers = make(chan func(), 10)
	go e.work()
	return e
}

func (e *engine) work() {
	for f := range e.workers {
		f()
	}
}

func (e *engine) Shutdown(force bool) error {
	if e.workers != nil {
		close(e.workers)
	}
	if force {
		if err := e.state(); err != nil {
			return err
		}
	}
	return nil
}
