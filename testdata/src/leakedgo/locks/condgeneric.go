package locks

import "sync"

// --- A generic queue whose pump goroutine is the only waiter: pop, which
// the pump calls after its wait, changes what the wait tests, and wakes
// nobody, as there is nobody else to wake.

type pumpq[T any] struct {
	mu     sync.Mutex
	cond   *sync.Cond
	q      []T
	closed bool
	out    chan T
}

func newPumpQ[T any]() *pumpq[T] {
	u := &pumpq[T]{out: make(chan T)}
	u.cond = sync.NewCond(&u.mu)
	go u.run()
	return u
}

func (u *pumpq[T]) push(v T) {
	u.mu.Lock()
	u.q = append(u.q, v)
	u.cond.Signal()
	u.mu.Unlock()
}

func (u *pumpq[T]) close() {
	u.mu.Lock()
	u.closed = true
	u.cond.Broadcast()
	u.mu.Unlock()
}

func (u *pumpq[T]) run() {
	defer close(u.out)
	for {
		u.mu.Lock()
		for len(u.q) == 0 && !u.closed {
			u.cond.Wait()
		}
		if len(u.q) == 0 {
			u.mu.Unlock()
			return
		}
		v := u.pop()
		u.mu.Unlock()
		u.out <- v
	}
}

func (u *pumpq[T]) pop() T {
	v := u.q[0]
	u.q = u.q[1:]
	return v
}

func (u *pumpq[T]) next() (T, bool) {
	v, ok := <-u.out
	return v, ok
}

// The same queue, filled through a generic helper by put, which signals,
// and directly by putQuiet, which does not: the pump sleeps on a queue
// that has items.

type stashq[T any] struct {
	mu   sync.Mutex
	cond *sync.Cond
	q    []T
	out  chan T
}

func newStashQ[T any]() *stashq[T] {
	u := &stashq[T]{out: make(chan T)}
	u.cond = sync.NewCond(&u.mu)
	go u.run()
	return u
}

func (u *stashq[T]) put(v T) {
	u.mu.Lock()
	u.add(v)
	u.cond.Signal()
	u.mu.Unlock()
}

func (u *stashq[T]) putQuiet(v T) {
	u.mu.Lock()
	u.q = append(u.q, v)
	u.mu.Unlock()
}

func (u *stashq[T]) add(v T) { u.q = append(u.q, v) }

func (u *stashq[T]) run() {
	for {
		u.mu.Lock()
		for len(u.q) == 0 {
			u.cond.Wait() // want `run can wait forever in u\.cond\.Wait \(line \d+\): it waits for q to change, but putQuiet changes it \(line \d+\) without calling u\.cond\.Signal or u\.cond\.Broadcast`
		}
		v := u.q[0]
		u.q = u.q[1:]
		u.mu.Unlock()
		u.out <- v
	}
}

func (u *stashq[T]) next() T { return <-u.out }
