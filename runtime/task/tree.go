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
//	group main.serve.func1 (waiting for 2 tasks)
//	├── task "listener" (running 1m30s)
//	│   └── group (waiting for 3 tasks)
//	└── task "janitor" (running 1m30s)
//
// A group line shows Run's body function (for groups made by Run), how many
// tasks are running, named or not, whether Wait is waiting for them, and the
// cause once the group's context is canceled. Unnamed tasks are counted, not listed; name the ones worth
// finding with GoNamed, SpawnNamed or StartNamed. For the stacks of the
// tasks, take a goroutine profile: named tasks carry the pprof label
// task=name.
//
// A group that outlives the task or group it was created in is listed under
// the nearest one still live. Keeping the tree costs a short critical
// section when a group or named task begins and when it ends; unnamed tasks
// cost nothing, so the tree is always on. WriteTree holds the tree's lock
// while it formats, not while it writes to w.
func WriteTree(w io.Writer) error {
	var b strings.Builder
	tree.mu.Lock()
	children := make(map[*scope][]*scope)
	for s := tree.first; s != nil; s = s.next {
		up := s.up()
		for up != nil && !up.live() {
			up = up.up()
		}
		children[up] = append(children[up], s)
	}
	for _, s := range children[nil] {
		s.write(&b, children, "", "")
	}
	tree.mu.Unlock()
	_, err := io.WriteString(w, b.String())
	return err
}

// tree lists every live scope, oldest first.
var tree struct {
	mu          sync.Mutex
	first, last *scope
}

// A scope is the context of a group or named task, marked so that groups
// created from it know where they belong, and its entry in the tree.
type scope struct {
	context.Context
	group *Group    // the group, if the scope is one
	task  *taskInfo // the named task, if the scope is one

	prev, next *scope // neighbors in the tree's list, while live
}

// scopeKey is the context key under which a scope's context holds it.
type scopeKey struct{}

func (s *scope) Value(key any) any {
	if key == (scopeKey{}) {
		return s
	}
	return s.Context.Value(key)
}

// up returns the scope s was created in, or nil.
func (s *scope) up() *scope {
	up, _ := s.Context.Value(scopeKey{}).(*scope)
	return up
}

// link adds s to the tree.
func (s *scope) link() {
	tree.mu.Lock()
	defer tree.mu.Unlock()
	s.prev = tree.last
	if tree.last != nil {
		tree.last.next = s
	} else {
		tree.first = s
	}
	tree.last = s
}

// unlink removes s from the tree. Scopes created in s that outlive it can
// still find their nearest live ancestor through s.up.
func (s *scope) unlink() {
	tree.mu.Lock()
	defer tree.mu.Unlock()
	if s.prev != nil {
		s.prev.next = s.next
	} else {
		tree.first = s.next
	}
	if s.next != nil {
		s.next.prev = s.prev
	} else {
		tree.last = s.prev
	}
	s.prev, s.next = nil, nil
}

// live reports whether s is in the tree; tree.mu is held.
func (s *scope) live() bool {
	return s.prev != nil || tree.first == s
}

// write formats s and its descendants, drawing the tree's branches.
func (s *scope) write(b *strings.Builder, children map[*scope][]*scope, prefix, indent string) {
	b.WriteString(prefix)
	b.WriteString(s.describe())
	b.WriteByte('\n')
	kids := children[s]
	for i, c := range kids {
		if i < len(kids)-1 {
			c.write(b, children, indent+"├── ", indent+"│   ")
		} else {
			c.write(b, children, indent+"└── ", indent+"    ")
		}
	}
}

func (s *scope) describe() string {
	if t := s.task; t != nil {
		return fmt.Sprintf("task %q (running %v)", t.name, time.Since(t.started).Round(time.Millisecond))
	}
	g := s.group
	d := "group"
	if g.body != nil {
		d += " " + runtime.FuncForPC(reflect.ValueOf(g.body).Pointer()).Name()
	}
	tasks := "1 task"
	if n := g.running(); n != 1 {
		tasks = fmt.Sprintf("%d tasks", n)
	}
	if g.state.Load()&waiting != 0 {
		d += " (waiting for " + tasks
	} else {
		d += " (" + tasks
	}
	if s.Err() != nil {
		cause, _, _ := strings.Cut(context.Cause(s).Error(), "\n")
		d += ", canceled: " + cause
	}
	return d + ")"
}
