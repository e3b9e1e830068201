package locks

import "sync"

// What a Wait waits for is the way out of its loop: a change that can
// only move the state further from it needs no signal. Wait waits for the
// count to drain to zero; Incr moves it away from zero, and only Decr,
// which can bring it there, broadcasts.

type gauge struct {
	mu    sync.Mutex
	cond  *sync.Cond
	count int
}

func newGauge() *gauge {
	g := &gauge{}
	g.cond = sync.NewCond(&g.mu)
	return g
}

func (g *gauge) Incr() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.count++
}

func (g *gauge) Decr() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.count--
	if g.count == 0 {
		g.cond.Broadcast()
	}
}

func (g *gauge) Wait() {
	g.mu.Lock()
	defer g.mu.Unlock()
	for g.count != 0 {
		g.cond.Wait()
	}
}

// The bug twin: a bounded queue whose Put waits for room while it is full.
// Take makes room and must signal, and does not: Put's signal wakes only
// takers.

type slots struct {
	mu   sync.Mutex
	cond *sync.Cond
	n    int
	max  int
}

func newSlots(max int) *slots {
	s := &slots{max: max}
	s.cond = sync.NewCond(&s.mu)
	return s
}

func (s *slots) Put() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for s.n >= 8 {
		s.cond.Wait() // want `Put can wait forever in s\.cond\.Wait \(line \d+\): it waits for n to change, but Take changes it \(line \d+\) without calling s\.cond\.Signal or s\.cond\.Broadcast`
	}
	s.n++
	s.cond.Signal()
}

func (s *slots) Take() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for s.n == 0 {
		s.cond.Wait()
	}
	s.n--
}
