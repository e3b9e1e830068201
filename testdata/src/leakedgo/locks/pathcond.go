package locks

import "sync"

// --- Locks taken and released under the same test, made twice on one
// path: the second test gives what the first gave, within one turn of a
// loop as well as across a function.

type member struct {
	mu    sync.Mutex
	owner *member
	name  string
}

type route struct {
	mu   sync.Mutex
	out  []string
	skip func(*member) bool
}

// Correct: each turn locks the owner of its own member only when the
// owner is another, and unlocks it under the same test in the same turn.
func (r *route) announce(ms []*member) {
	for _, m := range ms {
		if r.skip != nil && r.skip(m) {
			continue
		}
		var name string
		if m.owner != nil && m.owner != m {
			m.owner.mu.Lock()
		}
		if m.owner != nil {
			name = m.owner.name
		} else {
			name = m.name
		}
		if m.owner != nil && m.owner != m {
			m.owner.mu.Unlock()
		}
		r.out = append(r.out, name)
	}
}

func (r *route) rename(m *member, name string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.name = name
}

type stream struct {
	mu    sync.Mutex
	count int
	last  int
}

// Correct: the flag is a parameter, the same on every turn; every turn
// that took the lock under it releases it under it, on each way on.
func (s *stream) apply(entries []int, recovering bool) (int, error) {
	for _, e := range entries {
		if e < 0 {
			if recovering {
				s.mu.Lock()
			}
			if s.last != 0 && e != s.last {
				s.reset()
			}
			if recovering {
				if s.count == 0 && e < -10 {
					if skip, err := s.skip(e); err != nil || skip {
						s.mu.Unlock()
						if err != nil {
							return 0, err
						}
						continue
					}
				}
				s.mu.Unlock()
			}
			s.count++
			continue
		}
		s.mu.Lock()
		s.last = e
		s.mu.Unlock()
	}
	return s.count, nil
}

func (s *stream) reset()                   { s.count, s.last = 0, 0 }
func (s *stream) skip(e int) (bool, error) { return e < -100, nil }
func (s *stream) Last() int                { s.mu.Lock(); defer s.mu.Unlock(); return s.last }

// The bug: the unlock's test is not the lock's (recovering against
// s.count == 0), so a recovering turn with a count keeps the lock.
func (s *stream) applyBroken(entries []int, recovering bool) {
	for _, e := range entries {
		if recovering {
			s.mu.Lock() // want `applyBroken returns at line \d+ with s\.mu still locked`
		}
		s.last = e
		if s.count == 0 {
			s.mu.Unlock()
		}
	}
}

// --- A lock taken through a variable that is nil when it is not taken,
// and released when the variable is not nil.

type shards struct {
	locks []*sync.Mutex
	mu    sync.Mutex
	n     int
}

// Correct: mu is the locked mutex, or nil.
func (s *shards) expire(keys []int) {
	for _, k := range keys {
		var mu *sync.Mutex
		if s.locks != nil {
			mu = s.locks[k%len(s.locks)]
			mu.Lock()
		}
		s.mu.Lock()
		s.n++
		s.mu.Unlock()
		if mu != nil {
			mu.Unlock()
		}
	}
}

func (s *shards) publish(k int) {
	mu := s.locks[k%len(s.locks)]
	mu.Lock()
	defer mu.Unlock()
	s.n--
}

// The bug: the unlock's variable is set only on one of the two ways.
func (s *shards) expireBroken(keys []int, all bool) {
	for _, k := range keys {
		var mu, held *sync.Mutex
		if s.locks != nil {
			mu = s.locks[k%len(s.locks)]
			mu.Lock() // want `expireBroken goes round its loop with mu still locked`
			if all {
				held = mu
			}
		}
		s.n++
		if held != nil {
			held.Unlock()
		}
	}
}

// --- An optional lock in a field, taken and released under the same nil
// test, in a closure that captured the receiver by reference: each use
// loads it afresh, and the tests are still the same (minio's walker).

type walker struct {
	walkMu *sync.Mutex
	other  *sync.Mutex
}

func (w *walker) list(string) ([]string, error) { return nil, nil }

// Correct.
func (w *walker) Walk(base string) error {
	var scan func(dir string) error
	scan = func(dir string) error {
		if w.walkMu != nil {
			w.walkMu.Lock()
		}
		entries, err := w.list(dir)
		if w.walkMu != nil {
			w.walkMu.Unlock()
		}
		if err != nil {
			return err
		}
		for _, e := range entries {
			if err := scan(e); err != nil {
				return err
			}
		}
		return nil
	}
	return scan(base)
}

// Its bug twin tests another field before the unlock: when only walkMu is
// set, the lock stays held.
func (w *walker) WalkOther(base string) error {
	var scan func(dir string) error
	scan = func(dir string) error {
		if w.walkMu != nil {
			w.walkMu.Lock() // want `the enclosing function literal returns at line \d+ with w.walkMu still locked`
		}
		entries, err := w.list(dir)
		if w.other != nil {
			w.walkMu.Unlock()
		}
		if err != nil {
			return err
		}
		for _, e := range entries {
			if err := scan(e); err != nil {
				return err
			}
		}
		return nil
	}
	return scan(base)
}
