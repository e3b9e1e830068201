package locks

import "sync"

// A callback runs with the locks its caller's callee holds when it calls
// it back: Each read-locks the set while it calls f, so an f that locks
// the set again blocks forever, and one that read-locks it can, once a
// writer waits in between.

type hashSet struct {
	mu sync.RWMutex
	m  map[string]struct{}
}

func (s *hashSet) Add(k string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.m[k] = struct{}{}
}

func (s *hashSet) Remove(k string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.m, k)
}

func (s *hashSet) Size() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.m)
}

func (s *hashSet) Each(f func(k string) bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	for k := range s.m {
		if !f(k) {
			break
		}
	}
}

// Range calls f on a snapshot, with the lock released.
func (s *hashSet) Range(f func(k string) bool) {
	s.mu.RLock()
	keys := make([]string, 0, len(s.m))
	for k := range s.m {
		keys = append(keys, k)
	}
	s.mu.RUnlock()
	for _, k := range keys {
		if !f(k) {
			break
		}
	}
}

type knownPeer struct{ known *hashSet }

func (p *knownPeer) Mark(h string, max int) {
	p.known.Each(func(k string) bool {
		p.known.Remove(k) // want `the enclosing function literal blocks forever in its call of Remove \(line \d+\), which locks s\.mu \(line 22\): it holds a read lock on it \(read-locked in Each \(line 34\), called at line \d+\)`
		return false
	})
	p.known.Add(h)
}

// Correct: Range lets the lock go before it calls back.
func (p *knownPeer) MarkSnapshot(h string, max int) {
	p.known.Range(func(k string) bool {
		p.known.Remove(k)
		return p.known.Size() >= max
	})
	p.known.Add(h)
}

// Correct: a callback that takes no lock of the set.
func (p *knownPeer) Count() int {
	n := 0
	p.known.Each(func(string) bool {
		n++
		return true
	})
	return n
}
