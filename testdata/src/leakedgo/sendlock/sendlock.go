// Package sendlock pins a lock handed over with a message.
package sendlock

import (
	"context"
	"sync"
)

// --- A read lock taken before publishing work, which the worker that
// receives the work lets go when it is done (pulumi's step executor: a
// Lock of the executor then waits for every chain in flight). The message
// takes the lock with it.

type job struct {
	run  func()
	done chan struct{}
}

type executor struct {
	ctx      context.Context
	inflight sync.RWMutex
	incoming chan job
}

func (e *executor) Submit(run func()) chan struct{} {
	done := make(chan struct{})
	e.inflight.RLock()
	select {
	case e.incoming <- job{run, done}:
		return done // the worker lets the read lock go
	case <-e.ctx.Done():
		e.inflight.RUnlock()
		close(done)
	}
	return done
}

// SubmitAll submits each of runs and waits for them.
func (e *executor) SubmitAll(runs []func()) {
	var dones []chan struct{}
	for _, r := range runs {
		dones = append(dones, e.Submit(r))
	}
	for _, d := range dones {
		<-d
	}
}

func (e *executor) worker() {
	for {
		select {
		case j := <-e.incoming:
			e.execute(j)
		case <-e.ctx.Done():
			return
		}
	}
}

func (e *executor) execute(j job) {
	defer e.inflight.RUnlock()
	j.run()
	close(j.done)
}

// Quiesce waits for the jobs in flight.
func (e *executor) Quiesce() {
	e.inflight.Lock()
	defer e.inflight.Unlock()
}

// The twin: the worker that receives the job never lets the lock go.
type leakyExecutor struct {
	ctx      context.Context
	inflight sync.RWMutex
	incoming chan job
}

func (e *leakyExecutor) Submit(run func()) chan struct{} {
	done := make(chan struct{})
	e.inflight.RLock() // want `Submit returns at line \d+ with e\.inflight still read-locked`
	select {
	case e.incoming <- job{run, done}:
		return done
	case <-e.ctx.Done():
		e.inflight.RUnlock()
		close(done)
	}
	return done
}

func (e *leakyExecutor) SubmitAll(runs []func()) {
	for _, r := range runs {
		<-e.Submit(r)
	}
}

func (e *leakyExecutor) worker() {
	for {
		select {
		case j := <-e.incoming:
			j.run()
			close(j.done)
		case <-e.ctx.Done():
			return
		}
	}
}

func (e *leakyExecutor) Quiesce() {
	e.inflight.Lock()
	defer e.inflight.Unlock()
}

func newExecutors(ctx context.Context) (*executor, *leakyExecutor) {
	e := &executor{ctx: ctx, incoming: make(chan job)}
	l := &leakyExecutor{ctx: ctx, incoming: make(chan job)}
	go e.worker()
	go l.worker()
	return e, l
}
