package locks

import "sync"

// --- A helper that runs the callbacks its callers pass on goroutines, and
// waits for them. What those goroutines lock depends on the call: each
// caller is judged with the callbacks it passes, not with every caller's.

type sites struct {
	mu    sync.RWMutex
	peers []string
	local string
	state map[string]int
}

// fanout runs, on a goroutine for each site, self for the local one and
// peer for the others, and waits for them.
func (s *sites) fanout(self func() error, peer func(name string) error) error {
	errs := make([]error, len(s.peers))
	var wg sync.WaitGroup
	wg.Add(len(s.peers))
	for i, p := range s.peers {
		go func() {
			defer wg.Done()
			if p == s.local {
				if self != nil {
					errs[i] = self()
				}
			} else {
				errs[i] = peer(p)
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// Configure passes a callback that takes the write lock, but holds no lock
// itself.
func (s *sites) Configure(name string) error {
	return s.fanout(func() error {
		return s.configure(name)
	}, nil)
}

func (s *sites) configure(name string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.state[name]++
	return nil
}

// Correct: Notify holds the read lock across fanout, but what it passes
// takes no lock; only Configure's callback takes s.mu.
func (s *sites) Notify(msg string) error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.fanout(nil, func(name string) error {
		_ = name + msg
		return nil
	})
}

// Correct: one level up, the same.
func (s *sites) Heal() error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if len(s.state) == 0 {
		return nil
	}
	return s.notifyAll()
}

func (s *sites) notifyAll() error {
	return s.fanout(nil, func(string) error { return nil })
}

// Reset holds the write lock across fanout, and its own callback takes the
// read lock: the callback's goroutine waits for Reset, which waits for it.
func (s *sites) Reset() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.fanout(func() error { // want `Reset blocks forever in its call of fanout`
		s.mu.RLock()
		defer s.mu.RUnlock()
		return nil
	}, nil)
}

// Hook read-locks s.mu itself, so repair, which holds the read lock when
// it calls it, read-locks it twice: a Lock waiting in between (configure's)
// blocks the second RLock forever.
func (s *sites) Hook(msg string) error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.fanout(nil, func(name string) error {
		_ = name + msg
		return nil
	})
}

func (s *sites) repair() error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.Hook("repair") // want `repair can block forever in its call of Hook`
}

func (s *sites) Announce() error { return s.Hook("hello") }

// Only Create passes a callback that takes s.mu; Publish and Create both
// hold s.mu when they call publish: the finding names Create.
func (s *sites) publish(self func() error) error {
	var wg sync.WaitGroup
	var err error
	wg.Add(1)
	go func() {
		defer wg.Done()
		if self != nil {
			err = self()
		}
	}()
	wg.Wait() // want `publish blocks forever in wg\.Wait \(line \d+\) while its callers hold s\.mu \(Create read-locks it`
	return err
}

func (s *sites) Publish() error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.publish(nil)
}

func (s *sites) Create(name string) error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.publish(func() error { return s.configure(name) })
}

// Rename's callback captures s, so s lives in a cell in Rename: its
// read lock is still s.mu, the one rename holds when it calls it.
func (s *sites) Rename(name string) error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.fanout(nil, func(peer string) error {
		if _, ok := s.state[peer]; ok {
			return nil
		}
		return nil
	})
}

func (s *sites) Announce2() error { return s.Rename("hello") }

func (s *sites) rename() error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.Rename("rename") // want `rename can block forever in its call of Rename`
}
