package engine

import (
	"context"
	"sync"
	"time"
)

// Stop closes the channel Reset sends on before it closes the one that
// makes the receiving goroutine return: a Reset after Stop panics on the
// closed channel, it does not wait forever (alloy's jitter ticker).

type jitterTicker struct {
	stop  chan struct{}
	reset chan time.Duration
}

func newJitterTicker(d time.Duration) *jitterTicker {
	t := &jitterTicker{stop: make(chan struct{}), reset: make(chan time.Duration)}
	go func() {
		tk := time.NewTicker(d)
		defer tk.Stop()
		for {
			select {
			case <-tk.C:
			case <-t.stop:
				return
			case d := <-t.reset:
				tk.Reset(d)
			}
		}
	}()
	return t
}

func (t *jitterTicker) Stop() {
	close(t.reset)
	close(t.stop)
}

func (t *jitterTicker) Reset(d time.Duration) { t.reset <- d }

// The twin: Stop closes only the stop channel; a Reset after it waits
// forever.

type plainTicker struct {
	stop  chan struct{}
	reset chan time.Duration
}

func newPlainTicker(d time.Duration) *plainTicker {
	t := &plainTicker{stop: make(chan struct{}), reset: make(chan time.Duration)}
	go func() {
		tk := time.NewTicker(d)
		defer tk.Stop()
		for {
			select {
			case <-tk.C:
			case <-t.stop:
				return
			case d := <-t.reset:
				tk.Reset(d)
			}
		}
	}()
	return t
}

func (t *plainTicker) Stop() { close(t.stop) }

func (t *plainTicker) Reset(d time.Duration) { t.reset <- d } // want `Reset blocks forever sending on t.reset`

// The stop channel closed first and the channel sent on right after it,
// in a method Close calls: a Push blocked when the loop returns through
// the stop is released by the second close a moment later (it panics).
// The loop's other way out, its context's Done, closes nothing: a Push
// then waits forever, and that is the way named.

type Pipe struct {
	in   chan int
	quit chan struct{}
}

func NewPipe(ctx context.Context) *Pipe {
	p := &Pipe{in: make(chan int), quit: make(chan struct{})}
	go p.loop(ctx)
	return p
}

func (p *Pipe) loop(ctx context.Context) {
	for {
		select {
		case <-p.in:
		case <-p.quit:
			return
		case <-ctx.Done():
			return
		}
	}
}

func (p *Pipe) Push(v int) { p.in <- v } // want `Push blocks forever sending on p.in \(line \d+\) when the goroutine receiving from it \(line \d+\) returns at line \d+ through <-ctx.Done\(\)`

func (p *Pipe) Close() { p.shut() }

func (p *Pipe) shut() {
	close(p.quit)
	close(p.in)
}

// Something that can block between the two closes: the second may never
// come, and the stop channel's way out is named.

type gate struct {
	in   chan int
	quit chan struct{}
	mu   sync.Mutex
}

func newGate() *gate {
	g := &gate{in: make(chan int), quit: make(chan struct{})}
	go func() {
		for {
			select {
			case <-g.in:
			case <-g.quit:
				return
			}
		}
	}()
	return g
}

func (g *gate) Push(v int) { g.in <- v } // want `Push blocks forever sending on g.in \(line \d+\) when the goroutine receiving from it \(line \d+\) returns at line \d+ through <-g.quit`

func (g *gate) Close() {
	close(g.quit)
	g.mu.Lock()
	close(g.in)
	g.mu.Unlock()
}
