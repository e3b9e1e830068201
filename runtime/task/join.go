package task

import "math"

// The join: counting running tasks, and Wait sleeping until none is left.
//
// Why it exists: Wait must wait for tasks that other tasks, or other
// goroutines, start while it waits, and a Go after Wait has returned must
// panic rather than start a task nobody joins. A sync.WaitGroup can do
// neither (an Add racing with the Wait that sees zero is a misuse it may
// not even detect), and a mutex around a counter costs a lock in Go and
// another in every task's exit, where errgroup pays one atomic add each.
//
// How: Group.state packs, in one atomic word, the number of running tasks
// (in units of oneTask) and two bits for the goroutine in Wait: owned, once
// one call of Wait is joining, and blocked, while it sleeps on Group.idle.
// Go and a task's exit each cost one atomic add; the exit that brings the
// count to zero with blocked set wakes Wait. Wait finishes the group by
// swapping a count of zero for finished, a value so negative that it stays
// negative while late calls of Go add to it and take it back, so they see
// it and panic. (32 bits count 2^29 running tasks, whose stacks alone would
// take a terabyte.)
//
// What it saves, measured against a copy of the package whose join is a
// mutex around a counter and a channel that the last task closes (the two
// side by side in one benchmark process, 20 runs each, on 2 shared cores):
// with goroutines on both Ps starting tasks in one group while its tasks
// return (bench's BenchmarkSharedGroupParallel), the mutex took 14% and 21%
// longer in two runs (p=0.011, p=0.000), and a Wait that sleeps allocates
// its channel. Without contention the difference is 60 instructions per
// spawn and join of one task, 1.5% (callgrind), which benchstat cannot
// show.

const (
	owned    = 1 // a call of Wait is joining the tasks
	blocked  = 2 // and sleeps on idle
	oneTask  = 4
	finished = math.MinInt32 / 2
)

// running returns the number of tasks that have started and not returned.
func (g *Group) running() int {
	return int(max(g.state.Load(), 0) / oneTask)
}

// enter counts a new task of g, or panics if g is finished.
func (g *Group) enter() {
	if !g.tryEnter() {
		panic("task: Go on a finished Group")
	}
}

// tryEnter counts a new task of g, unless g is finished.
func (g *Group) tryEnter() bool {
	s := g.state.Add(oneTask)
	if s < 0 {
		g.state.Add(-oneTask)
		return false
	}
	if s < 2*oneTask { // the first task running: g enters the tree
		tree.update(g)
	}
	return true
}

// leave uncounts a task that has returned, and wakes Wait if it was the
// last.
func (g *Group) leave() {
	s := g.state.Add(-oneTask)
	if s >= oneTask {
		return
	}
	tree.update(g) // no task running: g leaves the tree
	if s == owned|blocked && g.state.CompareAndSwap(owned|blocked, owned) {
		g.idle.Done()
	}
}

// wait joins the tasks and finishes the group, or waits until another call
// has finished it.
//
// Only one call, the owner, sleeps on idle: a WaitGroup must not be reused
// while a Wait on it may still be returning, so a call that finds an owner
// waits for the group to finish instead.
func (g *Group) wait() {
	for {
		switch s := g.state.Load(); {
		case s < 0 || s&owned != 0:
			g.awaitFinish()
			return
		case s == 0: // no task is running
			if g.tryFinish(0) {
				return
			}
		default:
			if g.state.CompareAndSwap(s, s|owned) {
				g.join()
				return
			}
		}
	}
}

// join sleeps until no task is running, then finishes g; it is the owner's
// part of wait.
func (g *Group) join() {
	for {
		s := g.state.Load()
		if s == owned { // no task is running
			if g.tryFinish(owned) {
				return
			}
			continue
		}
		// Sleep until the last task to return clears blocked and releases
		// idle.
		g.idle.Add(1)
		if g.state.CompareAndSwap(s, s|blocked) {
			g.idle.Wait()
		} else {
			g.idle.Done() // state moved on: look again
		}
	}
}

// tryFinish finishes g if its state is still s, and reports whether it did.
func (g *Group) tryFinish(s int32) bool {
	g.mu.Lock()
	done := g.state.CompareAndSwap(s, finished) // else a task has started meanwhile
	if done {
		g.finish()
	}
	g.mu.Unlock()
	return done
}

// awaitFinish waits until another call of Wait has finished g.
func (g *Group) awaitFinish() {
	g.mu.Lock()
	if g.state.Load() < 0 { // finish has run, for it runs under mu
		g.mu.Unlock()
		return
	}
	if g.done == nil {
		g.done = make(chan struct{})
	}
	done := g.done
	g.mu.Unlock()
	<-done
}
