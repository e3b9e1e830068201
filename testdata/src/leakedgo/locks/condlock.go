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

// --- A Cond over a lock its maker is given, and one over a struct that
// embeds its lock: which lock Wait lets go is not known where the Cond is
// made, so holding the caller's lock across it is no finding.

type ring struct {
	slots  []int
	closed bool
	space  *sync.Cond
}

func newRing(n int, mu *sync.Mutex) *ring {
	return &ring{slots: make([]int, 0, n), space: sync.NewCond(mu)}
}

// add must be called with the lock newRing was given held.
func (r *ring) add(v int) {
	for len(r.slots) == cap(r.slots) && !r.closed {
		r.space.Wait()
	}
	r.slots = append(r.slots, v)
}

func (r *ring) close() {
	r.closed = true
	r.space.Signal()
}

type merger struct {
	mu   sync.Mutex
	ring *ring
}

func newMerger() *merger {
	m := &merger{}
	m.ring = newRing(8, &m.mu)
	return m
}

func (m *merger) Push(v int) {
	m.mu.Lock()
	m.ring.add(v)
	m.mu.Unlock()
}

func (m *merger) Close() {
	m.mu.Lock()
	m.ring.close()
	m.mu.Unlock()
}

type promise struct {
	sync.Mutex
	done  bool
	value int
	cond  *sync.Cond
}

func newPromise() *promise {
	p := &promise{}
	p.cond = sync.NewCond(p)
	return p
}

func (p *promise) Resolve(v int) {
	p.Lock()
	p.value, p.done = v, true
	p.cond.Broadcast()
	p.Unlock()
}

func (p *promise) Await() int {
	p.Lock()
	defer p.Unlock()
	for !p.done {
		p.cond.Wait()
	}
	return p.value
}
