// Package lib is a store whose lock its callers can take: Lock and Unlock
// hand it over, GetLocked expects it held, Get takes it itself.
package lib

import "sync"

type Store struct {
	mu sync.Mutex
	m  map[string]int
}

// Lock returns with s's lock held.
func (s *Store) Lock() { s.mu.Lock() }

// Unlock releases the lock Lock took.
func (s *Store) Unlock() { s.mu.Unlock() }

// GetLocked expects s's lock held.
func (s *Store) GetLocked(k string) int { return s.m[k] }

// Get takes s's lock.
func (s *Store) Get(k string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.m[k]
}

// Refresh releases the lock its caller holds while it works, and takes it
// again.
func (s *Store) Refresh(load func() map[string]int) {
	s.mu.Unlock()
	m := load()
	s.mu.Lock()
	s.m = m
}

// Locked returns the map with s's lock held, and the function that
// releases it: the lock's own Unlock, as a method value.
func (s *Store) Locked() (map[string]int, func()) {
	s.mu.Lock()
	return s.m, s.mu.Unlock
}

// Count takes s's lock and releases it before it returns.
func (s *Store) Count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.m)
}

// A Mutex wraps a sync.Mutex, as gVisor's sync package does.
type Mutex struct{ m sync.Mutex }

func (m *Mutex) Lock()   { m.m.Lock() }
func (m *Mutex) Unlock() { m.m.Unlock() }

// A Cleanup runs the functions it was made with when Clean is called,
// once, as gVisor's cleanup package does.
type Cleanup struct{ fns []func() }

func Make(f func()) Cleanup { return Cleanup{fns: []func(){f}} }

func (c *Cleanup) Clean() {
	for _, f := range c.fns {
		f()
	}
	c.fns = nil
}

// A Device reads packets.
type Device interface {
	ReadPacket(buf []byte) (int, error)
}
