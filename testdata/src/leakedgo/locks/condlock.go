package locks

import "sync"

// --- A Cond over a lock the constructor makes and keeps in a field too:
// Wait lets t.lock go while it sleeps, so release can take it and wake
// the waiter.

type limiter struct {
	lock  *sync.RWMutex
	cond  *sync.Cond
	used  int
	limit int
}

func newLimiter(limit int) *limiter {
	lock := new(sync.RWMutex)
	return &limiter{lock: lock, cond: sync.NewCond(lock), limit: limit}
}

func (t *limiter) acquire() {
	t.lock.Lock()
	defer t.lock.Unlock()
	for t.used >= t.limit {
		t.cond.Wait()
	}
	t.used++
}

func (t *limiter) release() {
	t.lock.Lock()
	defer t.lock.Unlock()
	t.used--
	t.cond.Broadcast()
}

// The same over a Cond made with a lock of its own: Wait keeps t.lock
// held, and release never gets it.

type gate struct {
	lock  *sync.RWMutex
	cond  *sync.Cond
	used  int
	limit int
}

func newGate(limit int) *gate {
	return &gate{lock: new(sync.RWMutex), cond: sync.NewCond(new(sync.Mutex)), limit: limit}
}

func (t *gate) acquire() {
	t.lock.Lock()
	defer t.lock.Unlock()
	for t.used >= t.limit {
		t.cond.L.Lock()
		t.cond.Wait() // want `acquire blocks forever in t\.cond\.Wait \(line \d+\) while it holds t\.lock`
		t.cond.L.Unlock()
	}
	t.used++
}

func (t *gate) release() {
	t.lock.Lock()
	defer t.lock.Unlock()
	t.used--
	t.cond.Broadcast()
}
