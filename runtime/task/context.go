package task

import (
	"context"
	"fmt"
	"time"
)

// The lazily made context.
//
// Why it exists: the context a group's tasks receive is the Group itself,
// seen through groupContext. It behaves as the context that
// context.WithCancelCause(parent) would return, but the real one is made
// only when something needs it: a call of Done or Value (context.Cause,
// AfterFunc and derived contexts call them). Until then the group records
// its cancellation itself, and making the context replays it, so nobody can
// tell the difference. Tasks that ignore their context, or only poll Err,
// cost no context at all.
//
// What it saves, for every group whose tasks do not ask for Done: the
// context's two allocations (the context and its cancel function), 1100 of
// 5300 instructions for a spawn and join of one task (callgrind), and their
// time. A copy of the package that makes the context in NewGroup, as
// errgroup does, took 34% and 35% longer for a spawn and join of one task in
// two runs (p=0.000, 12 and 20 runs each, side by side in one process), and
// 95% and 41% longer for NewGroup and Wait on every P at once.

// groupContext is the type of a group's context. Converting a *Group to a
// *groupContext costs nothing, and keeps the context's methods out of
// Group's API.
type groupContext Group

// scopeKey is the context key under which the context of a group or named
// task holds its scope, so that WriteTree knows where groups belong.
type scopeKey struct{}

// Deadline returns the parent's deadline: canceling adds none.
func (c *groupContext) Deadline() (time.Time, bool) { return c.parent.Deadline() }

func (c *groupContext) Done() <-chan struct{} { return (*Group)(c).context().Done() }

func (c *groupContext) Err() error {
	g := (*Group)(c)
	switch f := g.flags.Load(); {
	case f&ctxMade != 0:
		return g.ctx.Err()
	case f&canceled != 0:
		return context.Canceled
	case g.parent.Err() == nil:
		return nil
	}
	// The parent is done. Decide under mu, as cancelLocked does, so that
	// Err cannot change once it has returned the parent's error.
	g.mu.Lock()
	defer g.mu.Unlock()
	err, _ := g.doneCause()
	return err
}

func (c *groupContext) Value(key any) any {
	if key == (scopeKey{}) {
		return scope((*Group)(c))
	}
	return (*Group)(c).context().Value(key)
}

func (c *groupContext) String() string { return contextName(c.parent) + ".WithCancel" }

// context returns the group's context, making it on first use.
func (g *Group) context() context.Context {
	if g.flags.Load()&ctxMade == 0 {
		g.makeContext()
	}
	return g.ctx
}

// makeContext makes the group's context, unless another call has.
func (g *Group) makeContext() {
	g.mu.Lock()
	defer g.mu.Unlock()
	switch f := g.flags.Load(); {
	case f&ctxMade != 0:
		return
	case f&canceled == 0:
		// If the parent is done, the new context is canceled at once with
		// the parent's error and cause, as it would have been when the
		// parent was canceled.
		g.ctx, g.cancel = context.WithCancelCause(g.parent)
	default:
		// The group canceled its context first: the parent's cancellation
		// must not take over now.
		g.ctx, g.cancel = context.WithCancelCause(context.WithoutCancel(g.parent))
		g.cancel(g.cause)
	}
	g.flags.Store(g.flags.Load() | ctxMade)
}

// cancelLocked cancels g's context with cause, as its CancelCauseFunc
// would: only the first cancellation counts, and a cause of nil means
// context.Canceled. If the context was not done, it sets canceled: g
// canceled itself first. g.mu is held.
func (g *Group) cancelLocked(cause error) {
	switch f := g.flags.Load(); {
	case f&ctxMade != 0:
		g.cancel(cause)
		if cause != nil && context.Cause(g.ctx) == cause { // else another cancellation was first
			g.flags.Store(f | canceled)
		}
	case f&canceled == 0 && g.parent.Err() == nil: // else already canceled, by g or its parent
		g.cause = cause
		g.flags.Store(f | canceled)
	}
}

// doneCause returns what the Err method of g's context and context.Cause
// return, without making the context. It needs no lock.
func (g *Group) doneCause() (err, cause error) {
	switch f := g.flags.Load(); {
	case f&ctxMade != 0:
		return g.ctx.Err(), context.Cause(g.ctx)
	case f&canceled != 0:
		cause = g.cause // set before the flag
		if cause == nil {
			cause = context.Canceled
		}
		return context.Canceled, cause
	case g.parent.Err() != nil:
		return g.parent.Err(), context.Cause(g.parent)
	}
	return nil, nil
}

// contextName names ctx as the context package does in its String methods.
func contextName(ctx context.Context) string {
	if s, ok := ctx.(fmt.Stringer); ok {
		return s.String()
	}
	return fmt.Sprintf("%T", ctx)
}
