package robust

import "sync"

// A lock handed over through a field set to an element of a slice field:
// judging whether that element is never nil once made the model write to
// a memo it had already dropped (a panic).

type slot struct{ n int }

type slots struct {
	mu   sync.Mutex
	all  []*slot
	held *slot
}

func (s *slots) take(i int) {
	s.mu.Lock()
	if i < 0 {
		s.mu.Unlock()
		return
	}
	s.held = s.all[i]
}

func (s *slots) give() {
	if s.held == nil {
		return
	}
	s.held = nil
	s.mu.Unlock()
}
