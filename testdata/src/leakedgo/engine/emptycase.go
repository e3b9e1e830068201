package engine

import "time"

// A goroutine that serves a channel in one case of a select and returns
// on a stop in another leaves a sender waiting when the stop comes first:
// the stop is an early way out whether or not the serving case has a body
// of its own (with none, control goes straight back to the loop's head).

type ticks struct {
	in   chan int
	quit chan struct{}
}

func newTicks() *ticks {
	t := &ticks{in: make(chan int), quit: make(chan struct{})}
	go t.serve()
	go t.feed() // want `goroutine blocks forever sending on t.in \(line \d+\) when the goroutine receiving from it \(line \d+\) returns at line \d+ through <-t.quit`
	return t
}

func (t *ticks) serve() {
	for {
		select {
		case <-t.in:
		case <-t.quit:
			return
		}
	}
}

func (t *ticks) feed() {
	tk := time.NewTicker(time.Second)
	defer tk.Stop()
	for {
		select {
		case <-t.quit:
			return
		case <-tk.C:
			t.in <- 1
		}
	}
}

func (t *ticks) Close() { close(t.quit) }

// The same with a body in the serving case.
type counts struct {
	in   chan int
	quit chan struct{}
	n    int
}

func newCounts() *counts {
	c := &counts{in: make(chan int), quit: make(chan struct{})}
	go c.serve()
	go c.feed() // want `goroutine blocks forever sending on c.in \(line \d+\) when the goroutine receiving from it \(line \d+\) returns at line \d+ through <-c.quit`
	return c
}

func (c *counts) serve() {
	for {
		select {
		case v := <-c.in:
			c.n += v
		case <-c.quit:
			return
		}
	}
}

func (c *counts) feed() {
	tk := time.NewTicker(time.Second)
	defer tk.Stop()
	for {
		select {
		case <-c.quit:
			return
		case <-tk.C:
			c.in <- 1
		}
	}
}

func (c *counts) Close() { close(c.quit) }

// The twin: the sender waits for the stop too, so both end.
type pulses struct {
	in   chan int
	quit chan struct{}
}

func newPulses() *pulses {
	p := &pulses{in: make(chan int), quit: make(chan struct{})}
	go p.serve()
	go p.feed()
	return p
}

func (p *pulses) serve() {
	for {
		select {
		case <-p.in:
		case <-p.quit:
			return
		}
	}
}

func (p *pulses) feed() {
	tk := time.NewTicker(time.Second)
	defer tk.Stop()
	for {
		select {
		case <-p.quit:
			return
		case <-tk.C:
			select {
			case p.in <- 1:
			case <-p.quit:
				return
			}
		}
	}
}

func (p *pulses) Close() { close(p.quit) }
