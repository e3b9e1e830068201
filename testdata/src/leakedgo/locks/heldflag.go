package locks

import "sync"

// --- A lock taken under a test and let go under the same test made
// again: a flag the path set when it locked (held = true … if held {
// Unlock }), or the length of the same slice (etcd's write transaction,
// which locks its revision only when it has changes).

type bucketCache struct {
	mu      sync.RWMutex
	buckets map[string][]byte
	open    func(string) []byte
}

// Correct: the early return unlocks exactly when this call locked.
func (c *bucketCache) lookup(name string) []byte {
	c.mu.RLock()
	b, ok := c.buckets[name]
	c.mu.RUnlock()
	held := false
	if !ok {
		c.mu.Lock()
		held = true
		b = c.open(name)
		c.buckets[name] = b
	}
	if b == nil {
		if held {
			c.mu.Unlock()
		}
		return nil
	}
	if !held {
		c.mu.Lock()
	}
	out := append([]byte(nil), b...)
	c.mu.Unlock()
	return out
}

// The twin: the flag is not set where the lock is taken.
func (c *bucketCache) lookupForgot(name string) []byte {
	held := false
	b, ok := c.buckets[name]
	if !ok {
		c.mu.Lock() // want `lookupForgot returns at line \d+ with c\.mu still locked`
		b = c.open(name)
		c.buckets[name] = b
	}
	if b == nil {
		if held {
			c.mu.Unlock()
		}
		return nil
	}
	if !held {
		c.mu.Lock()
	}
	c.mu.Unlock()
	return b
}

type revStore struct {
	revMu sync.Mutex
	rev   int64
}

type writeTxn struct {
	s       *revStore
	changes []string
	removed []string
	end     func()
}

// Correct: locked and unlocked under the same length test.
func (tw *writeTxn) End() {
	if len(tw.changes) != 0 {
		tw.s.revMu.Lock()
		tw.s.rev++
	}
	tw.end()
	if len(tw.changes) != 0 {
		tw.s.revMu.Unlock()
	}
}

// The twin: the length of another slice.
func (tw *writeTxn) Abort() {
	if len(tw.changes) != 0 {
		tw.s.revMu.Lock() // want `Abort returns at line \d+ with tw\.s\.revMu still locked`
		tw.s.rev--
	}
	tw.end()
	if len(tw.removed) != 0 {
		tw.s.revMu.Unlock()
	}
}

func (s *revStore) Rev() int64 {
	s.revMu.Lock()
	defer s.revMu.Unlock()
	return s.rev
}
