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
// cause once the group's context is canceled. Unnamed tasks are counted, not
// listed; name the ones worth finding with GoNamed, SpawnNamed or
// StartNamed. Under a group, its named tasks come first, then the groups
// created in its other tasks or in Run's body, each oldest first. For the
// stacks of the tasks, take a goroutine profile: named tasks carry the
// pprof label task=name.
//
// A group that outlives the task or group it was created in is listed under
// the nearest one still live. Keeping the tree costs a short critical
// section when a group or named task begins and when it ends; unnamed tasks
// cost nothing, so the tree is always on. WriteTree holds the tree's lock
// while it collects the tree, not while it formats it or writes to w.
func WriteTree(w io.Writer) error {
	tree.mu.Lock()
	children := make(map[scope][]scope)
	add := func(s scope) {
		up := s.up()
		for up != nil && !up.live() {
			up = up.up()
		}
		children[up] = append(children[up], s)
	}
	for t := tree.tasks.first; t != nil; t = t.next {
		add(t)
	}
	for g := tree.groups.first; g != nil; g = g.next {
		add(g)
	}
	tree.mu.Unlock()

	// Describing a group may look at contexts whose methods lock groups, so
	// it is done without the tree's lock, which finish takes while it holds
	// a group's.
	var b strings.Builder
	for _, s := range children[nil] {
		write(&b, s, children, "", "")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// tree lists every live group and named task, oldest first.
var tree lists

type lists struct {
	mu     sync.Mutex
	groups struct{ first, last *Group }
	tasks  struct{ first, last *taskInfo }
}

// A scope is a node of the tree: a *Group or a named *taskInfo. Its
// context holds it under scopeKey, so that groups created from that context
// know where they belong.
type scope interface {
	up() scope  // the scope it was created in, or nil
	live() bool // whether it is in the tree; tree.mu is held
	describe() string
}

// upFrom returns the scope whose context ctx is, or is derived from.
func upFrom(ctx context.Context) scope {
	s, _ := ctx.Value(scopeKey{}).(scope)
	return s
}

func (g *Group) up() scope    { return upFrom(g.parent) }
func (t *taskInfo) up() scope { return upFrom(t.ctx) }

func (g *Group) live() bool    { return g.prev != nil || tree.groups.first == g }
func (t *taskInfo) live() bool { return t.prev != nil || tree.tasks.first == t }

// addGroup adds g to the tree.
func (l *lists) addGroup(g *Group) {
	l.mu.Lock()
	g.prev = l.groups.last
	if g.prev != nil {
		g.prev.next = g
	} else {
		l.groups.first = g
	}
	l.groups.last = g
	l.mu.Unlock()
}

// removeGroup removes g from the tree. Groups created in g that outlive it
// can still find their nearest live ancestor through g.up.
func (l *lists) removeGroup(g *Group) {
	l.mu.Lock()
	if g.prev != nil {
		g.prev.next = g.next
	} else {
		l.groups.first = g.next
	}
	if g.next != nil {
		g.next.prev = g.prev
	} else {
		l.groups.last = g.prev
	}
	g.prev, g.next = nil, nil
	l.mu.Unlock()
}

// addTask adds the named task t to the tree.
func (l *lists) addTask(t *taskInfo) {
	l.mu.Lock()
	t.prev = l.tasks.last
	if t.prev != nil {
		t.prev.next = t
	} else {
		l.tasks.first = t
	}
	l.tasks.last = t
	l.mu.Unlock()
}

// removeTask removes the named task t from the tree.
func (l *lists) removeTask(t *taskInfo) {
	l.mu.Lock()
	if t.prev != nil {
		t.prev.next = t.next
	} else {
		l.tasks.first = t.next
	}
	if t.next != nil {
		t.next.prev = t.prev
	} else {
		l.tasks.last = t.prev
	}
	t.prev, t.next = nil, nil
	l.mu.Unlock()
}

// write formats s and its descendants, drawing the tree's branches.
func write(b *strings.Builder, s scope, children map[scope][]scope, prefix, indent string) {
	b.WriteString(prefix)
	b.WriteString(s.describe())
	b.WriteByte('\n')
	kids := children[s]
	for i, c := range kids {
		if i < len(kids)-1 {
			write(b, c, children, indent+"├── ", indent+"│   ")
		} else {
			write(b, c, children, indent+"└── ", indent+"    ")
		}
	}
}

func (t *taskInfo) describe() string {
	return fmt.Sprintf("task %q (running %v)", t.name, time.Since(t.started).Round(time.Millisecond))
}

func (g *Group) describe() string {
	d := "group"
	if m := g.more.Load(); m != nil && m.body != nil {
		d += " " + runtime.FuncForPC(reflect.ValueOf(m.body).Pointer()).Name()
	}
	tasks := "1 task"
	if n := g.running(); n != 1 {
		tasks = fmt.Sprintf("%d tasks", n)
	}
	if g.state.Load()&owned != 0 {
		d += " (waiting for " + tasks
	} else {
		d += " (" + tasks
	}
	if err, cause := g.doneCause(); err != nil {
		first, _, _ := strings.Cut(cause.Error(), "\n")
		d += ", canceled: " + first
	}
	return d + ")"
}
