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

// A Chain inserts blocks; each block's Process starts a digest goroutine
// and abandons it before it returns. insert and insertSide call each other
// (a side chain is inserted by inserting its ancestors), and neither starts
// anything Process does not stop: the cycle owes no stop to Insert's
// callers.
type Chain struct{ blocks []int }

type digest struct{ in chan int }

func newDigest() *digest {
	d := &digest{in: make(chan int)}
	go func() {
		for range d.in {
		}
	}()
	return d
}

func (d *digest) abandon() { close(d.in) }

func (c *Chain) Process(b int) {
	d := newDigest()
	defer d.abandon()
	d.in <- b
	c.blocks = append(c.blocks, b)
}

func (c *Chain) insert(blocks []int) {
	for i, b := range blocks {
		if b < 0 {
			c.insertSide(blocks[i+1:])
			return
		}
		c.Process(b)
	}
}

func (c *Chain) insertSide(blocks []int) { c.insert(blocks) }

func (c *Chain) Insert(blocks []int) { c.insert(blocks) }

// A Ledger's side path starts a digest and never abandons it: the cycle
// does start a goroutine that only abandon ends.
type Ledger struct{ blocks []int }

func (l *Ledger) Process(b int) {
	d := newDigest()
	defer d.abandon()
	d.in <- b
}

func (l *Ledger) insert(blocks []int) {
	for i, b := range blocks {
		if b < 0 {
			l.insertSide(blocks[i+1:])
			return
		}
		l.Process(b)
	}
}

func (l *Ledger) insertSide(blocks []int) {
	newDigest().in <- len(blocks)
	l.insert(blocks)
}

func (l *Ledger) Insert(blocks []int) { l.insert(blocks) }
