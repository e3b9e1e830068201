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
	ctx     scope // what tasks receive: the group's cancelable context, and its place in the tree
	cancel  context.CancelCauseFunc
	parent  context.Context
	labeled bool                                // whether ctx carries pprof labels
	body    func(context.Context, *Group) error // Run's body, shown by WriteTree; nil for NewGroup
	sem     chan struct{}                       // one token per running task, if there is a limit

	// state is oneTask times the number of tasks that have started and not
	// yet returned, plus waiting while Wait is blocked on idle. Wait sets it
	// to finished, a value so negative that it stays negative however many
	// late calls to Go add to it.
	state atomic.Int64
	idle  sync.WaitGroup // 1 while waiting is set

	mu     sync.Mutex
	failed *failures // nil until something fails
}

// failures is what a Group records about its failures.
type failures struct {
	errs  []error // in the order they were recorded
	panic *PanicError
	err   error // what Wait returns, once finished
}

const (
	waiting  = 1
	oneTask  = 2
	finished = math.MinInt64 / 2
)

// running returns the number of tasks that have started and not returned.
func (g *Group) running() int64 {
	return max(g.state.Load(), 0) / oneTask
}

// NewGroup returns a new Group whose context is derived from ctx.
//
// The group's context is canceled when a task fails, when ctx is canceled,
// or when Wait returns, whichever happens first.
func NewGroup(ctx context.Context) *Group {
	return newGroup(ctx, nil)
}

func newGroup(ctx context.Context, body func(context.Context, *Group) error) *Group {
	g := &Group{parent: ctx, labeled: hasLabels(ctx), body: body}
	cctx, cancel := context.WithCancelCause(ctx)
	g.ctx = scope{Context: cctx, group: g}
	g.cancel = cancel
	g.ctx.link()
	return g
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
	g := newGroup(ctx, body)
	returned := false
	defer func() {
		if !returned {
			g.cancel(errBodyExited)
			g.wait()
		}
	}()
	if err := body(&g.ctx, g); err != nil {
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
	if g.sem != nil {
		select {
		case g.sem <- struct{}{}:
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
	if n < 0 {
		g.sem = nil
		return
	}
	g.sem = make(chan struct{}, n)
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
	f := g.wait()
	if f == nil {
		return nil
	}
	if f.panic != nil {
		panic(f.panic)
	}
	return f.err
}

// wait joins the tasks, finishes the group, and returns its failures.
func (g *Group) wait() *failures {
	for {
		switch s := g.state.Load(); {
		case s <= 0: // no task is running, or the group is finished
			g.mu.Lock()
			if g.state.CompareAndSwap(0, finished) {
				g.finish()
			}
			f, done := g.failed, g.state.Load() < 0
			g.mu.Unlock()
			if done {
				return f
			}
		case s&waiting == 0:
			// Block until the last task to return clears waiting and
			// releases idle.
			g.idle.Add(1)
			if g.state.CompareAndSwap(s, s|waiting) {
				g.idle.Wait()
			} else {
				g.idle.Done() // state moved on: look again
			}
		default: // another Wait is waiting
			g.idle.Wait()
		}
	}
}

// finish ends the group once its tasks have returned; g.mu is held.
func (g *Group) finish() {
	if g.parent.Err() != nil {
		f := g.failures()
		f.errs = append(f.errs, context.Cause(g.parent))
	}
	if f := g.failed; f != nil {
		f.err = errors.Join(f.errs...)
	}
	g.cancel(nil)
	g.ctx.unlink()
}

// spawn starts fn as the task t (nil for a plain, unnamed task) once a task
// slot is free. It reports false if g's context was done first.
func (g *Group) spawn(t *taskInfo, fn func(context.Context) error) bool {
	if g.sem != nil {
		select {
		case g.sem <- struct{}{}:
		default:
			select {
			case g.sem <- struct{}{}:
			case <-g.ctx.Done():
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
		panic("task: Go on a finished Group")
	}
	if t == nil {
		go g.run(nil, fn) // a constant nil keeps the goroutine's closure small
		return
	}
	if t.named() {
		t.ctx.link()
	}
	go g.run(t, fn)
}

// run is the body of a task's goroutine.
func (g *Group) run(t *taskInfo, fn func(context.Context) error) {
	// The goroutine carries the pprof labels of the context it is given,
	// not those of the goroutine that called Go.
	ctx, labels := context.Context(&g.ctx), context.Background()
	if g.labeled {
		labels = ctx
	}
	if t.named() {
		ctx, labels = &t.ctx, &t.ctx
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
		t.ctx.unlink()
	}
	if g.sem != nil {
		<-g.sem
	}
	if g.state.Add(-oneTask) == waiting && g.state.CompareAndSwap(waiting, 0) {
		g.idle.Done() // the last task has returned: release Wait
	}
}

// fail records err, a task's or the body's failure (p, if it panicked), and
// cancels g's context with the first failure as the cause.
func (g *Group) fail(err error, p *PanicError) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if p == nil && echoes(&g.ctx, err) {
		return
	}
	f := g.failures()
	if p == nil {
		f.errs = append(f.errs, err)
	} else if f.panic == nil {
		f.panic = p
	}
	g.cancel(err)
}

// failures returns g.failed, making it on first use; g.mu is held.
func (g *Group) failures() *failures {
	if g.failed == nil {
		g.failed = new(failures)
	}
	return g.failed
}

// echoes reports whether err merely repeats the cancellation of ctx: ctx is
// done, and err is, or wraps, ctx's Err or its cause.
func echoes(ctx context.Context, err error) bool {
	return ctx.Err() != nil && (errors.Is(err, ctx.Err()) || errors.Is(err, context.Cause(ctx)))
}

// hasLabels reports whether ctx carries pprof labels.
func hasLabels(ctx context.Context) bool {
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
	name    string
	started time.Time
	ctx     scope
	hook    exitHook
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
		t.ctx = scope{Context: pprof.WithLabels(&g.ctx, pprof.Labels("task", name)), task: t}
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
