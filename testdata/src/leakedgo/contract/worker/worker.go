// Package worker has a type whose Start runs a loop only Stop ends.
package worker

import "errors"

type Worker struct {
	stop chan struct{}
	jobs chan func()
}

func New() *Worker { return &Worker{stop: make(chan struct{}), jobs: make(chan func())} }

func (w *Worker) Start() {
	go func() {
		for {
			select {
			case <-w.stop:
				return
			case job := <-w.jobs:
				job()
			}
		}
	}()
}

func (w *Worker) Stop() { close(w.stop) }

// StartChecked starts the loop unless n is not positive: like Start, only
// Stop ends what it starts, when it returns no error.
func (w *Worker) StartChecked(n int) error {
	if n <= 0 {
		return errors.New("worker: n must be positive")
	}
	w.Start()
	return nil
}

func (w *Worker) Do(job func()) { w.jobs <- job }

// A Pool's janitor runs until the pool shuts itself down, once its
// reaper finds it idle: shutdown is no method its users can call.
type Pool struct {
	quit  chan struct{}
	idle  chan bool
	items map[string]int
}

func NewPool() *Pool {
	return &Pool{quit: make(chan struct{}), idle: make(chan bool), items: map[string]int{}}
}

func (p *Pool) Start() {
	go func() {
		<-p.quit
		p.items = nil
	}()
	go p.reap()
}

func (p *Pool) reap() {
	for idle := range p.idle {
		if idle {
			p.shutdown()
			return
		}
	}
}

func (p *Pool) shutdown() { close(p.quit) }

// Touch reports whether the pool is idle.
func (p *Pool) Touch(idle bool) { p.idle <- idle }
