package task

import (
	"slices"
	"sync"
)

// The limit on running tasks.
//
// Why it exists: SetLimit bounds how many tasks run at once, and unlike
// errgroup's semaphore channel, whose capacity is fixed when it is made,
// the limit can change while Go calls wait for a slot (raising it must
// release them) and while tasks run. So the limit is a number next to a
// queue of waiting Go calls, under a mutex, and it bounds the group's own
// count of running tasks (join.go) rather than tokens of its own. A group
// without a limit pays an atomic load of its nil limiter in Go and two in a
// task's exit.

// A limiter holds a group's limit and the Go calls waiting for a slot.
type limiter struct {
	mu      sync.Mutex
	n       int             // the limit; negative for none
	waiting []chan struct{} // one per waiting Go call, oldest first; closed when granted a slot
}

// SetLimit limits the number of tasks of g running at once to n. A
// negative n removes the limit; a limit of zero lets no task start.
//
// Go and the functions that start tasks like it (GoNamed, Spawn, Start)
// block while the limit is reached, until a task returns, the limit is
// raised, or g's context is done; TryGo does not block. A task that calls
// Go on its own group under a limit of 1 therefore waits until the group is
// canceled.
//
// SetLimit may be called at any time, like setting the total_tokens of
// trio's CapacityLimiter. The limit counts every running task of g,
// including those started before it was set. Raising or removing the limit
// starts the tasks of waiting Go calls at once, oldest first, as far as the
// new limit allows. Lowering it below the number of running tasks stops
// none of them: Go waits until enough have returned. A Go that runs
// concurrently with SetLimit is admitted under the old limit or the new.
func (g *Group) SetLimit(n int) {
	n = max(n, -1)
	l := g.limit.Load()
	if l == nil {
		if n < 0 {
			return
		}
		g.mu.Lock()
		if l = g.limit.Load(); l == nil {
			l = &limiter{n: n}
			g.limit.Store(l)
		}
		g.mu.Unlock()
	}
	l.mu.Lock()
	l.n = n
	l.grant(g)
	l.mu.Unlock()
}

// acquire counts a new task of g in a free slot. If no slot is free, it
// reports false at once unless block is set; then it waits for a slot, and
// reports false if g's context is done first. It panics if g is finished.
func (l *limiter) acquire(g *Group, block bool) bool {
	l.mu.Lock()
	if l.free(g, 0) {
		ok := g.tryEnter()
		l.mu.Unlock()
		if !ok {
			panic("task: Go on a finished Group")
		}
		return true
	}
	if !block {
		l.mu.Unlock()
		return false
	}
	ready := make(chan struct{})
	l.waiting = append(l.waiting, ready)
	l.mu.Unlock()

	select {
	case <-ready:
		return true // counted by grant or exit
	case <-g.context().Done():
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if i := slices.Index(l.waiting, ready); i >= 0 {
		l.waiting = slices.Delete(l.waiting, i, i+1)
		return false
	}
	return true // granted a slot meanwhile: the task is counted, so it runs
}

// free reports whether a slot is free once leaving tasks have returned.
// l.mu is held.
func (l *limiter) free(g *Group, leaving int) bool {
	return l.n < 0 || g.running()-leaving < l.n
}

// grantable reports whether a waiting Go call can be given a slot, once
// leaving tasks have returned: not if g's context is done, for then the
// waiting calls give up. l.mu is held.
func (l *limiter) grantable(g *Group, leaving int) bool {
	if len(l.waiting) == 0 || !l.free(g, leaving) {
		return false
	}
	err, _ := g.doneCause()
	return err == nil
}

// grant gives free slots to waiting Go calls, oldest first, counting their
// tasks. l.mu is held.
func (l *limiter) grant(g *Group) {
	for l.grantable(g, 0) && g.tryEnter() {
		close(l.waiting[0])
		l.waiting = slices.Delete(l.waiting, 0, 1)
	}
}

// exit uncounts a task of g that has returned, or hands its slot to the
// oldest waiting Go call: then the count does not drop, so Wait cannot
// finish g between the task's return and the waiting task's start.
func (l *limiter) exit(g *Group) {
	l.mu.Lock()
	if l.grantable(g, 1) {
		close(l.waiting[0])
		l.waiting = slices.Delete(l.waiting, 0, 1)
	} else {
		g.leave()
	}
	l.mu.Unlock()
}

// wake grants free slots after a task that found no limiter has left: its
// exit may have raced with the first SetLimit.
func (l *limiter) wake(g *Group) {
	l.mu.Lock()
	l.grant(g)
	l.mu.Unlock()
}
