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
	"unsafe"
)

// WriteTree writes the tree of the process's busy groups and running named
// tasks to w, like Python's "asyncio pstree": each group or named task is
// listed under the group or named task whose context it was created from,
// so the tree follows the structure of the program rather than of its
// goroutines. For example:
//
//	group main.serve.func1 (waiting for 2 tasks)
//	├── task "listener" (running 1m30s)
//	│   └── group (waiting for 3 tasks)
//	└── task "janitor" (running 1m30s)
//
// A group is listed while it has tasks running. A group line shows Run's
// body function (for groups made by Run), how many tasks are running, named
// or not, whether Wait is waiting for them, and the cause once the group's
// context is canceled. Unnamed tasks are counted, not listed; name the ones
// worth finding with GoNamed, SpawnNamed or StartNamed. Under a group, its
// named tasks come first, in the order they started running, then the
// groups created in its other tasks or in Run's body. For the stacks of the
// tasks, take a goroutine profile: named tasks carry the pprof label
// task=name.
//
// A group or task whose parent is not listed (a group with no task
// running, say) is listed under the nearest ancestor that is, or at the
// top. WriteTree holds the tree's locks while it collects the tree, not
// while it formats it or writes to w.
func WriteTree(w io.Writer) error {
	tree.lockAll()
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
	for i := range tree.shards {
		for g := tree.shards[i].first; g != nil; g = g.next {
			if g.live() { // else Wait has finished it, or its count just dropped
				add(g)
			}
		}
	}
	tree.unlockAll()

	// Describing a group may look at contexts whose methods lock groups, so
	// it is done without the tree's locks, which finish takes while it holds
	// a group's.
	var b strings.Builder
	for _, s := range children[nil] {
		write(&b, s, children, "", "")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// The live tree.
//
// Why it exists: WriteTree must find the groups and named tasks of a
// process that nobody prepared for it, a stuck one say, so the tree is
// always kept, in two lists under one lock.
//
// A group is in the tree only while it has tasks running: the first task
// to start puts it in, the last to return takes it out. Then the tree
// never keeps a group alive, for the goroutines of its tasks hold it
// anyway, and a group dropped without Wait (an early return between
// NewGroup and Wait) is garbage once its tasks have returned, as an
// errgroup would be. A named task is in the tree while it runs.
//
// What it costs: a short critical section when a group's count of running
// tasks leaves zero and when it returns to zero (2.7 times per group for a
// spawn and join of 10000 tasks, 2 for fewer), when a named task starts and
// when it ends, and nothing for a group that runs no task: 120 of 4190
// instructions for a spawn and join of one task (callgrind). Under
// contention, NewGroup, one task and Wait on every P at once, a copy
// without the tree was 37% faster in one run (p=0.000) and no different in
// two others (p=0.713, p=0.277; 12 and 20 runs each, on 2 cores shared with
// other work). So the groups are spread over 16 lists, each under its own
// lock on cache lines of its own: against one list under one lock, that
// took 12% less time there (p=0.000) and 7.6% less for a spawn and join of
// one task that asks for Done (p=0.010; 8 runs each, side by side in one
// process). An earlier split in 16 whose locks shared cache lines had made
// no difference (p=0.779). A group's list is chosen by the 8 KiB page of
// its address: the groups one P allocates in a row come from one span, so
// they share a list whose lines stay in that P's cache, while the groups
// of different Ps rarely share one. Chosen by 128-byte block instead, as
// first, the lists' lines moved between the Ps at every change: by page,
// NewGroup, one task and Wait on every P at once took 15%, 6.7% and 10.7%
// less time (p=0.000, p=0.029, p=0.000; three runs of 10, 10 and 20
// samples each, alternating the two builds), and a spawn and join of one
// task did not differ (p=0.912, p=0.256). Named tasks, rarer, keep one
// list under the tree's own lock; WriteTree takes every lock.
//
// The other ways were weak references and opt-in tracking. weak.Make, with
// the groups listed from NewGroup to Wait, cost 1860 more instructions per
// group (+44% for a spawn and join of one task; benchstat +53% and +20% in
// two runs, and +277% and +169% for NewGroup and Wait on every P), more
// than an errgroup spends on its whole spawn and join: the runtime keeps a
// weak pointer in a list per memory span, which every weak.Make walks.
// Opt-in tracking would leave WriteTree empty in the stuck process that
// needs it, which nobody prepared.
var tree lists

type lists struct {
	mu     sync.Mutex // guards tasks
	tasks  struct{ first, last *taskInfo }
	shards [treeShards]groupList
}

// treeShards is how many lists the busy groups are spread over, by
// address, so that groups on different Ps rarely take one lock.
const treeShards = 16

// A groupList is one shard of the busy groups, alone on its cache lines.
type groupList struct {
	mu          sync.Mutex
	first, last *Group
	_           [128 - 24]byte
}

// shard returns the list of g: by its address's 8 KiB page, a runtime page.
func (l *lists) shard(g *Group) *groupList {
	return &l.shards[uintptr(unsafe.Pointer(g))>>13%treeShards]
}

// lockAll locks the whole tree, for WriteTree.
func (l *lists) lockAll() {
	l.mu.Lock()
	for i := range l.shards {
		l.shards[i].mu.Lock()
	}
}

func (l *lists) unlockAll() {
	for i := range l.shards {
		l.shards[i].mu.Unlock()
	}
	l.mu.Unlock()
}

// A scope is a node of the tree: a *Group or a named *taskInfo. Its
// context holds it under scopeKey, so that groups created from that context
// know where they belong.
type scope interface {
	up() scope  // the scope it was created in, or nil
	live() bool // whether it is listed; the tree's locks are held
	describe() string
}

// upFrom returns the scope whose context ctx is, or is derived from.
func upFrom(ctx context.Context) scope {
	s, _ := ctx.Value(scopeKey{}).(scope)
	return s
}

func (g *Group) up() scope    { return upFrom(g.parent) }
func (t *taskInfo) up() scope { return upFrom(t.ctx) }

func (g *Group) live() bool    { return g.inTree() && g.state.Load() >= oneTask }
func (t *taskInfo) live() bool { return t.prev != nil || tree.tasks.first == t }

func (g *Group) inTree() bool { return g.prev != nil || tree.shard(g).first == g }

// update puts g in the tree if it has tasks running, and takes it out if
// not. It is called after each change between none and some; whichever
// call comes last sees the latest count.
func (l *lists) update(g *Group) {
	sh := l.shard(g)
	sh.mu.Lock()
	switch busy := g.state.Load() >= oneTask; {
	case busy && !g.inTree():
		g.prev = sh.last
		if g.prev != nil {
			g.prev.next = g
		} else {
			sh.first = g
		}
		sh.last = g
	case !busy && g.inTree():
		if g.prev != nil {
			g.prev.next = g.next
		} else {
			sh.first = g.next
		}
		if g.next != nil {
			g.next.prev = g.prev
		} else {
			sh.last = g.prev
		}
		g.prev, g.next = nil, nil
	}
	sh.mu.Unlock()
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
	if g.body != nil {
		d += " " + runtime.FuncForPC(reflect.ValueOf(g.body).Pointer()).Name()
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
