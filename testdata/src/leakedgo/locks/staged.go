package locks

import (
	"errors"
	"sync"
)

// A lock kept across calls, recorded in a field that is set only while
// it is held: stage takes stageMu and, on success, returns holding it with
// the staged value in pending; commit and drop release it only when
// pending is set (dapr's compstore). stage's error returns release it, its
// success hands it over through pending, so no return leaks it.

type plan struct{ name string }

type planStore struct {
	stageMu sync.Mutex
	mu      sync.Mutex
	pending *plan
	plans   []plan
}

func (s *planStore) stage(p plan) error {
	s.stageMu.Lock()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.pending != nil {
		s.stageMu.Unlock()
		return errors.New("a plan is staged already")
	}
	for _, q := range s.plans {
		if q.name == p.name {
			s.stageMu.Unlock()
			return errors.New("plan exists")
		}
	}
	s.pending = &p
	return nil
}

func (s *planStore) commit() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.pending == nil {
		return errors.New("nothing staged")
	}
	s.plans = append(s.plans, *s.pending)
	s.pending = nil
	s.stageMu.Unlock()
	return nil
}

func (s *planStore) drop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.pending == nil {
		return
	}
	s.pending = nil
	s.stageMu.Unlock()
}

// The bug twin: a dry run returns holding stageMu without setting
// pending, so neither commit nor drop releases it, and the next stage
// blocks forever.

type draftStore struct {
	stageMu sync.Mutex
	pending *plan
}

func (s *draftStore) stage(p plan, dry bool) error {
	s.stageMu.Lock() // want `stage returns at line \d+ with s\.stageMu still locked`
	if s.pending != nil {
		s.stageMu.Unlock()
		return errors.New("a plan is staged already")
	}
	if dry {
		return nil
	}
	s.pending = &p
	return nil
}

func (s *draftStore) drop() {
	if s.pending == nil {
		return
	}
	s.pending = nil
	s.stageMu.Unlock()
}
