// Package locks holds the lock findings of leakedgo, and the correct code
// next to them that must not be reported.
package locks

import (
	"errors"
	"sync"

	"leakedgo/locks/lib"
)

// --- A lock taken again on one goroutine.

type server struct {
	mu    sync.Mutex
	conns map[int]bool
	drain bool
}

func (s *server) gracefulStop() {
	s.mu.Lock()
	if s.drain {
		s.mu.Lock() // want `gracefulStop blocks forever locking s\.mu \(line 23\): it holds it already \(locked at line 21\)`
		return
	}
	s.drain = true
	s.mu.Unlock()
}

// A locked method calling a method that locks the same receiver.

type batch struct {
	sync.Mutex
	pending int
}

func (b *batch) commit() {
	b.Lock()
	defer b.Unlock()
	b.pending = 0
}

// put expects b locked.
func (b *batch) put() {
	b.pending++
	if b.pending > 10 {
		b.commit() // want `put blocks forever in its call of commit \(line 47\), which locks b \(line 38\): its callers hold it already \(Put locks it at line 55 and calls put at line 56\)`
	}
}

// Flush commits what is pending.
func (b *batch) Flush() { b.commit() }

func Put(b *batch) {
	b.Lock()
	b.put()
	b.Unlock()
}

// Correct: commitLocked expects the lock held and takes nothing.

func (b *batch) commitLocked() { b.pending = 0 }

func (b *batch) putLocked() {
	b.pending++
	if b.pending > 10 {
		b.commitLocked()
	}
}

func PutLocked(b *batch) {
	b.Lock()
	b.putLocked()
	b.Unlock()
}

// RLock, then Lock of the same RWMutex.

type cache struct {
	mu sync.RWMutex
	m  map[string]string
}

func (c *cache) getOrFill(k string) string {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if v, ok := c.m[k]; ok {
		return v
	}
	c.mu.Lock() // want `getOrFill blocks forever locking c\.mu \(line 90\): it holds a read lock on it \(read-locked at line 85\), and Lock waits until every read lock is released`
	c.m[k] = k
	c.mu.Unlock()
	return k
}

// Correct: the read lock is released first.

func (c *cache) getOrFillReleased(k string) string {
	c.mu.RLock()
	v, ok := c.m[k]
	c.mu.RUnlock()
	if ok {
		return v
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[k] = k
	return k
}

// Recursive RLock: a waiting writer blocks the second.

func (c *cache) Lookup(keys []string) []string {
	c.mu.RLock()
	defer c.mu.RUnlock()
	var out []string
	for _, k := range keys {
		out = append(out, c.Get(k))
	}
	return out
}

func (c *cache) Get(k string) string {
	c.mu.RLock() // want `Get can block forever read-locking c\.mu \(line 124\): its callers hold a read lock on it already \(Lookup read-locks it at line 114 and calls Get at line 118\), and a Lock waiting in between \(getOrFill, line 90\) blocks this RLock until the first is released, which never happens`
	defer c.mu.RUnlock()
	return c.m[k]
}

func (c *cache) Set(k, v string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[k] = v
}

// Correct: a lock taken only when the caller says it does not hold it.

func (c *cache) get(k string, locked bool) string {
	if !locked {
		c.mu.RLock()
		defer c.mu.RUnlock()
	}
	return c.m[k]
}

func (c *cache) Dump(keys []string) []string {
	c.mu.RLock()
	defer c.mu.RUnlock()
	var out []string
	for _, k := range keys {
		out = append(out, c.get(k, true))
	}
	return out
}

// --- Lock handoff across functions, judged from what they do.

// lockFor returns with c's lock held; its caller unlocks.
func (c *cache) lockFor() map[string]string {
	c.mu.Lock()
	return c.m
}

func (c *cache) Clear() {
	m := c.lockFor()
	clear(m)
	c.mu.Unlock()
}

func (c *cache) ClearTwice() {
	m := c.lockFor()
	clear(m)
	c.mu.Lock() // want `ClearTwice blocks forever locking c\.mu \(line 172\): it holds it already \(locked in lockFor \(line 159\), called at line 170\)`
	c.mu.Unlock()
}

// Across packages, from the facts of lib: Lock returns holding the lock,
// GetLocked expects it, Get takes it, Refresh releases it for a while.

func Handoff(s *lib.Store) int {
	s.Lock()
	defer s.Unlock()
	return s.GetLocked("a")
}

func HandoffRefresh(s *lib.Store, load func() map[string]int) int {
	s.Lock()
	defer s.Unlock()
	s.Refresh(load)
	return s.GetLocked("a")
}

func HandoffTwice(s *lib.Store) int {
	s.Lock()
	defer s.Unlock()
	return s.Get("a") // want `HandoffTwice blocks forever in its call of Get \(line 195\), which locks s\.mu: it holds it already \(locked at line 193\)`
}

// --- TryLock does not block.

type worker struct {
	mu   sync.Mutex
	busy bool
}

func (w *worker) TryWork() bool {
	if !w.mu.TryLock() {
		return false
	}
	defer w.mu.Unlock()
	w.busy = true
	return true
}

func (w *worker) Nested() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.mu.TryLock() {
		w.mu.Unlock()
	}
}

var errBusy = errors.New("busy")

// Correct: the same flag, read by the locking helpers a function literal
// makes (and capturing c, so that c lives in a cell).
func (c *cache) remove(k string, needLock bool) {
	lock := func() {
		if needLock {
			c.mu.Lock()
		}
	}
	unlock := func() {
		if needLock {
			c.mu.Unlock()
		}
	}
	lock()
	delete(c.m, k)
	unlock()
}

func (c *cache) Expire(keys []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, k := range keys {
		c.remove(k, false)
	}
}

// Correct: the lock Locked returns holding is released through the function
// it returns, before Get takes it again; in this package too, with a
// method value and with a closure.
func ReturnedUnlock(s *lib.Store) int {
	m, unlock := s.Locked()
	n := len(m)
	unlock()
	return n + s.Get("k")
}

func (c *cache) locked() (map[string]string, func()) {
	c.mu.Lock()
	return c.m, c.mu.Unlock
}

func (c *cache) lockedFn() func() {
	c.mu.Lock()
	return func() { c.mu.Unlock() }
}

func (c *cache) Size() int {
	m, unlock := c.locked()
	n := len(m)
	unlock()
	release := c.lockedFn()
	release()
	c.Set("size", "")
	return n
}

// The function Locked returns is called only after Get: Get waits for the
// lock its caller still holds.
func LateUnlock(s *lib.Store) int {
	m, unlock := s.Locked()
	defer unlock()
	return len(m) + s.Get("k") // want `LateUnlock blocks forever in its call of Get`
}

// Correct: Count takes the lock and lets it go; only Locked's is released
// by the function it returns, on the path that takes it.
func CountThenLocked(s *lib.Store) int {
	n := s.Count()
	if n == 0 {
		return 0
	}
	m, unlock := s.Locked()
	defer unlock()
	return len(m)
}

// Lock returns holding the lock: the early return leaves it held.
func LockedEarly(s *lib.Store, k string) int {
	s.Lock() // want `LockedEarly returns at line \d+ with s\.mu still locked`
	if k == "" {
		return 0
	}
	n := s.GetLocked(k)
	s.Unlock()
	return n
}
