package task

import (
	"context"
	"errors"
	"sync/atomic"
)

// A Future is the result of a task started by Spawn.
type Future[T any] struct {
	done  chan struct{}
	value T
	err   error
}

// Spawn runs fn as a task of g, like Go, and returns a Future for its
// result. fn's error is a failure of g, as with Go.
//
// If g's context is done while Spawn waits for a task slot (see SetLimit),
// fn is not run and the Future's error is the context's cause.
func Spawn[T any](g *Group, fn func(ctx context.Context) (T, error)) *Future[T] {
	return SpawnNamed(g, "", fn)
}

// SpawnNamed is like Spawn, and names the task as GoNamed does.
func SpawnNamed[T any](g *Group, name string, fn func(ctx context.Context) (T, error)) *Future[T] {
	f := &Future[T]{done: make(chan struct{})}
	t := g.newTask(name)
	t.hook = f
	run := func(ctx context.Context) (err error) {
		f.value, err = fn(ctx)
		return err
	}
	if !g.spawn(t, run) {
		f.err = context.Cause((*groupContext)(g))
		close(f.done)
	}
	return f
}

// Result blocks until the task has returned and returns its value and
// error. If the task panicked, Result returns the zero T and the
// [*PanicError]; Wait still re-panics with that panic. Result may be called any
// number of times, from any goroutine.
func (f *Future[T]) Result() (T, error) {
	<-f.done
	return f.value, f.err
}

func (f *Future[T]) exited(err error, _ *PanicError) bool {
	f.err = err
	close(f.done)
	return true
}

// Start runs fn as a task of g and blocks until fn signals that it is
// ready, like trio's nursery.start: it returns the value fn passes to ready,
// and fn keeps running as a task of g. Use it for a task that others depend
// on, such as a server that must be listening before clients are started.
//
// Until fn calls ready, it is on probation: if fn returns first, Start
// returns fn's error (or an error saying that fn returned without calling
// ready), and if fn panics first, Start re-panics with its [*PanicError]; in
// both cases nothing is recorded in g. After ready, fn is an ordinary task:
// its failures are g's. Only the first call of ready counts.
//
// If g's context is done while Start waits for a task slot (see SetLimit),
// fn is not run and Start returns the context's cause.
func Start[T any](g *Group, fn func(ctx context.Context, ready func(T)) error) (T, error) {
	return StartNamed(g, "", fn)
}

// StartNamed is like Start, and names the task as GoNamed does.
func StartNamed[T any](g *Group, name string, fn func(ctx context.Context, ready func(T)) error) (T, error) {
	s := &starting[T]{done: make(chan struct{})}
	t := g.newTask(name)
	t.hook = s
	run := func(ctx context.Context) error { return fn(ctx, s.ready) }
	if !g.spawn(t, run) {
		var zero T
		return zero, context.Cause((*groupContext)(g))
	}
	<-s.done
	if s.panic != nil {
		panic(s.panic)
	}
	return s.value, s.err
}

var errNotReady = errors.New("task: Start: task returned without calling ready")

// starting is the state of a task started by Start. Whichever comes first,
// the task calling ready or the task ending, claims it and closes done.
type starting[T any] struct {
	claimed atomic.Bool
	done    chan struct{}
	value   T
	err     error
	panic   *PanicError
}

func (s *starting[T]) ready(v T) {
	if s.claimed.CompareAndSwap(false, true) {
		s.value = v
		close(s.done)
	}
}

func (s *starting[T]) exited(err error, p *PanicError) bool {
	if !s.claimed.CompareAndSwap(false, true) {
		return true // after ready: an ordinary task
	}
	s.err, s.panic = err, p
	if err == nil {
		s.err = errNotReady
	}
	close(s.done)
	return false
}
