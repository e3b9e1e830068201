package locks

import (
	"sync"
	"time"
)

// A Wait whose function starts, on its way to it, a goroutine that wakes
// its Cond (a timer that says "look again") is not left asleep for good
// by a change that signals nothing: it sleeps until that goroutine wakes
// it at the latest.

type relay struct {
	mu       sync.Mutex
	hasItems sync.Cond
	canTake  sync.Cond
	items    []int
	expired  bool
}

func newRelay() *relay {
	r := &relay{}
	r.hasItems.L = &r.mu
	r.canTake.L = &r.mu
	return r
}

func (r *relay) Put(x int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	stop := r.putTimer()
	defer stop()
	for len(r.items) > 8 {
		r.canTake.Wait()
		if r.expired {
			return
		}
	}
	r.items = append(r.items, x)
	r.hasItems.Broadcast()
}

func (r *relay) Fetch() []int {
	r.mu.Lock()
	defer r.mu.Unlock()
	stop := r.fetchTimer()
	defer stop()
	for len(r.items) == 0 && !r.expired {
		r.hasItems.Wait()
	}
	r.expired = false
	items := r.items
	r.items = nil
	r.canTake.Broadcast()
	return items
}

// putTimer gives up a Put after a while: it sets expired and wakes Put.
func (r *relay) putTimer() (stop func()) {
	t := time.NewTimer(time.Second)
	done := make(chan struct{})
	go func() {
		select {
		case <-t.C:
			r.mu.Lock()
			r.expired = true
			r.canTake.Broadcast()
			r.mu.Unlock()
		case <-done:
		}
	}()
	return func() { close(done) }
}

// fetchTimer makes Fetch look again after a while.
func (r *relay) fetchTimer() (stop func()) {
	t := time.NewTimer(time.Second)
	done := make(chan struct{})
	go func() {
		select {
		case <-t.C:
			r.mu.Lock()
			r.expired = true
			r.hasItems.Broadcast()
			r.mu.Unlock()
		case <-done:
		}
	}()
	return func() { close(done) }
}

// The twin's Fetch starts no timer of its own: when Put's timer sets
// expired, nothing wakes it.

type slowRelay struct {
	mu       sync.Mutex
	hasItems sync.Cond
	canTake  sync.Cond
	items    []int
	expired  bool
}

func (r *slowRelay) Put(x int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	stop := r.putTimer()
	defer stop()
	for len(r.items) > 8 {
		r.canTake.Wait()
		if r.expired {
			return
		}
	}
	r.items = append(r.items, x)
	r.hasItems.Broadcast()
}

func (r *slowRelay) Fetch() []int {
	r.mu.Lock()
	defer r.mu.Unlock()
	for len(r.items) == 0 && !r.expired {
		r.hasItems.Wait() // want `Fetch can wait forever in r.hasItems.Wait \(line 122\): it waits for expired to change, but the enclosing function literal changes it \(line 138\) without calling r.hasItems.Signal or r.hasItems.Broadcast`
	}
	r.expired = false
	items := r.items
	r.items = nil
	r.canTake.Broadcast()
	return items
}

func (r *slowRelay) putTimer() (stop func()) {
	t := time.NewTimer(time.Second)
	done := make(chan struct{})
	go func() {
		select {
		case <-t.C:
			r.mu.Lock()
			r.expired = true
			r.canTake.Broadcast()
			r.mu.Unlock()
		case <-done:
		}
	}()
	return func() { close(done) }
}
