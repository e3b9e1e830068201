package task

import (
	"context"
	"errors"
	"fmt"
	"runtime/pprof"
	"sync"
	"sync/atomic"
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
	// A Group is one allocation of 192 bytes. Moving the fields that only
	// failures, Run and concurrent Waits use to a side struct saved 80
	// bytes, but no time that benchstat showed consistently (three runs
	// disagreed in sign), so they are all here.

	parent context.Context                     // what the group was created from
	body   func(context.Context, *Group) error // Run's body, shown by WriteTree; nil for NewGroup

	state atomic.Int32   // running tasks and whether Wait finished g (join.go)
	idle  sync.WaitGroup // what Wait sleeps on (join.go)
	flags atomic.Uint32  // the bits below; all but labeled are set under mu

	limit atomic.Pointer[limiter] // nil until SetLimit (limit.go)

	// mu guards the rest: the context (context.go) and the outcome.
	mu        sync.Mutex
	ctx       context.Context // nil until made (context.go)
	cancel    context.CancelCauseFunc
	cause     error         // g's own cancellation cause, while ctx is not made
	errs      []error       // failures, in the order they were recorded
	panic     *PanicError   // the first task's panic
	result    error         // what Wait returns, once finished
	waitPanic *PanicError   // what Wait panics with, once finished
	done      chan struct{} // closed once finished, for Waits that wait for another (join.go)

	prev, next *Group // neighbors in the tree while tasks are running (tree.go)
}

// Bits of Group.flags.
const (
	labeled  = 1 << iota // the parent carries pprof labels (named.go)
	ctxMade              // ctx and cancel are set (context.go)
	canceled             // g canceled its context itself, before its parent was done
	cutShort             // a task echoed the cancellation, or a Go gave up waiting for a slot
)

// NewGroup returns a new Group whose context is derived from ctx.
//
// The group's context is canceled when a task fails, when Cancel is called,
// when ctx is canceled, or when Wait returns, whichever happens first.
func NewGroup(ctx context.Context) *Group {
	g := &Group{parent: ctx}
	if hasLabels(ctx) {
		g.flags.Store(labeled)
	}
	return g
}

// Run runs body with a new Group derived from ctx, then waits for the
// group, like Python's "async with TaskGroup() as g". It is the scoped form
// of NewGroup and Wait: no task started in body can outlive the call.
//
// body receives the group's context and the group. A non-nil error from
// body counts as a failure, exactly like a task's: it cancels the tasks and
// is part of the error Run returns, after the tasks' failures. Run returns
// what Wait returns, and panics when Wait panics.
//
// body may call g.Wait itself. Its error is still reported: Run returns
// Wait's failures followed by body's error, or Wait's error alone if body
// returned that very error.
//
// If body panics, Run cancels the group's context, waits for the tasks, and
// lets the panic continue; the tasks' own failures are then dropped.
func Run(ctx context.Context, body func(ctx context.Context, g *Group) error) error {
	g := NewGroup(ctx)
	g.body = body
	returned := false
	defer func() {
		if !returned {
			g.mu.Lock()
			g.cancelLocked(errBodyExited)
			g.mu.Unlock()
			g.wait()
		}
	}()
	err := body((*groupContext)(g), g)
	returned = true
	if err == nil || g.fail(err, nil) {
		return g.Wait()
	}
	// body finished the group with Wait: err comes after what Wait said.
	werr := g.Wait()
	if err == werr || g.echoes(err) {
		return werr
	}
	var errs []error
	if werr != nil {
		errs = werr.(interface{ Unwrap() []error }).Unwrap()
	}
	return errors.Join(append(errs[:len(errs):len(errs)], err)...)
}

var (
	errBodyExited = errors.New("task: Run's body panicked or called runtime.Goexit")
	errGoexit     = errors.New("task: task called runtime.Goexit")
	errCanceled   = fmt.Errorf("task: Group.Cancel: %w", context.Canceled)
)

// Go runs fn in a new goroutine, as a task of g, with g's context.
//
// If fn returns an error, that error is recorded as a failure and cancels
// g's context, with the first failure as its cause ([context.Cause]). An
// error that only echoes the cancellation is not a failure: once g's
// context is done, an error that satisfies errors.Is with
// [context.Canceled] (or with [context.DeadlineExceeded], when a deadline
// ended the context), or that is the context's cause itself, is dropped, so
// tasks can simply return ctx.Err(). Any other error is a failure, even one
// that wraps the cause. If fn panics, the panic is recovered as a
// [*PanicError], cancels g's context, and is re-raised by Wait.
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

// TryGo runs fn as a task, like Go, only if a task slot is free; it never
// blocks. It reports whether fn was started. Without a limit, TryGo always
// starts fn. Like Go, it panics once Wait has returned.
func (g *Group) TryGo(fn func(ctx context.Context) error) bool {
	if l := g.limit.Load(); l != nil {
		if !l.acquire(g, false) {
			return false
		}
	} else {
		g.enter()
	}
	go g.run(nil, fn)
	return true
}

// Cancel cancels g's context without a failure, like asyncio's
// TaskGroup.cancel (Python 3.15) and trio's cancel_scope.cancel: the tasks
// are asked to stop, and errors that echo the cancellation are not
// failures, so Wait returns nil unless a task really failed. The context's
// cause is an error that satisfies errors.Is with [context.Canceled].
//
// Tasks may still be started after Cancel; their context is done. Go calls
// blocked on a limit return without starting their task. Cancel after a
// failure, a second Cancel, or Cancel after Wait does nothing. It may be
// called from any goroutine, including g's tasks and Run's body.
func (g *Group) Cancel() {
	g.mu.Lock()
	g.cancelLocked(errCanceled)
	g.mu.Unlock()
}

// Wait blocks until every task of g has returned, including tasks started
// while Wait was waiting, then finishes the group: it cancels g's context,
// and any later Go panics.
//
// If a task panicked, Wait re-panics in the calling goroutine with a
// [*PanicError] holding the first panic's value and stack and, in its
// Errors field, the group's other failures. Otherwise Wait returns nil if
// nothing failed, or an error whose Unwrap() []error lists every failure in
// the order they were recorded, echoes of the group's cancellation left out
// (see Go).
//
// If the cancellation of the context g was created from cut a task short
// (the task echoed it, or a Go gave up waiting for a slot), that context's
// cause is listed last, so that errors.Is(err, context.Cause(ctx)) holds.
// If it cut nothing short, because every task had already returned or
// returned nil regardless, it is not reported: Wait returns nil if nothing
// else failed. Nor is it reported when g had canceled itself first (a
// failure or Cancel).
//
// Calling Wait again, or from several goroutines at once, returns the same
// result. Wait must not be called by a task of g: it would wait for itself.
func (g *Group) Wait() error {
	g.wait()
	if g.waitPanic != nil {
		panic(g.waitPanic)
	}
	return g.result
}

// finish ends the group once its tasks have returned: it settles what Wait
// returns and cancels the context. g.mu is held.
func (g *Group) finish() {
	errs := g.errs
	if g.flags.Load()&(canceled|cutShort) == cutShort && g.parent.Err() != nil {
		errs = append(errs, context.Cause(g.parent))
	}
	g.cancelLocked(nil)
	g.result = errors.Join(errs...)
	if g.panic != nil {
		p := *g.panic
		p.Errors = append(p.Errors[:len(p.Errors):len(p.Errors)], errs...)
		g.waitPanic = &p
	}
	if g.done != nil {
		close(g.done)
	}
}

// spawn starts fn as the task t (nil for a plain, unnamed task) once a task
// slot is free. It reports false if g's context was done first.
func (g *Group) spawn(t *taskInfo, fn func(context.Context) error) bool {
	if l := g.limit.Load(); l != nil {
		if !l.acquire(g, true) {
			g.mu.Lock()
			g.flags.Store(g.flags.Load() | cutShort)
			g.mu.Unlock()
			return false
		}
	} else {
		g.enter()
	}
	if t == nil {
		go g.run(nil, fn) // a constant nil keeps the goroutine's closure small
		return true
	}
	if t.named() {
		tree.addTask(t)
	}
	go g.run(t, fn)
	return true
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
	if l := g.limit.Load(); l != nil {
		l.exit(g)
		return
	}
	g.leave()
	if l := g.limit.Load(); l != nil { // SetLimit ran meanwhile
		l.wake(g)
	}
}

// fail records err, a failure of a task or of Run's body (p, if it
// panicked), and cancels g's context with the first failure as the cause.
// An echo of the cancellation is not recorded. fail reports false if g is
// already finished, and records nothing then.
func (g *Group) fail(err error, p *PanicError) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	switch {
	case g.state.Load() < 0:
		return false
	case p == nil && g.echoes(err):
		g.flags.Store(g.flags.Load() | cutShort)
		return true
	case p == nil || g.panic != nil: // later panics are listed with the errors
		g.errs = append(g.errs, err)
	default:
		g.panic = p
	}
	g.cancelLocked(err)
	return true
}

// echoes reports whether err merely echoes the cancellation of ctx: ctx is
// done, and err is its cause, or satisfies errors.Is with context.Canceled
// or with ctx's Err (context.DeadlineExceeded, if a deadline ended ctx).
// An error that wraps the cause without being it is not an echo: a task
// that fails on its own with fmt.Errorf("shard 2: %w", errNotFound) after
// errNotFound canceled its group has failed.
func echoes(ctx context.Context, err error) bool {
	return isEcho(err, ctx.Err(), context.Cause(ctx))
}

// echoes is the echoes function for g's context, which it does not make.
func (g *Group) echoes(err error) bool {
	ctxErr, cause := g.doneCause()
	return isEcho(err, ctxErr, cause)
}

func isEcho(err, ctxErr, cause error) bool {
	return ctxErr != nil && (err == cause || errors.Is(err, context.Canceled) || errors.Is(err, ctxErr))
}
