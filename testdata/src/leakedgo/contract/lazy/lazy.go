// Package lazy is a worker that starts its loop on first use, behind a
// sync.Once, as ydb-go-sdk's background.Worker does. Its own methods
// calling init are part of its lifetime, not callers that forget Close.
package lazy

import (
	"context"
	"errors"
	"sync"
)

type Worker struct {
	ctx      context.Context
	stop     context.CancelFunc
	tasks    chan func()
	once     sync.Once
	mu       sync.Mutex
	closed   bool
	finished chan struct{}
}

func (w *Worker) Start(f func()) {
	w.init()
	w.withLock(func() {
		if w.closed {
			return
		}
		w.tasks <- f
	})
}

func (w *Worker) Close() error {
	w.init()
	var err error
	w.withLock(func() {
		if w.closed {
			err = errors.New("closed twice")
			return
		}
		w.closed = true
		close(w.tasks)
		w.stop()
	})
	if err != nil {
		return err
	}
	<-w.finished
	return nil
}

func (w *Worker) withLock(f func()) {
	w.mu.Lock()
	defer w.mu.Unlock()
	f()
}

func (w *Worker) init() {
	w.once.Do(func() {
		w.ctx, w.stop = context.WithCancel(context.Background())
		w.tasks = make(chan func())
		w.finished = make(chan struct{})
		go w.loop()
	})
}

func (w *Worker) loop() {
	defer close(w.finished)
	for f := range w.tasks {
		f()
	}
}

func uses() {
	var w Worker
	w.Start(func() {}) // want `w.Start starts a goroutine that only w.Close ends, but uses returns at line 76 without calling it`
}

func closes() {
	var w Worker
	w.Start(func() {})
	w.Close()
}

func closedFirst() {
	var w Worker
	w.Close()
	w.Start(func() {}) // dropped: the worker is closed
}

// A Worker whose Close takes arguments: the finding has no fix, for only
// the caller knows what to pass.
type Pool struct {
	jobs chan func()
}

func (p *Pool) Start() {
	p.jobs = make(chan func())
	go func() {
		for job := range p.jobs {
			job()
		}
	}()
}

func (p *Pool) Close(ctx context.Context, reason error) { close(p.jobs) }

func usesPool() {
	var p Pool
	p.Start() // want `p.Start starts a goroutine that only p.Close ends, but usesPool returns at line 110 without calling it`
}
