package task

import (
	"context"
	"runtime/pprof"
	"time"
)

// Named tasks: a name carried into pprof labels, panics and WriteTree.

// GoNamed is like Go, and gives the task a name: the task's goroutine and
// context carry the pprof label task=name, a panic in it reports the name
// in [PanicError.Task], and [WriteTree] lists it under that name.
func (g *Group) GoNamed(name string, fn func(ctx context.Context) error) {
	g.spawn(g.newTask(name), fn)
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

// taskContext is the type of a named task's context: the group's context
// with the pprof label task=name, which also leads WriteTree to the task.
type taskContext taskInfo

func (c *taskContext) Deadline() (time.Time, bool) { return c.ctx.Deadline() }
func (c *taskContext) Done() <-chan struct{}       { return c.ctx.Done() }
func (c *taskContext) Err() error                  { return c.ctx.Err() }
func (c *taskContext) String() string              { return contextName(c.ctx) }

func (c *taskContext) Value(key any) any {
	if key == (scopeKey{}) {
		return scope((*taskInfo)(c))
	}
	return c.ctx.Value(key)
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
