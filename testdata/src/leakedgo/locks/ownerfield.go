package locks

import "sync"

// A field that only ever holds the value it belongs to (r.self = r, or
// r.hook = r.Len, a method value bound to it) calls back into that value:
// a method that holds the lock and calls through the field locks it again.

type lengther interface{ Len() int }

type roster struct {
	mu    sync.Mutex
	items []string
	self  lengther
	hook  func() int
}

func newRoster() *roster {
	r := &roster{}
	r.self = r
	r.hook = r.Len
	return r
}

func (r *roster) Len() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.items)
}

func (r *roster) add(s string) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.items = append(r.items, s)
	return r.self.Len() // want `add blocks forever in its call of Len \(line \d+\), which locks r.mu \(line \d+\): it holds it already \(locked at line \d+\)`
}

func (r *roster) addHooked(s string) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.items = append(r.items, s)
	return r.hook() // want `addHooked blocks forever in its call of a function \(line \d+\), which locks r.mu \(line \d+\): it holds it already`
}

// The twin: a field that holds another value of the same type (a chain of
// wrappers) locks that value's lock, not the caller's.
type tier struct {
	mu    sync.Mutex
	n     int
	inner lengther
}

func (l *tier) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.inner == nil {
		return l.n
	}
	return l.n + l.inner.Len()
}

func wrap(inner *tier) *tier { return &tier{inner: inner} }
