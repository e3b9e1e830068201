// Package locked has a method that starts a goroutine to touch what its
// lock guards, and releases the lock as it returns, before the goroutine
// is done.
package locked

import "sync"

type Store struct {
	mu    sync.Mutex
	items []string
}

func (s *Store) Add(item string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	go func() {
		s.items = append(s.items, item)
	}()
}

func (s *Store) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.items)
}
