package task

import (
	"context"
	"errors"
	"math"
	"runtime/debug"
	"runtime/pprof"
	"sync"
	"sync/atomic"
	"time"
)

// A Group is a scope for concurrent tasks: trio's nursery, asyncio's
// TaskGroup. Every task runs in its own goroutine with the group's context,
// and Wait returns only when all of them have returned. The first task to
// fail (return a non-nil error or panic) cancels the group's context, so its
// siblings stop early, and Wait reports every failure.
//
// Create a Group with [NewGroup] or [Run]; the zero Group is not usable.
// A Group is finished once Wait has returned and cannot be reused.
type Group struct {
	parent context.Context // what the group was created from

	// state is oneTask times the number of tasks that have started and not
	// yet returned, plus owned once a call of Wait is joining them, plus
	// blocked while that call sleeps on idle. Wait sets it to finished, a
	// value so negative that it stays negative while late calls to Go add
	// to it and take it back. (32 bits count 2^29 running tasks, whose
	// stacks alone would take a terabyte.)
	state atomic.Int32
	flags atomic.Uint32  // labeled, ctxMade, canceled
	idle  sync.WaitGroup // 1 while blocked is set

	// mu guards making the group's context (ctx and cancel, see context.go),
	// recording its cancellation, and more's failures.
	mu     sync.Mutex
	ctx    context.Context // nil until made
	cancel context.CancelCauseFunc
	more   atomic.Pointer[more] // nil until a feature needs it

	prev, next *Group // neighbors in the tree's list of groups, while live
}

// more is what a Group needs only when a feature asks for it, so that a
// plain group stays small. It is allocated on first use, except that Run
// allocates it with its group.
type more struct {
	limit chan struct{}                       // one token per running task, if there is a limit
	body  func(context.Context, *Group) error // Run's body, shown by WriteTree

	// Guarded by the group's mu, and fixed once the group is finished:
	errs  []error       // failures, in the order they were recorded
	panic *PanicError   // the first panic
	err   error         // what Wait returns
	cause error         // the cancellation cause, while the context is not made
	done  chan struct{} // closed once finished, for calls of Wait that wait for another
}

const (
	// Bits of state.
	owned    = 1
	blocked  = 2
	oneTask  = 4
	finished = math.MinInt32 / 2

	// Bits of flags. Only labeled is set without holding mu.
	labeled  = 1 // the group's context carries pprof labels
	ctxMade  = 2 // ctx and cancel are set
	canceled = 4 // the group canceled its context before making it
)

// running returns the number of tasks that have started and not returned.
func (g *Group) running() int {
	return int(max(g.state.Load(), 0) / oneTask)
}

// extra returns g.more, allocating it on first use; g.mu is held.
func (g *Group) extra() *more {
	m := g.more.Load()
	if m == nil {
		m = new(more)
		g.more.Store(m)
	}
	return m
}

// NewGroup returns a new Group whose context is derived from ctx.
//
// The group's context is canceled when a task fails, when ctx is canceled,
// or when Wait returns, whichever happens first.
func NewGroup(ctx context.Context) *Group {
	g := &Group{parent: ctx}
	g.init()
	return g
}

// init makes the new group g live.
func (g *Group) init() {
	if hasLabels(g.parent) {
		g.flags.Store(labeled)
	}
	tree.addGroup(g)
}

// Run runs body with a new Group derived from ctx, then waits for the
// group, like Python's "async with TaskGroup() as g". It is the scoped form
// of NewGroup and Wait: no task started in body can outlive the call.
//
// body receives the group's context and the group. A non-nil error from
// body counts as a failure, exactly like a task's: it cancels the tasks and
// is part of the error Run returns. Run returns what Wait returns, and
// panics when Wait panics.
//
// If body panics, Run cancels the group's context, waits for the tasks, and
// lets the panic continue; the tasks' own failures are then dropped.
func Run(ctx context.Context, body func(ctx context.Context, g *Group) error) error {
	r := &struct {
		g Group
		m more
	}{g: Group{parent: ctx}, m: more{body: body}} // one allocation for both
	g := &r.g
	g.more.Store(&r.m)
	g.init()
	returned := false
	defer func() {
		if !returned {
			g.mu.Lock()
			g.cancelLocked(errBodyExited)
			g.mu.Unlock()
			g.wait()
		}
	}()
	if err := body((*groupContext)(g), g); err != nil {
		g.fail(err, nil)
	}
	returned = true
	return g.Wait()
}

var (
	errBodyExited = errors.New("task: Run's body panicked or called runtime.Goexit")
	errGoexit     = errors.New("task: task called runtime.Goexit")
)

// Go runs fn in a new goroutine, as a task of g, with g's context.
//
// If fn returns an error, that error is recorded as a failure and cancels
// g's context, with the first failure as its cause ([context.Cause]). An
// error that only echoes that cancellation is not a failure: once g's
// context is done, an error that matches its Err or its cause (by
// [errors.Is]) is dropped, so siblings can simply return ctx.Err().
// If fn panics, the panic is recovered as a [*PanicError], cancels g's
// context, and is re-raised by Wait.
//
// Go starts fn even when g's context is already done; fn then sees it done.
// If g has a limit (see SetLimit), Go blocks until a task slot is free, and
// if g's context is done while Go is blocked, Go returns without running fn
// and records nothing.
//
// Tasks of g may call Go at any time before they return; other goroutines
// may call it until Wait returns. Go panics once Wait has returned.
func (g *Group) Go(fn func(ctx context.Context) error) {
	g.spawn(nil, fn)
}

// GoNamed is like Go, and gives the task a name: the task's goroutine and
// context carry the pprof label task=name, a panic in it reports the name
// in [PanicError.Task], and [WriteTree] lists it under that name.
func (g *Group) GoNamed(name string, fn func(ctx context.Context) error) {
	g.spawn(g.newTask(name), fn)
}

// TryGo runs fn as a task, like Go, only if a task slot is free; it never
// blocks. It reports whether fn was started. Without a limit, TryGo always
// starts fn.
func (g *Group) TryGo(fn func(ctx context.Context) error) bool {
	if m := g.more.Load(); m != nil && m.limit != nil {
		select {
		case m.limit <- struct{}{}:
		default:
			return false
		}
	}
	g.start(nil, fn)
	return true
}

// SetLimit limits the number of tasks running at once to n. A negative n
// removes the limit; a limit of zero lets no task start.
//
// Go and the functions that start tasks like it (GoNamed, Spawn, Start)
// block while the limit is reached, until a task returns or g's context is
// done; TryGo does not block. A task that calls Go on its own group under a
// limit of 1 therefore waits until the group is canceled.
//
// SetLimit must be called before tasks are started; it panics if tasks are
// running.
func (g *Group) SetLimit(n int) {
	if g.running() > 0 {
		panic("task: SetLimit on a Group with running tasks")
	}
	var limit chan struct{}
	if n >= 0 {
		limit = make(chan struct{}, n)
	}
	g.mu.Lock()
	g.extra().limit = limit
	g.mu.Unlock()
}

// Wait blocks until every task of g has returned, including tasks started
// while Wait was waiting, then finishes the group: it cancels g's context,
// and any later Go panics.
//
// If a task panicked, Wait re-panics in the calling goroutine with the
// first task's [*PanicError], after all tasks have returned. Otherwise Wait
// returns nil if nothing failed, or an error whose Unwrap() []error lists
// every failure in the order they were recorded, echoes of the group's
// cancellation left out (see Go). If the context g was created from is done
// by then, its cause is listed last, so that errors.Is(err,
// context.Cause(ctx)) holds.
//
// Calling Wait again, or from several goroutines at once, returns the same
// result. Wait must not be called by a task of g: it would wait for itself.
func (g *Group) Wait() error {
	g.wait()
	m := g.more.Load()
	if m == nil {
		return nil
	}
	if m.panic != nil {
		panic(m.panic)
	}
	return m.err
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

// finish ends the group once its tasks have returned; g.mu is held.
func (g *Group) finish() {
	m := g.more.Load()
	if g.parent.Err() != nil {
		m = g.extra()
		m.errs = append(m.errs, context.Cause(g.parent))
	}
	g.cancelLocked(nil)
	tree.removeGroup(g)
	if m != nil {
		m.err = errors.Join(m.errs...)
		if m.done != nil {
			close(m.done)
		}
	}
}

// awaitFinish waits until another call of Wait has finished g.
func (g *Group) awaitFinish() {
	g.mu.Lock()
	if g.state.Load() < 0 { // finish has run, for it runs under mu
		g.mu.Unlock()
		return
	}
	m := g.extra()
	if m.done == nil {
		m.done = make(chan struct{})
	}
	done := m.done
	g.mu.Unlock()
	<-done
}

// spawn starts fn as the task t (nil for a plain, unnamed task) once a task
// slot is free. It reports false if g's context was done first.
func (g *Group) spawn(t *taskInfo, fn func(context.Context) error) bool {
	if m := g.more.Load(); m != nil && m.limit != nil {
		select {
		case m.limit <- struct{}{}:
		default:
			select {
			case m.limit <- struct{}{}:
			case <-g.context().Done():
				return false
			}
		}
	}
	g.start(t, fn)
	return true
}

// start runs fn as a task in a new goroutine; its slot, if any, is taken.
func (g *Group) start(t *taskInfo, fn func(context.Context) error) {
	if g.state.Add(oneTask) < 0 {
		g.state.Add(-oneTask)
		panic("task: Go on a finished Group")
	}
	if t == nil {
		go g.run(nil, fn) // a constant nil keeps the goroutine's closure small
		return
	}
	if t.named() {
		tree.addTask(t)
	}
	go g.run(t, fn)
}

// run is the body of a task's goroutine.
func (g *Group) run(t *taskInfo, fn func(context.Context) error) {
	// The goroutine carries the pprof labels of the context it is given,
	// not those of the goroutine that called Go. The group's context has
	// the labels of its parent.
	ctx, labels := context.Context((*groupContext)(g)), context.Background()
	if g.flags.Load()&labeled != 0 {
		labels = g.parent
	}
	if t.named() {
		ctx = (*taskContext)(t)
		labels = ctx
	}
	pprof.SetGoroutineLabels(labels)

	var err error
	returned := false
	defer func() {
		var p *PanicError
		if !returned {
			if r := recover(); r != nil {
				p = newPanicError(r, t)
				err = p
			} else {
				err = errGoexit
			}
		}
		if t != nil && t.hook != nil && !t.hook.exited(err, p) {
			err, p = nil, nil
		}
		g.exit(t, err, p)
	}()
	err = fn(ctx)
	returned = true
}

// exit records how a task ended and releases what it held.
func (g *Group) exit(t *taskInfo, err error, p *PanicError) {
	if err != nil {
		g.fail(err, p)
	}
	if t.named() {
		tree.removeTask(t)
	}
	if m := g.more.Load(); m != nil && m.limit != nil {
		<-m.limit
	}
	if g.state.Add(-oneTask) == owned|blocked && g.state.CompareAndSwap(owned|blocked, owned) {
		g.idle.Done() // the last task has returned: release Wait
	}
}

// fail records err, a task's or the body's failure (p, if it panicked), and
// cancels g's context with the first failure as the cause.
func (g *Group) fail(err error, p *PanicError) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if p == nil && g.echoes(err) {
		return
	}
	m := g.extra()
	if p == nil {
		m.errs = append(m.errs, err)
	} else if m.panic == nil {
		m.panic = p
	}
	g.cancelLocked(err)
}

// echoes reports whether err merely repeats the cancellation of ctx: ctx is
// done, and err is, or wraps, ctx's Err or its cause.
func echoes(ctx context.Context, err error) bool {
	return isEcho(err, ctx.Err(), context.Cause(ctx))
}

// echoes is the echoes function for g's context, which it does not make.
func (g *Group) echoes(err error) bool {
	ctxErr, cause := g.doneCause()
	return isEcho(err, ctxErr, cause)
}

func isEcho(err, ctxErr, cause error) bool {
	return ctxErr != nil && (errors.Is(err, ctxErr) || errors.Is(err, cause))
}

// hasLabels reports whether ctx carries pprof labels.
func hasLabels(ctx context.Context) bool {
	switch c := ctx.(type) {
	case *groupContext: // asking its Value would make it
		return c.flags.Load()&labeled != 0
	case *taskContext:
		return true
	}
	labeled := false
	pprof.ForLabels(ctx, func(string, string) bool {
		labeled = true
		return false
	})
	return labeled
}

// A taskInfo holds what a task needs beyond its function: a name, with its
// labeled context and place in the live tree, and the hook of Spawn or
// Start. Plain Go passes a nil *taskInfo.
type taskInfo struct {
	name       string
	started    time.Time
	ctx        context.Context // the group's context with the label task=name
	hook       exitHook
	prev, next *taskInfo // neighbors in the tree's list of named tasks, while running
}

func (t *taskInfo) named() bool { return t != nil && t.name != "" }

// An exitHook learns how a task ended: err is nil, its error, or p (if it
// panicked). exited reports whether the group should record the outcome.
type exitHook interface {
	exited(err error, p *PanicError) bool
}

// newTask returns a taskInfo for a task of g named name ("" for no name).
func (g *Group) newTask(name string) *taskInfo {
	t := &taskInfo{name: name}
	if name != "" {
		t.started = time.Now()
		t.ctx = pprof.WithLabels((*groupContext)(g), pprof.Labels("task", name))
	}
	return t
}

func newPanicError(r any, t *taskInfo) *PanicError {
	if p, ok := r.(*PanicError); ok {
		return p // re-raised by a nested Wait: keep the original stack
	}
	p := &PanicError{Value: r, Stack: debug.Stack()}
	if t != nil {
		p.Task = t.name
	}
	return p
}
