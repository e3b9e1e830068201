package task

import (
	"context"
	"fmt"
	"io"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"time"
)

// WriteTree writes the tree of the process's live groups and named tasks to
// w, like Python's "asyncio pstree": each group or named task is listed
// under the group or named task whose context it was created from, so the
// tree follows the structure of the program rather than of its goroutines.
// For example:
//
//	group main.serve.func1 (2 tasks)
//	├── task "listener" (running 1m30s)
//	│   └── group (3 tasks)
//	└── task "janitor" (running 1m30s)
//
// A group line shows Run's body function (for groups made by Run), how many
// tasks are running, named or not, and the cause once the group's context is
// canceled. Unnamed tasks are counted, not listed; name the ones worth
// finding with GoNamed, SpawnNamed or StartNamed. For the stacks of the
// tasks, take a goroutine profile: named tasks carry the pprof label
// task=name.
//
// A group that outlives the task or group it was created in is listed under
// the nearest live ancestor. Keeping the tree costs one short critical
// section when a group or named task begins and when it ends; unnamed tasks
// cost nothing, so the tree is always on. WriteTree holds the tree's lock
// while it formats, not while it writes to w.
func WriteTree(w io.Writer) error {
	var b strings.Builder
	tree.mu.Lock()
	for n := tree.root.first; n != nil; n = n.next {
		n.write(&b, "", "")
	}
	tree.mu.Unlock()
	_, err := io.WriteString(w, b.String())
	return err
}

// tree holds every live group and named task, each under the node of the
// context it was created from; groups created outside any group sit under
// root.
var tree struct {
	mu   sync.Mutex
	root node
}

// A node is a group or a named task in the tree.
type node struct {
	group *Group    // the group, if the node is one
	task  *taskInfo // the named task, if the node is one

	parent                  *node // nil once unlinked
	first, last, prev, next *node // children, and siblings
}

// link adds n to the tree under parent, or under the root if parent is nil
// or has left the tree (a context kept after its group finished).
func link(n, parent *node) {
	tree.mu.Lock()
	defer tree.mu.Unlock()
	if parent == nil || parent != &tree.root && parent.parent == nil {
		parent = &tree.root
	}
	parent.append(n)
}

// unlink removes n from the tree; children that outlive n (groups that
// escaped it) move up to n's parent.
func unlink(n *node) {
	tree.mu.Lock()
	defer tree.mu.Unlock()
	p := n.parent
	if n.prev != nil {
		n.prev.next = n.next
	} else {
		p.first = n.next
	}
	if n.next != nil {
		n.next.prev = n.prev
	} else {
		p.last = n.prev
	}
	for c := n.first; c != nil; {
		next := c.next
		p.append(c)
		c = next
	}
	n.parent, n.first, n.last, n.prev, n.next = nil, nil, nil, nil, nil
}

func (p *node) append(n *node) {
	n.parent, n.prev, n.next = p, p.last, nil
	if p.last != nil {
		p.last.next = n
	} else {
		p.first = n
	}
	p.last = n
}

// write formats n and its descendants, drawing the tree's branches.
func (n *node) write(b *strings.Builder, prefix, indent string) {
	b.WriteString(prefix)
	b.WriteString(n.describe())
	b.WriteByte('\n')
	for c := n.first; c != nil; c = c.next {
		if c.next != nil {
			c.write(b, indent+"├── ", indent+"│   ")
		} else {
			c.write(b, indent+"└── ", indent+"    ")
		}
	}
}

func (n *node) describe() string {
	if t := n.task; t != nil {
		return fmt.Sprintf("task %q (running %v)", t.name, time.Since(t.started).Round(time.Millisecond))
	}
	g := n.group
	s := "group"
	if g.body != nil {
		s += " " + runtime.FuncForPC(reflect.ValueOf(g.body).Pointer()).Name()
	}
	if k := g.running.Load(); k == 1 {
		s += " (1 task"
	} else {
		s += fmt.Sprintf(" (%d tasks", max(k, 0))
	}
	if g.ctx.Err() != nil {
		cause, _, _ := strings.Cut(context.Cause(&g.ctx).Error(), "\n")
		s += ", canceled: " + cause
	}
	return s + ")"
}

// nodeKey is the context key under which a group's or named task's context
// holds its node.
type nodeKey struct{}

// A nodeContext is a group's or named task's context: the context it wraps,
// marked with the node of that group or task, so that groups created from
// it know their place in the tree.
type nodeContext struct {
	context.Context
	node *node
}

func (c *nodeContext) Value(key any) any {
	if key == (nodeKey{}) {
		return c.node
	}
	return c.Context.Value(key)
}

// nodeOf returns the node of the innermost group or named task ctx belongs
// to, or nil.
func nodeOf(ctx context.Context) *node {
	n, _ := ctx.Value(nodeKey{}).(*node)
	return n
}
