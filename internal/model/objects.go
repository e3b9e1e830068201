package model

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// A Kind is the kind of a tracked object.
type Kind uint8

const (
	Chan          Kind = iota + 1 // a channel from make
	WaitGroup                     // sync.WaitGroup
	ErrGroup                      // golang.org/x/sync/errgroup.Group
	TaskGroup                     // github.com/structlint/structlint/runtime/task.Group
	ConcWaitGroup                 // github.com/sourcegraph/conc.WaitGroup
	ConcPool                      // a pool of github.com/sourcegraph/conc/pool
	Mutex                         // sync.Mutex
	RWMutex                       // sync.RWMutex
	Cond                          // sync.Cond
	Context                       // context.Context: cancelled by its CancelFuncs or its parent's
	CancelFunc                    // a context.CancelFunc (or CancelCauseFunc)
)

// Import paths of the group packages the model knows.
const (
	ErrGroupPath = "golang.org/x/sync/errgroup"
	TaskPath     = "github.com/structlint/structlint/runtime/task"
	ConcPath     = "github.com/sourcegraph/conc"
	ConcPoolPath = "github.com/sourcegraph/conc/pool"
)

var kindNames = [...]string{Chan: "channel", WaitGroup: "sync.WaitGroup", ErrGroup: "errgroup.Group", TaskGroup: "task.Group", ConcWaitGroup: "conc.WaitGroup", ConcPool: "conc pool", Mutex: "sync.Mutex", RWMutex: "sync.RWMutex", Cond: "sync.Cond", Context: "context", CancelFunc: "cancel function"}

func (k Kind) String() string { return kindNames[k] }

// An Object is a channel or sync object created in this package, with every
// place it is used, each seen from the function that created it.
//
// Uses are found by following the object through the variables that hold
// it, the closures that capture them, and the parameters of the functions
// it is passed to: statically called functions of this package are
// followed into; functions of other packages are judged by their Summary
// facts. Where the object goes somewhere the model cannot follow (a field,
// a global, an interface, a return value, a dynamic call), it escapes, and
// Escape records where: its owner is then someone else.
type Object struct {
	Kind   Kind
	Value  ssa.Value     // the value that creates it: *ssa.MakeChan, *ssa.Alloc, or a call result
	Fn     *ssa.Function // the function that creates it
	Uses   []*Use
	Escape ssa.Instruction // where it first escapes; nil if every use is known
	// Name is the name of the variable that holds it, or "" if unnamed.
	Name string
}

// Pos returns the position where the object is created.
func (o *Object) Pos() token.Pos { return o.Value.Pos() }

// SignalledBy reports whether goroutine s signals o: calls Done on it,
// sends on it or closes it.
func (o *Object) SignalledBy(s *Spawn) bool {
	for _, u := range o.Uses {
		if u.Spawn == s && (u.Op == Done || u.Op == Send || u.Op == Close) {
			return true
		}
	}
	return false
}

// SignalledIn reports whether o is signalled (Done, a send or a close) in
// one of fns: the functions a goroutine runs, when it was started by
// another goroutine of o's creator, whose go statement its uses are seen
// through.
func (o *Object) SignalledIn(fns map[*ssa.Function]bool) bool {
	for _, u := range o.Uses {
		if fns[u.Instr.Parent()] && (u.Op == Done || u.Op == Send || u.Op == Close) {
			return true
		}
	}
	return false
}

// A How tells on which goroutine a use runs, relative to the creator.
type How uint8

const (
	Inline   How = iota // on the creator's goroutine, before Site returns
	Spawned             // on a goroutine started at Site
	Deferred            // when the creator returns, if it passed Site
)

func (h How) String() string {
	return [...]string{Inline: "inline", Spawned: "spawned", Deferred: "deferred"}[h]
}

// A Use is one operation on an object.
type Use struct {
	Op    Op
	Instr ssa.Instruction // the operation: send, receive, select, close, or a call of a method or function
	How   How
	// Site is the instruction of the creating function through which the
	// use happens: Instr itself if it is there, else the call, go or defer
	// statement (or group Go call) that leads to it.
	Site ssa.Instruction
	// Spawn is the go statement whose goroutine performs the use, when
	// How is Spawned because of a go statement (nil for group tasks).
	Spawn *Spawn
	// Select is the select statement the operation is a case of, if any;
	// Case is its index there.
	Select *ssa.Select
	Case   int
	// Callee is set when the use is a call of a function of another
	// package that uses the object as its parameter, per its Summary.
	Callee *types.Func
	// FailsFirst is set for a use through a call of Callee that, per its
	// Summary, returns an error only before it counts work on the object.
	FailsFirst bool
	// OneCase is set for a use through a call of Callee that, per its
	// Summary, makes the operation only as one case of a select with
	// others (see ParamSummary.Cases): it does not wait on it alone.
	OneCase bool
	// Alone is set for the one case of a select whose other cases can
	// never proceed, as for Operation.Alone.
	Alone bool
	// Repeats is set when one run of the creator may make the use more
	// than once: it, or a call on the way to it, is in a loop, or Callee's
	// Summary says it may repeat it (a relay goroutine's send).
	Repeats bool
	// Maybe is set when passing Site does not make the use: a helper on
	// the way runs the function that makes it on some of its ways only
	// (if !s.running { return false }; go f()).
	Maybe bool
}

// An Op is what a use does.
type Op uint8

const (
	Send Op = iota + 1
	Recv    // a receive, including the one a range loop makes each iteration
	Close
	Range // for range over the channel: receives until it is closed
	Len   // len or cap: does not block
	Add   // WaitGroup.Add
	Done  // WaitGroup.Done
	Go    // a group's Go or TryGo, or WaitGroup.Go: starts a task
	Wait  // Wait on a group
	Limit // SetLimit
	Other // another method of the object
	Lock
	Unlock
	RLock
	RUnlock
	TryLock // TryLock or TryRLock: does not block
	Signal  // Cond.Signal
	Broadcast
	Cancel // a call of a CancelFunc
)

func (op Op) String() string {
	return [...]string{Send: "send", Recv: "receive", Close: "close", Range: "range", Len: "len", Add: "Add", Done: "Done", Go: "Go", Wait: "Wait", Limit: "SetLimit", Other: "call",
		Lock: "Lock", Unlock: "Unlock", RLock: "RLock", RUnlock: "RUnlock", TryLock: "TryLock", Signal: "Signal", Broadcast: "Broadcast", Cancel: "cancel"}[op]
}

// Blocking reports whether u can block until another goroutine acts: a send
// or receive outside a select with alternatives, a range, or a Wait.
func (u *Use) Blocking() bool {
	switch u.Op {
	case Send, Recv, Range, Wait:
		return !u.OneCase && (u.Select == nil || u.Select.Blocking && (len(u.Select.States) == 1 || u.Alone))
	}
	return false
}

func (m *Model) findObjects() {
	for _, fn := range m.Funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				v, ok := instr.(ssa.Value)
				if !ok {
					continue
				}
				kind, name := m.creates(v)
				if kind == 0 {
					continue
				}
				o := &Object{Kind: kind, Value: v, Fn: fn, Name: name}
				t := &tracker{m: m, obj: o, seen: make(map[trackKey]bool)}
				t.value(v, where{})
				m.Objects = append(m.Objects, o)
				m.objectsOf[v] = o
			}
		}
	}
}

// creates reports the kind of object v creates, if any, and the name of the
// variable that holds it.
func (m *Model) creates(v ssa.Value) (Kind, string) {
	switch v := v.(type) {
	case *ssa.MakeChan:
		return Chan, m.VarName(v)
	case *ssa.Alloc:
		if k := groupKind(v.Type().(*types.Pointer).Elem()); k != 0 {
			return k, m.VarName(v)
		}
	case *ssa.Extract:
		// g, ctx := errgroup.WithContext(ctx)
		if call, ok := v.Tuple.(*ssa.Call); ok && v.Index == 0 && IsFunc(Callee(&call.Call), ErrGroupPath, "WithContext") {
			return ErrGroup, m.VarName(v)
		}
	case *ssa.Call:
		fn := Callee(&v.Call)
		if IsFunc(fn, TaskPath, "NewGroup") {
			return TaskGroup, m.VarName(v)
		}
		// pool.New(), and each With… method, which returns a new pool.
		if fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == ConcPoolPath && groupKind(deref(v.Type())) == ConcPool {
			return ConcPool, m.VarName(v)
		}
	}
	return 0, ""
}

// groupKind returns the kind of group t is, or 0.
func groupKind(t types.Type) Kind {
	named, ok := types.Unalias(t).(*types.Named)
	if !ok || named.Obj().Pkg() == nil {
		return 0
	}
	named = named.Origin()
	if named.Obj().Pkg().Path() == ConcPoolPath && strings.HasSuffix(named.Obj().Name(), "Pool") {
		return ConcPool
	}
	switch named.Obj().Pkg().Path() + "." + named.Obj().Name() {
	case "sync.WaitGroup":
		return WaitGroup
	case ErrGroupPath + ".Group":
		return ErrGroup
	case TaskPath + ".Group":
		return TaskGroup
	case ConcPath + ".WaitGroup":
		return ConcWaitGroup
	}
	return 0
}

// VarName returns the name of the variable v is assigned to where it is
// created, or "".
func (m *Model) VarName(v ssa.Value) string {
	if a, ok := v.(*ssa.Alloc); ok && isVarName(a.Comment) {
		return a.Comment // var wg sync.WaitGroup
	}
	for _, r := range Refs(v) {
		if st, ok := r.(*ssa.Store); ok && st.Val == v {
			if a, ok := st.Addr.(*ssa.Alloc); ok && isVarName(a.Comment) {
				return a.Comment
			}
		}
	}
	pos, index := v.Pos(), 0
	if e, ok := v.(*ssa.Extract); ok {
		pos, index = e.Tuple.Pos(), e.Index
	}
	cur, ok := m.Syntax(pos)
	if !ok {
		return ""
	}
	switch n := cur.Node().(type) {
	case *ast.CallExpr:
	case *ast.CompositeLit:
		// &T{}: the address operator is the expression assigned.
		if u, ok := cur.Parent().Node().(*ast.UnaryExpr); ok && u.Op == token.AND {
			cur = cur.Parent()
		}
	case *ast.UnaryExpr:
		if n.Op != token.AND {
			return ""
		}
	default:
		return ""
	}
	var lhs []ast.Expr
	switch parent := cur.Parent().Node().(type) {
	case *ast.AssignStmt:
		if len(parent.Rhs) > 1 {
			index = slices.Index(parent.Rhs, cur.Node().(ast.Expr))
		}
		lhs = parent.Lhs
	case *ast.ValueSpec:
		if len(parent.Values) > 1 {
			index = slices.Index(parent.Values, cur.Node().(ast.Expr))
		}
		for _, id := range parent.Names {
			lhs = append(lhs, id)
		}
	}
	if index < 0 || index >= len(lhs) {
		return ""
	}
	if id, ok := lhs[index].(*ast.Ident); ok && id.Name != "_" {
		return id.Name
	}
	return ""
}

// isVarName reports whether an Alloc's comment names a variable rather
// than what the SSA builder allocated (complit, varargs, slicelit…).
func isVarName(comment string) bool {
	switch comment {
	case "", "complit", "varargs", "slicelit", "new", "makeslice":
		return false
	}
	return true
}

// where is how the function being walked runs, relative to the creator.
type where struct {
	how   How
	site  ssa.Instruction // nil while walking the creator itself
	spawn *Spawn
	loop  bool // a call on the way is in a loop
	maybe bool // a helper on the way may return without running its function argument
}

// at returns the where of an instruction of the function being walked.
func (w where) at(instr ssa.Instruction) where {
	if w.site == nil {
		w.site = instr
	}
	return w
}

type trackKey struct {
	v      ssa.Value
	w      where
	isCell bool
}

// A tracker follows one object through the values that hold it.
type tracker struct {
	m    *Model
	obj  *Object
	seen map[trackKey]bool
	// probe: the tracker follows a parameter to learn how its function
	// uses it (runsParam), and makes no Spawns on the way.
	probe bool
}

func (t *tracker) escape(instr ssa.Instruction) {
	if t.obj.Escape == nil {
		t.obj.Escape = instr
	}
}

func (t *tracker) use(op Op, instr ssa.Instruction, w where) *Use {
	w = w.at(instr)
	u := &Use{Op: op, Instr: instr, How: w.how, Site: w.site, Spawn: w.spawn, Repeats: w.loop || t.loops(instr, w), Maybe: w.maybe}
	t.obj.Uses = append(t.obj.Uses, u)
	return u
}

// loops reports whether instr, reached at w, may run more than once on the
// object: it is in a loop, and the loop does not make the object afresh
// each round (a reply channel per request), as only the creator can.
func (t *tracker) loops(instr ssa.Instruction, w where) bool {
	if !t.m.InLoop(instr) {
		return false
	}
	if w.site != nil || instr.Parent() != t.obj.Fn {
		return true
	}
	loop := loopOf(instr.Block())
	return len(loop) == 0 || t.m.invariantIn(t.obj.Value, loop)
}

// value follows v, a value that is the object.
func (t *tracker) value(v ssa.Value, w where) {
	key := trackKey{v, w, false}
	if t.seen[key] {
		return
	}
	t.seen[key] = true
	refs := v.Referrers()
	if refs == nil {
		return
	}
	for _, instr := range *refs {
		switch instr := instr.(type) {
		case *ssa.DebugRef:
		case *ssa.BinOp: // comparison
		case *ssa.Phi:
			t.value(instr, w)
		case *ssa.ChangeType: // chan T to <-chan T
			t.value(instr, w)
		case *ssa.Store:
			if instr.Addr == v {
				continue // (re)initialising the object in place
			}
			if isCell(instr.Addr) {
				t.cell(instr.Addr, w)
			} else {
				t.escape(instr)
			}
		case *ssa.UnOp:
			switch {
			case instr.Op == token.ARROW:
				t.use(Recv, instr, w)
				if instr.CommaOk && t.m.InLoop(instr) {
					t.rangeLoop(instr)
				}
			default:
				t.escape(instr) // copying a sync object
			}
		case *ssa.Send:
			if instr.Chan == v {
				t.use(Send, instr, w)
			} else {
				t.escape(instr)
			}
		case *ssa.Select:
			t.selectUse(instr, v, w)
		case *ssa.MakeClosure:
			t.binding(instr, v, w, false)
		case ssa.CallInstruction:
			t.call(instr, v, w)
		default:
			t.escape(instr)
		}
	}
}

// rangeLoop marks the receive of a range loop: a comma-ok receive in a loop
// whose ok result exits the loop. It turns the Recv just added into a Range.
func (t *tracker) rangeLoop(recv *ssa.UnOp) {
	u := t.obj.Uses[len(t.obj.Uses)-1]
	for _, r := range Refs(recv) {
		if e, ok := r.(*ssa.Extract); ok && e.Index == 1 {
			for _, rr := range Refs(e) {
				if _, ok := rr.(*ssa.If); ok && recv.Block().Comment == "rangechan.loop" {
					u.Op = Range
				}
			}
		}
	}
}

func (t *tracker) selectUse(sel *ssa.Select, v ssa.Value, w where) {
	for i, st := range sel.States {
		if st.Chan != v {
			if st.Send == v {
				t.escape(sel)
			}
			continue
		}
		op := Recv
		if st.Dir == types.SendOnly {
			op = Send
		}
		u := t.use(op, sel, w)
		u.Select, u.Case, u.Alone = sel, i, t.m.lone[sel] == i+1
	}
}

// isCell reports whether addr is a local variable: an Alloc (or a
// captured one) that is only loaded, stored and captured.
func isCell(addr ssa.Value) bool {
	switch addr := addr.(type) {
	case *ssa.Alloc:
		for _, r := range Refs(addr) {
			switch r := r.(type) {
			case *ssa.Store:
				if r.Addr != addr {
					return false
				}
			case *ssa.UnOp:
				if r.Op != token.MUL {
					return false
				}
			case *ssa.MakeClosure, *ssa.DebugRef:
			default:
				return false
			}
		}
		return true
	case *ssa.FreeVar:
		return true // it was bound to a cell, or binding escaped already
	}
	return false
}

// cell follows addr, a local variable that holds the object: its loads are
// the object.
func (t *tracker) cell(addr ssa.Value, w where) {
	key := trackKey{addr, w, true}
	if t.seen[key] {
		return
	}
	t.seen[key] = true
	for _, instr := range Refs(addr) {
		switch instr := instr.(type) {
		case *ssa.DebugRef:
		case *ssa.Store:
			if instr.Addr != addr {
				t.escape(instr) // the variable's address is stored
			}
		case *ssa.UnOp:
			if instr.Op == token.MUL {
				t.value(instr, w)
			} else {
				t.escape(instr)
			}
		case *ssa.MakeClosure:
			t.binding(instr, addr, w, true)
		default:
			t.escape(instr) // &v passed on
		}
	}
}

// binding follows v, bound to closure mc, into the closure's body, once for
// every way the closure runs.
func (t *tracker) binding(mc *ssa.MakeClosure, v ssa.Value, w where, isCell bool) {
	fn := mc.Fn.(*ssa.Function)
	for i, b := range mc.Bindings {
		if b != v {
			continue
		}
		fv := fn.FreeVars[i]
		for _, cw := range t.closureRuns(mc, w) {
			if isCell {
				t.cell(fv, cw)
			} else {
				t.value(fv, cw)
			}
		}
	}
}

// closureRuns returns how the closure made by mc runs: called, deferred,
// spawned by a go statement or a group's Go, itself or through functions
// of the package it is passed to. If the closure value goes anywhere
// else, the object escapes.
func (t *tracker) closureRuns(mc *ssa.MakeClosure, w where) []where {
	if isYield(mc.Fn.(*ssa.Function)) {
		// A range-over-func body runs inline, once per iteration.
		return []where{w.at(mc)}
	}
	return t.funcRuns(mc, w, 0)
}

// funcRuns returns how the function value v, a value of the function
// walked at w, runs. A function of the package that takes it as a
// parameter is followed in (runAsync(func() { ch <- 1 }) with runAsync
// doing go f() runs it on a goroutine runAsync starts), as is a closure v
// is bound to (go func() { f() }()), to a few levels.
func (t *tracker) funcRuns(v ssa.Value, w where, depth int) []where {
	var runs []where
	for _, r := range Refs(v) {
		switch r := r.(type) {
		case *ssa.DebugRef:
		case ssa.CallInstruction:
			call := r.Common()
			if call.Value == v {
				runs = append(runs, t.callWhere(r, w))
				continue
			}
			if spawnsArg(call) {
				w := w.at(r)
				if w.how == Inline {
					w.how = Spawned
				}
				runs = append(runs, w)
				continue
			}
			// A helper: a function that runs its parameter (runAsync).
			var inner []where
			callee, i := call.StaticCallee(), slices.Index(call.Args, v)
			switch {
			case i < 0 || call.IsInvoke():
				t.escape(r)
			case callee != nil && callee.Pkg == t.m.pkg && callee.Blocks != nil && depth < maxFuncDepth:
				cw := t.callWhere(r, w)
				cw.maybe = cw.maybe || t.m.mayNotStart(r, i)
				inner = t.funcRuns(callee.Params[i], cw, depth+1)
			case Callee(call) != nil && t.m.summaries[Callee(call)].runsSpawned(i):
				cw := t.callWhere(r, w)
				if cw.how == Inline {
					cw.how = Spawned
				}
				cw.maybe = cw.maybe || t.m.mayNotStart(r, i)
				inner = []where{cw}
			default:
				t.escape(r)
			}
			for _, cw := range inner {
				if w.site == nil && cw.how == Spawned && cw.spawn == nil && !t.probe {
					// The goroutine the helper starts, named by the call.
					cw.spawn = t.m.helperSpawn(r, v)
				}
				runs = append(runs, cw)
			}
		case *ssa.MakeClosure:
			runs = append(runs, t.boundRuns(r, v, w, depth, false)...)
		case *ssa.Store:
			if r.Val != v || !isCell(r.Addr) || depth >= maxFuncDepth {
				t.escape(r)
				continue
			}
			runs = append(runs, t.cellRuns(r.Addr, w, depth+1)...)
		default:
			t.escape(r)
		}
	}
	return runs
}

// cellRuns returns how the function values a local variable addr holds
// run, for a variable captured by closures.
func (t *tracker) cellRuns(addr ssa.Value, w where, depth int) []where {
	var runs []where
	for _, r := range Refs(addr) {
		switch r := r.(type) {
		case *ssa.DebugRef, *ssa.Store:
		case *ssa.UnOp:
			if r.Op == token.MUL {
				runs = append(runs, t.funcRuns(r, w, depth)...)
			}
		case *ssa.MakeClosure:
			runs = append(runs, t.boundRuns(r, addr, w, depth, true)...)
		default:
			t.escape(r)
		}
	}
	return runs
}

// boundRuns returns how the function value v (or the variable holding
// it, for a cell) runs inside the closure mc it is bound to, once for
// every way the closure runs.
func (t *tracker) boundRuns(mc *ssa.MakeClosure, v ssa.Value, w where, depth int, cell bool) []where {
	if depth >= maxFuncDepth {
		t.escape(mc)
		return nil
	}
	var runs []where
	fn := mc.Fn.(*ssa.Function)
	for _, cw := range t.funcRuns(mc, w, depth+1) {
		for i, b := range mc.Bindings {
			switch {
			case b != v:
			case cell:
				runs = append(runs, t.cellRuns(fn.FreeVars[i], cw, depth+1)...)
			default:
				runs = append(runs, t.funcRuns(fn.FreeVars[i], cw, depth+1)...)
			}
		}
	}
	return runs
}

// maxFuncDepth bounds how many calls and closures funcRuns follows a
// function value through.
const maxFuncDepth = 4

// callWhere returns how the callee of call runs, for a call instruction of
// the function being walked at w.
func (t *tracker) callWhere(call ssa.CallInstruction, w where) where {
	inCreator := w.site == nil
	w.loop = w.loop || t.loops(call, w)
	w = w.at(call)
	switch call := call.(type) {
	case *ssa.Go:
		if w.how == Inline {
			w.how = Spawned
			if inCreator {
				w.spawn = t.m.SpawnOf(call)
			}
		}
	case *ssa.Defer:
		if w.how == Inline && inCreator {
			w.how = Deferred
		}
	}
	return w
}

// spawnsArg reports whether call runs its function argument on a new
// goroutine: a group's Go or TryGo.
func spawnsArg(call *ssa.CallCommon) bool {
	fn := Callee(call)
	if fn == nil || fn.Signature().Recv() == nil {
		return false
	}
	switch fn.Name() {
	case "Go", "TryGo":
		return groupKind(deref(fn.Signature().Recv().Type())) != 0
	}
	return false
}

// call follows v through a call, go or defer instruction that takes it as
// the receiver or an argument.
func (t *tracker) call(instr ssa.CallInstruction, v ssa.Value, w where) {
	call := instr.Common()
	if call.Value == v {
		t.escape(instr) // calling the object: not one of ours
		return
	}
	if b, ok := call.Value.(*ssa.Builtin); ok {
		switch b.Name() {
		case "close":
			t.use(Close, instr, t.callWhere(instr, w))
		case "len", "cap":
			t.use(Len, instr, t.callWhere(instr, w))
		case "delete", "clear", "print", "println":
			// They keep nothing: delete(m, k) only looks k up.
		default:
			t.escape(instr)
		}
		return
	}
	// fn is the declared function (nil for a literal), callee the SSA
	// function, when the call is static.
	fn, callee := Callee(call), call.StaticCallee()
	if call.IsInvoke() || fn == nil && callee == nil {
		t.escape(instr)
		return
	}
	if fn != nil {
		if op := methodOp(fn, t.obj.Kind); op != 0 && len(call.Args) > 0 && call.Args[0] == v {
			t.use(callOp(call, op), instr, t.callWhere(instr, w))
			return
		}
	}
	for i, arg := range call.Args {
		if arg != v {
			continue
		}
		switch {
		case callee != nil && callee.Pkg == t.m.ssaPkg() && callee.Blocks != nil && i < len(callee.Params):
			t.value(callee.Params[i], t.callWhere(instr, w))
		case fn != nil:
			t.summarised(instr, fn, i, w)
		default:
			t.escape(instr)
		}
	}
}

func (m *Model) ssaPkg() *ssa.Package { return m.pkg }

// methodOp returns what calling method fn on an object of kind k does, or
// 0 if fn is not a method of k's type.
func methodOp(fn *types.Func, k Kind) Op {
	recv := fn.Signature().Recv()
	if recv == nil || k == Chan {
		return 0
	}
	p, ok := recv.Type().(*types.Pointer)
	if !ok || groupKind(p.Elem()) != k {
		return 0
	}
	switch fn.Name() {
	case "Add":
		return Add
	case "Done":
		return Done
	case "Go", "TryGo":
		return Go
	case "Wait", "WaitAndRecover":
		return Wait
	case "SetLimit":
		return Limit
	}
	return Other
}

// callOp returns what call, of a method whose op is op, does: a
// WaitGroup's Add with a negative delta (wg.Add(-len(acked))) is a Done,
// the release of as many goroutines.
func callOp(call *ssa.CallCommon, op Op) Op {
	if op == Add && len(call.Args) == 2 && negative(call.Args[1]) {
		return Done
	}
	return op
}

// negative reports whether integer v is negative by its form: a negative
// constant, a negated value (-n), or a product with a negative constant
// (-1 * n).
func negative(v ssa.Value) bool {
	if c, ok := v.(*ssa.Convert); ok {
		v = c.X
	}
	if n, ok := intConst(v); ok {
		return n < 0
	}
	switch x := v.(type) {
	case *ssa.UnOp:
		return x.Op == token.SUB
	case *ssa.BinOp:
		if x.Op == token.MUL {
			a, aok := intConst(x.X)
			b, bok := intConst(x.Y)
			return aok && a < 0 && !bok || bok && b < 0 && !aok
		}
	}
	return false
}

// summarised records the uses a function of another package makes of its
// i'th parameter, per its Summary fact, or an escape if it has none.
func (t *tracker) summarised(instr ssa.CallInstruction, fn *types.Func, i int, w where) {
	var s Summary
	if !t.m.Pass.ImportObjectFact(fn, &s) {
		t.escape(instr)
		return
	}
	p := s.Param(i)
	if p == nil || p.Escapes {
		t.escape(instr)
		return
	}
	inCreator := w.site == nil
	cw := t.callWhere(instr, w)
	if p.Spawned && cw.how == Inline {
		cw.how = Spawned
		if inCreator {
			cw.spawn = t.m.callSpawn(instr, fn)
		}
	}
	for _, op := range p.Ops {
		u := t.use(op, instr, cw)
		u.Callee, u.FailsFirst, u.OneCase = fn, p.FailsFirst, containsOp(p.Cases, op)
		u.Repeats = u.Repeats || containsOp(p.Repeats, op)
	}
}

// SpawnOf returns the Spawn of a go statement.
func (m *Model) SpawnOf(g *ssa.Go) *Spawn { return m.spawnsByGo[g] }
