package locks

import "sync"

// Locks kept with what holds them: prune locks each record it will
// delete, keeps the record in a slice, and unlocks them all later, as
// buildkit's cache pruning does. Keeping the locked object hands its lock
// over with it, as returning it does.

type record struct {
	mu   *sync.Mutex
	dead bool
	size int
}

type store struct {
	mu      sync.Mutex
	records map[string]*record
}

func (s *store) prune(limit int) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	var toDelete []*record
	for _, r := range s.records {
		r.mu.Lock()
		if r.size > limit {
			toDelete = append(toDelete, r)
			continue // keep it locked until it is deleted
		}
		r.mu.Unlock()
	}
	for _, r := range toDelete {
		r.dead = true
		r.mu.Unlock()
	}
	return len(toDelete)
}

func (s *store) touch(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if r := s.records[id]; r != nil {
		r.mu.Lock()
		r.size++
		r.mu.Unlock()
	}
}

// The bug twin: the records it skips stay locked, and nothing keeps them.

func (s *store) count(limit int) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, r := range s.records {
		r.mu.Lock() // want `count goes round its loop with r\.mu still locked`
		if r.size > limit {
			n++
			continue
		}
		r.mu.Unlock()
	}
	return n
}
