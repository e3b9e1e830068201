// Package hidden pins exported methods of unexported types that no value
// carries out of the package: only the package calls them, so the
// package's own calls decide what they release. A writer's Run stops
// receiving when a write fails, and the session's loop then fills the
// queue and blocks for good.
package hidden

import (
	"errors"
	"sync/atomic"
)

type writer struct {
	queue chan []byte
	out   func([]byte) error
}

func (w *writer) Send(p []byte) { w.queue <- p }

func (w *writer) Run() error {
	for p := range w.queue {
		if err := w.out(p); err != nil {
			return err
		}
	}
	return nil
}

func (w *writer) Close() { close(w.queue) }

type session struct {
	w      *writer
	frames func() []byte
}

func (s *session) flush() {
	for {
		f := s.frames()
		if f == nil {
			return
		}
		s.w.Send(f)
	}
}

func (s *session) loop(tick <-chan struct{}) {
	for range tick {
		s.flush()
	}
	s.w.Close()
}

func serve(out func([]byte) error, frames func() []byte, tick <-chan struct{}) {
	s := &session{w: &writer{queue: make(chan []byte, 1), out: out}, frames: frames}
	go func() { _ = s.w.Run() }()
	go s.loop(tick) // want `goroutine blocks forever sending on w.queue`
}

// Twin: the same pair behind an exported constructor. Callers outside
// hold the writer and may run Run again themselves; the package cannot
// judge.
type Pump struct{ q *queue }

type queue struct {
	items chan []byte
	sink  func([]byte) error
}

func (q *queue) Put(p []byte) { q.items <- p }

func (q *queue) Drain() error {
	for p := range q.items {
		if err := q.sink(p); err != nil {
			return errors.Join(err)
		}
	}
	return nil
}

func (q *queue) Close() { close(q.items) }

// Queue returns the pump's queue.
func (p *Pump) Queue() *queue { return p.q }

func NewPump(sink func([]byte) error, next func() []byte, tick <-chan struct{}) *Pump {
	p := &Pump{q: &queue{items: make(chan []byte, 1), sink: sink}}
	go func() { _ = p.q.Drain() }()
	go func() {
		for range tick {
			for b := next(); b != nil; b = next() {
				p.q.Put(b)
			}
		}
		p.q.Close()
	}()
	return p
}

// Twin: the writer reaches outside code as the type argument of an
// exported field's type.
type courier struct {
	bags chan []byte
	drop func([]byte) error
}

func (c *courier) Send(p []byte) { c.bags <- p }

func (c *courier) Run() error {
	for p := range c.bags {
		if err := c.drop(p); err != nil {
			return err
		}
	}
	return nil
}

func (c *courier) Close() { close(c.bags) }

// Depot hands its courier out.
type Depot struct {
	Current atomic.Pointer[courier]
}

func (d *Depot) serve(frames func() []byte, tick <-chan struct{}) {
	c := d.Current.Load()
	go func() { _ = c.Run() }()
	go func() {
		for range tick {
			for f := frames(); f != nil; f = frames() {
				c.Send(f)
			}
		}
		c.Close()
	}()
}

// Init gives the depot a courier.
func (d *Depot) Init(drop func([]byte) error) {
	d.Current.Store(&courier{bags: make(chan []byte, 1), drop: drop})
}

// Serve runs the depot's courier.
func (d *Depot) Serve(frames func() []byte, tick <-chan struct{}) { d.serve(frames, tick) }
