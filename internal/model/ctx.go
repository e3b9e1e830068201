package model

import (
	"go/token"
	"go/types"
	"slices"
	"sync"

	"golang.org/x/tools/go/ssa"
)

// A Deadline is what the model knows of a context's deadline.
type Deadline uint8

const (
	// Unknown: a parameter, a field, the result of a call the model does
	// not know, or contexts that differ by path. The caller's business.
	Unknown Deadline = iota
	// NoDeadline: provably none. The context derives, through any chain
	// of WithCancel, WithValue and the like, only from context.Background
	// or context.TODO, or it passed through context.WithoutCancel.
	NoDeadline
	// HasDeadline: derived from WithTimeout, WithDeadline, or task.Timeout.
	HasDeadline
)

// A Ctx is the model's verdict on a context value, or on the context that
// an *http.Request or *exec.Cmd carries (see IsCarrier).
type Ctx struct {
	Deadline Deadline
	// Origin is, for NoDeadline, what made the context deadline-free: a
	// call of context.Background, context.TODO, context.WithoutCancel,
	// http.NewRequest, or of a function known to return such a context;
	// an http.Request literal; or, for an API that makes its own context
	// (http.Get), the blocking call itself.
	Origin ssa.Value
	// Param is, for Unknown, the parameter the context derives from
	// without gaining a deadline, if it is one.
	Param *ssa.Parameter
	// Fresh is, for a context that derives from a context.Background()
	// or context.TODO() call of this package, with or without a deadline
	// on the way, that call: a context made afresh, which drops whatever
	// context the function was given.
	Fresh *ssa.Call
	// None: the request or command was made without a context
	// (http.NewRequest, exec.Command, an http.Request literal).
	None bool
	// Field is the struct field the context was loaded from, if it was:
	// its verdict is that of the values the package stores there.
	Field *types.Var
	// Stoppable, for NoDeadline or a context that derives from Param: on
	// every way, the context derives from a context.WithCancel whose
	// cancel function something can call while a call waits on the
	// context (see contexts.cancelLeaves). Such a context may have no
	// deadline, but it is its owner's stop signal: a call waits until
	// that stop, not forever, whatever context the caller gave.
	Stoppable bool

	pending bool // still being computed (a cycle through a phi)
}

// join returns what is known of a context that may be a or b.
func join(a, b Ctx) Ctx {
	switch {
	case a.pending:
		return b
	case b.pending:
		return a
	case a.Deadline == b.Deadline && a.Param == b.Param:
		if a.Fresh != b.Fresh {
			a.Fresh = nil
		}
		a.None = a.None && b.None
		a.Stoppable = a.Stoppable && b.Stoppable
		if a.Field != b.Field {
			a.Field = nil
		}
		return a
	case a.Deadline == Unknown && a.Param != nil && b.Deadline == NoDeadline:
		return a // still the parameter's, which may be deadline-free
	case b.Deadline == Unknown && b.Param != nil && a.Deadline == NoDeadline:
		return b
	}
	return Ctx{}
}

// IsCarrier reports whether t is a type whose values carry a context that
// a blocking API waits on: *http.Request (Client.Do) or *exec.Cmd (Run,
// Output, Wait).
func IsCarrier(t types.Type) bool {
	return IsNamed(deref(t), "net/http", "Request") || IsNamed(deref(t), "os/exec", "Cmd")
}

// contexts computes Ctx verdicts, memoised.
type contexts struct {
	m    *Model
	mu   sync.Mutex // guards memo: passes that share the model may run at once
	memo map[ssa.Value]Ctx
}

func newContexts(m *Model) *contexts {
	return &contexts{m: m, memo: make(map[ssa.Value]Ctx)}
}

// Context returns what the model knows of the deadline of context v, or of
// the context that v carries if it is an *http.Request or *exec.Cmd.
func (m *Model) Context(v ssa.Value) Ctx {
	m.ctx.mu.Lock()
	defer m.ctx.mu.Unlock()
	c := m.ctx.of(v)
	c.pending = false
	return c
}

func (c *contexts) of(v ssa.Value) Ctx {
	if r, ok := c.memo[v]; ok {
		return r
	}
	c.memo[v] = Ctx{pending: true}
	r := c.compute(v)
	c.memo[v] = r
	return r
}

func (c *contexts) compute(v ssa.Value) Ctx {
	if call, i := resultOf(v); call != nil {
		return c.result(call, i)
	}
	switch v := v.(type) {
	case *ssa.Phi:
		r := Ctx{pending: true}
		for _, e := range v.Edges {
			r = join(r, c.of(e))
		}
		return r
	case *ssa.Parameter:
		return c.param(v)
	case *ssa.FreeVar:
		if b := c.m.Bound(v); b != nil {
			return c.of(b)
		}
	case *ssa.UnOp:
		if cell := c.cellOf(v); cell != nil {
			r := Ctx{pending: true}
			for _, s := range visibleStores(cell, v) {
				r = join(r, c.of(s))
			}
			return r
		}
		if fa, ok := v.X.(*ssa.FieldAddr); ok && v.Op == token.MUL {
			if val := forwarded(v, fa); val != nil {
				return c.of(val)
			}
			return c.field(fa.X, fa.Field)
		}
	case *ssa.Field:
		if r := c.fieldOf(v.X, v.Field); r.Deadline != Unknown || r.Param != nil {
			return r
		}
		return c.stored(loadedField(v))
	case *ssa.Alloc:
		return c.request(v)
	case *ssa.MakeInterface:
		// A field of a type that embeds a context (caddy.Context).
		if f := loadedField(v.X); f != nil && IsContext(v.Type()) {
			return c.stored(f)
		}
	}
	return Ctx{}
}

// result judges result i of a call that returns a context or a carrier.
func (c *contexts) result(call *ssa.Call, i int) Ctx {
	fn := Callee(&call.Call)
	if fn == nil {
		return Ctx{}
	}
	args := call.Call.Args
	if fn.Pkg() != nil && fn.Pkg().Path() == "context" && fn.Signature().Recv() == nil {
		switch fn.Name() {
		case "Background", "TODO":
			return Ctx{Deadline: NoDeadline, Origin: call, Fresh: call}
		case "WithoutCancel":
			return Ctx{Deadline: NoDeadline, Origin: call}
		case "WithCancel", "WithCancelCause":
			r := c.of(args[0])
			if (r.Deadline == NoDeadline || r.Deadline == Unknown && r.Param != nil) && c.cancelLeaves(call) {
				r.Stoppable = true
			}
			return r
		case "WithValue":
			return c.of(args[0])
		case "WithTimeout", "WithDeadline", "WithTimeoutCause", "WithDeadlineCause":
			return Ctx{Deadline: HasDeadline, Fresh: c.of(args[0]).Fresh}
		}
		return Ctx{}
	}
	switch {
	case IsFunc(fn, ErrGroupPath, "WithContext") && i == 1,
		IsFunc(fn, "os/signal", "NotifyContext") && i == 0,
		IsFunc(fn, "runtime/pprof", "WithLabels"),
		IsFunc(fn, "runtime/trace", "NewTask") && i == 0,
		// Carriers take the context they are made with.
		IsFunc(fn, "net/http", "NewRequestWithContext") && i == 0,
		IsFunc(fn, "os/exec", "CommandContext"),
		IsFunc(fn, "net/http", "Request.Context"):
		return c.of(args[0])
	case IsFunc(fn, "net/http", "Request.WithContext"), IsFunc(fn, "net/http", "Request.Clone"):
		return c.of(args[1])
	case IsFunc(fn, "net/http", "NewRequest") && i == 0, IsFunc(fn, "os/exec", "Command"):
		// http.NewRequest's context is context.Background(); an
		// exec.Command has none.
		return Ctx{Deadline: NoDeadline, Origin: call, None: true}
	}
	// Functions of this package: judge what they return.
	if fns := c.m.targets(&call.Call); len(fns) > 0 {
		r := Ctx{pending: true}
		for _, callee := range fns {
			fr := Ctx{pending: true}
			for _, b := range callee.Blocks {
				if ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok && i < len(ret.Results) && !IsNil(ret.Results[i]) {
					fr = join(fr, c.of(ret.Results[i]))
				}
			}
			r = join(r, c.bind(&call.Call, callee, fr))
		}
		return r
	}
	if s := c.m.summaries[fn]; s != nil && i == 0 {
		switch {
		case s.CtxResult == ResultNoDeadline:
			return Ctx{Deadline: NoDeadline, Origin: call}
		case s.CtxResult == ResultNoContext:
			return Ctx{Deadline: NoDeadline, Origin: call, None: true}
		case s.CtxResult > 0 && s.CtxResult <= len(args):
			return c.of(args[s.CtxResult-1])
		}
	}
	return Ctx{}
}

// bind turns r, a verdict in callee, into one in the caller: a context
// that derives from a parameter of callee derives from the argument call
// gives it.
func (c *contexts) bind(call *ssa.CallCommon, callee *ssa.Function, r Ctx) Ctx {
	if r.Param == nil || r.Param.Parent() != callee {
		return r
	}
	if arg := argFor(call, paramIndex(r.Param)); arg != nil {
		return c.of(arg)
	}
	return Ctx{}
}

// param judges a context parameter. It is the callers' business, except
// for a function literal that is only called where it is made, that a
// runtime/task function calls with a context it controls, or that a
// function of the package calls with one its caller gave (see passedTo).
func (c *contexts) param(p *ssa.Parameter) Ctx {
	fn := p.Parent()
	if fn.Parent() == nil {
		return Ctx{Param: p}
	}
	var closure ssa.Value = fn
	if mc := c.m.closures[fn]; mc != nil {
		closure = mc
	}
	r := Ctx{pending: true}
	for _, ref := range Refs(closure) {
		call, ok := ref.(ssa.CallInstruction)
		if !ok {
			return Ctx{Param: p}
		}
		common := call.Common()
		if common.Value == closure {
			r = join(r, c.of(common.Args[paramIndex(p)]))
			continue
		}
		callee := Callee(common)
		switch {
		case IsFunc(callee, TaskPath, "Timeout"), IsFunc(callee, TaskPath, "TimeoutAt"), IsFunc(callee, TaskPath, "WithDeadline"),
			IsFunc(callee, TaskPath, "MoveOnAfter"), IsFunc(callee, TaskPath, "Shield"):
			r = join(r, Ctx{Deadline: HasDeadline})
		case IsFunc(callee, TaskPath, "Run"):
			r = join(r, c.of(common.Args[0]))
		case isTaskGo(callee):
			r = join(r, c.group(common.Args[0]))
		default:
			x, ok := c.passedTo(common, closure, paramIndex(p))
			if !ok {
				return Ctx{Param: p}
			}
			r = join(r, x)
		}
	}
	if r.pending {
		return Ctx{Param: p}
	}
	return r
}

// passedTo judges the context that a function of the package, called by
// call with the function literal fn as an argument, gives fn as argument
// i when it calls it, in the caller's terms: DoApp(c.Ctx, func(ctx, app)
// error {…}), where DoApp calls f(ctx, app) with its own ctx, gives the
// literal c.Ctx. It is known when the callee does nothing with that
// parameter but call it.
func (c *contexts) passedTo(call *ssa.CallCommon, fn ssa.Value, i int) (Ctx, bool) {
	g := bodyOf(call.StaticCallee())
	k := slices.Index(call.Args, fn)
	if call.IsInvoke() || g == nil || g.Pkg != c.m.pkg || k < 0 || k >= len(g.Params) || slices.Contains(call.Args[k+1:], fn) {
		return Ctx{}, false
	}
	f := g.Params[k]
	r := Ctx{pending: true}
	for _, ref := range Refs(f) {
		switch ref := ref.(type) {
		case *ssa.DebugRef:
		case ssa.CallInstruction:
			called := ref.Common()
			if called.Value != f || i >= len(called.Args) {
				return Ctx{}, false
			}
			r = join(r, c.bind(call, g, c.of(called.Args[i])))
		default:
			return Ctx{}, false
		}
	}
	if r.pending {
		return Ctx{}, false
	}
	return r, true
}

// isTaskGo reports whether fn starts a task of the task.Group that is its
// first argument.
func isTaskGo(fn *types.Func) bool {
	for _, name := range []string{"Group.Go", "Group.TryGo", "Group.GoNamed", "Spawn", "SpawnNamed", "Start", "StartNamed"} {
		if IsFunc(fn, TaskPath, name) {
			return true
		}
	}
	return false
}

// group judges the context a task.Group gives its tasks: the one it was
// made with, by task.NewGroup or task.Run.
func (c *contexts) group(g ssa.Value) Ctx {
	switch g := g.(type) {
	case *ssa.Call:
		if IsFunc(Callee(&g.Call), TaskPath, "NewGroup") {
			return c.of(g.Call.Args[0])
		}
	case *ssa.FreeVar:
		if b := c.m.Bound(g); b != nil {
			return c.group(b)
		}
	case *ssa.Parameter:
		// The body of task.Run: func(ctx context.Context, g *task.Group) error.
		var closure ssa.Value = g.Parent()
		if mc := c.m.closures[g.Parent()]; mc != nil {
			closure = mc
		}
		for _, ref := range Refs(closure) {
			if call, ok := ref.(ssa.CallInstruction); ok && IsFunc(Callee(call.Common()), TaskPath, "Run") && paramIndex(g) == 1 {
				return c.of(call.Common().Args[0])
			}
		}
	}
	return Ctx{}
}

// field judges a context loaded from field i of a struct that the
// function makes itself (a composite literal, new, a local variable) and
// keeps to itself, or that a function of the package makes afresh and
// returns: what is stored there. Once the struct's address goes anywhere
// else, anything may have been stored. The field of any other struct is
// judged by what the package stores into it.
func (c *contexts) field(base ssa.Value, i int) Ctx {
	if r, ok := c.returnedField(base, i); ok {
		return r
	}
	a, ok := base.(*ssa.Alloc)
	if !ok {
		if st, ok := deref(base.Type()).Underlying().(*types.Struct); ok {
			return c.stored(st.Field(i))
		}
		return Ctx{}
	}
	return c.allocField(a, i, false)
}

// allocField judges field i of the struct a makes, when its function
// keeps it to itself (or only returns it, if returned is set): what is
// stored there.
func (c *contexts) allocField(a *ssa.Alloc, i int, returned bool) Ctx {
	r := Ctx{pending: true}
	for _, ref := range Refs(a) {
		switch ref := ref.(type) {
		case *ssa.FieldAddr:
			if ref.Field != i {
				continue
			}
			for _, use := range Refs(ref) {
				switch use := use.(type) {
				case *ssa.Store:
					if use.Addr != ref {
						return Ctx{}
					}
					r = join(r, c.of(use.Val))
				case *ssa.UnOp, *ssa.DebugRef:
				default:
					return Ctx{}
				}
			}
		case *ssa.Store:
			if ref.Addr != a {
				return Ctx{}
			}
			r = join(r, c.fieldOf(ref.Val, i))
		case *ssa.Return:
			if !returned {
				return Ctx{}
			}
		case *ssa.UnOp, *ssa.DebugRef:
		default:
			return Ctx{}
		}
	}
	if r.pending {
		return Ctx{}
	}
	return r
}

// returnedField judges field i of the struct that base, the result of a
// call of the package's functions, points to, when each function the call
// may run returns a struct it made afresh (a request built per call,
// wrapped in a struct of the package's: &req{Request: r}): what that
// function stores there, in the caller's terms. A struct made per call
// is never one kept from setup, even when what it holds is unknown.
func (c *contexts) returnedField(base ssa.Value, i int) (Ctx, bool) {
	call, idx := resultOf(base)
	if call == nil {
		return Ctx{}, false
	}
	fns := c.m.targets(&call.Call)
	if len(fns) == 0 {
		return Ctx{}, false
	}
	r := Ctx{pending: true}
	for _, callee := range fns {
		for _, b := range callee.Blocks {
			ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
			if !ok || idx >= len(ret.Results) || IsNil(ret.Results[idx]) {
				continue
			}
			a, ok := ret.Results[idx].(*ssa.Alloc)
			if !ok || !a.Heap {
				return Ctx{}, false
			}
			r = join(r, c.bind(&call.Call, callee, c.allocField(a, i, true)))
		}
	}
	if r.pending {
		return Ctx{}, false
	}
	return r, true
}

// sameBase reports whether x and y are the same pointer: one value, or
// two loads of the cell that holds a parameter a closure captures (the
// receiver of a method that starts a goroutine). Not sameAddress: a
// path of loads may change between a store and a load (s.a = b), the
// cell of a parameter never does.
func sameBase(x, y ssa.Value) bool {
	if x == y {
		return true
	}
	lx, ok := x.(*ssa.UnOp)
	ly, ok2 := y.(*ssa.UnOp)
	if !ok || !ok2 || lx.Op != token.MUL || ly.Op != token.MUL || lx.X != ly.X {
		return false
	}
	cell, ok := lx.X.(*ssa.Alloc)
	return ok && HeldParameter(cell) != nil
}

// resultOf returns the call whose result v is, and which result.
func resultOf(v ssa.Value) (*ssa.Call, int) {
	switch v := v.(type) {
	case *ssa.Call:
		return v, 0
	case *ssa.Extract:
		if call, ok := v.Tuple.(*ssa.Call); ok {
			return call, v.Index
		}
	}
	return nil, 0
}

// forwarded returns the value stored into the field that load reads, when
// its function stored it earlier in the load's block through the same
// address base and nothing in between can store another: no call, no
// store into that field of another base, or into a whole struct.
func forwarded(load *ssa.UnOp, fa *ssa.FieldAddr) ssa.Value {
	blk := load.Block()
	for j := indexOf(blk, load) - 1; j >= 0; j-- {
		switch x := blk.Instrs[j].(type) {
		case ssa.CallInstruction:
			return nil
		case *ssa.Store:
			switch addr := x.Addr.(type) {
			case *ssa.FieldAddr:
				if addr.Field != fa.Field {
					continue
				}
				if sameBase(addr.X, fa.X) {
					return x.Val
				}
				return nil
			case *ssa.Alloc:
				if isCell(addr) {
					continue // a local variable
				}
			}
			return nil
		}
	}
	return nil
}

// stored judges a context kept in a struct field by the values the
// package stores there, if it knows them all. A parameter stored there is
// not this function's: its verdict is left unknown.
func (c *contexts) stored(f *types.Var) Ctx {
	if f == nil || !isContextLike(f.Type()) && !IsCarrier(f.Type()) {
		return Ctx{}
	}
	f = f.Origin()
	vals, closed := c.m.FieldStores(f)
	r := Ctx{pending: true}
	for _, v := range vals {
		if IsNil(v) {
			continue
		}
		x := c.of(v)
		if x.Param != nil {
			x = Ctx{}
		}
		r = join(r, x)
	}
	if !closed || r.pending {
		r = Ctx{}
	}
	r.Field = f
	return r
}

// fieldOf judges field i of a struct value: a copy of a struct the
// function keeps to itself.
func (c *contexts) fieldOf(s ssa.Value, i int) Ctx {
	if load, ok := s.(*ssa.UnOp); ok && load.Op == token.MUL {
		return c.field(load.X, i)
	}
	return Ctx{}
}

// request judges an http.Request made by a composite literal, new or a
// variable: outside net/http nothing can give it a context, so its
// Context() is context.Background(), unless a whole request is copied in.
func (c *contexts) request(a *ssa.Alloc) Ctx {
	if !IsNamed(deref(a.Type()), "net/http", "Request") || c.m.Pass.Pkg.Path() == "net/http" {
		return Ctx{}
	}
	for _, ref := range Refs(a) {
		if st, ok := ref.(*ssa.Store); ok && st.Addr == a {
			return Ctx{}
		}
	}
	return Ctx{Deadline: NoDeadline, Origin: a, None: true}
}

// cellOf returns the local variable a load reads, if it is one.
func (c *contexts) cellOf(load *ssa.UnOp) ssa.Value {
	if load.Op != token.MUL {
		return nil
	}
	addr := load.X
	for {
		fv, ok := addr.(*ssa.FreeVar)
		if !ok {
			break
		}
		addr = c.m.Bound(fv)
	}
	if a, ok := addr.(*ssa.Alloc); ok && isCell(a) {
		return a
	}
	return nil
}

// cellStores returns every value stored into a local variable, by its own
// function or by the closures that capture it.
func cellStores(cell ssa.Value) []ssa.Value {
	stores, _ := cellStoreInstrs(cell)
	vals := make([]ssa.Value, len(stores))
	for i, st := range stores {
		vals[i] = st.Val
	}
	return vals
}

// visibleStores returns the values stored into a local variable that
// load may read: all of them but those that another store overwrites in
// the same block before anything can read them. ctx, cancel :=
// context.WithCancel(ctx), where a closure captures the parameter ctx,
// hides the parameter from the closure.
func visibleStores(cell ssa.Value, load ssa.Instruction) []ssa.Value {
	stores, _ := cellStoreInstrs(cell)
	var vals []ssa.Value
	for _, st := range stores {
		if !overwritten(cell, st, load) {
			vals = append(vals, st.Val)
		}
	}
	return vals
}

// overwritten reports whether a later store of its block overwrites st
// before load, or a closure that captures cell, can read it: before
// load itself, or a call made after such a closure exists.
func overwritten(cell ssa.Value, st *ssa.Store, load ssa.Instruction) bool {
	blk := st.Block()
	for _, x := range blk.Instrs[indexOf(blk, st)+1:] {
		switch x := x.(type) {
		case *ssa.Store:
			if x.Addr == st.Addr {
				return true
			}
		case ssa.CallInstruction:
			if closureBefore(cell, x) {
				return false
			}
		}
		if x == load {
			return false
		}
	}
	return false
}

// closureBefore reports whether a closure that captures cell may have
// been made when instr runs.
func closureBefore(cell ssa.Value, instr ssa.Instruction) bool {
	for _, ref := range Refs(cell) {
		mc, ok := ref.(*ssa.MakeClosure)
		if !ok {
			continue
		}
		if mc.Parent() != instr.Parent() || mc.Block() == instr.Block() && indexOf(mc.Block(), mc) < indexOf(mc.Block(), instr) || mc.Block() != instr.Block() && reaches(mc.Block(), instr.Block()) {
			return true
		}
	}
	return false
}

// cellStoreInstrs returns the stores into a local variable, by its own
// function or by the closures that capture it, and whether they are all
// there are: no closure hands the variable's address on.
func cellStoreInstrs(cell ssa.Value) (stores []*ssa.Store, whole bool) {
	whole = true
	var visit func(addr ssa.Value)
	visit = func(addr ssa.Value) {
		for _, r := range Refs(addr) {
			switch r := r.(type) {
			case *ssa.Store:
				if r.Addr == addr {
					stores = append(stores, r)
				} else {
					whole = false
				}
			case *ssa.MakeClosure:
				for i, b := range r.Bindings {
					if b == addr {
						visit(r.Fn.(*ssa.Function).FreeVars[i])
					}
				}
			case *ssa.UnOp, *ssa.DebugRef:
			default:
				whole = false
			}
		}
	}
	visit(cell)
	return stores, whole
}

// paramIndex returns the index of p among its function's parameters.
func paramIndex(p *ssa.Parameter) int {
	for i, q := range p.Parent().Params {
		if q == p {
			return i
		}
	}
	panic("parameter not found")
}

// isContextLike reports whether t is context.Context, or a type that
// embeds one and so is one.
func isContextLike(t types.Type) bool {
	if IsContext(t) {
		return true
	}
	for _, name := range []string{"Deadline", "Done", "Err", "Value"} {
		if obj, _, _ := types.LookupFieldOrMethod(t, true, nil, name); obj == nil {
			return false
		}
	}
	return true
}

// IsContext reports whether t is context.Context.
func IsContext(t types.Type) bool { return IsNamed(t, "context", "Context") }

// IsError reports whether t is the type error.
func IsError(t types.Type) bool { return types.Identical(t, types.Universe.Lookup("error").Type()) }

// ReturnsError reports whether the last result of sig is an error.
func ReturnsError(sig *types.Signature) bool {
	n := sig.Results().Len()
	return n > 0 && IsError(sig.Results().At(n-1).Type())
}

// IsNamed reports whether t is the named type pkgPath.name.
func IsNamed(t types.Type, pkgPath, name string) bool {
	named, ok := types.Unalias(t).(*types.Named)
	return ok && named.Obj().Pkg() != nil && named.Obj().Pkg().Path() == pkgPath && named.Obj().Name() == name
}

// cancelLeaves reports whether the cancel function that call, a call of
// context.WithCancel, returns can run while the function that made it
// still waits: it is called on a goroutine (go cancel(), or a function
// literal started with go); kept in a struct field that another method
// calls (Close, Stop) or other packages can reach, or in a global, a map
// or a channel; or handed to a function that may call it later
// (time.AfterFunc, a registry of stop hooks). A cancel function that its
// own function only calls or defers, itself or in a function literal
// called there, runs once what waits has returned.
func (c *contexts) cancelLeaves(call *ssa.Call) bool {
	for _, ref := range Refs(call) {
		if x, ok := ref.(*ssa.Extract); ok && x.Index == 1 && c.leaves(x, make(map[ssa.Value]bool)) {
			return true
		}
	}
	return false
}

// leaves is cancelLeaves for v, the cancel function, a variable (a cell)
// that holds it, or a load of either.
func (c *contexts) leaves(v ssa.Value, seen map[ssa.Value]bool) bool {
	if seen[v] {
		return false
	}
	seen[v] = true
	for _, ref := range Refs(v) {
		switch ref := ref.(type) {
		case *ssa.Go, *ssa.MapUpdate, *ssa.Send:
			return true
		case *ssa.Call:
			if ref.Call.Value != v { // handed on
				return true
			}
		case *ssa.Store:
			if ref.Val != v {
				continue
			}
			switch a := ref.Addr.(type) {
			case *ssa.Alloc, *ssa.FreeVar: // a variable
				if c.leaves(a, seen) {
					return true
				}
			case *ssa.FieldAddr:
				if c.fieldLeaves(FieldOf(a), seen) {
					return true
				}
			default: // a global, an element
				return true
			}
		case *ssa.UnOp: // a variable's value
			if ref.Op == token.MUL && c.leaves(ref, seen) {
				return true
			}
		case *ssa.MakeClosure:
			if !CalledHere(ref) {
				return true
			}
			fn := ref.Fn.(*ssa.Function)
			for i, b := range ref.Bindings {
				if b == v && c.leaves(fn.FreeVars[i], seen) {
					return true
				}
			}
		case *ssa.Phi, *ssa.ChangeType, *ssa.MakeInterface:
			if c.leaves(ref.(ssa.Value), seen) {
				return true
			}
		}
	}
	return false
}

// fieldLeaves reports whether a cancel function stored in field f can
// run while a call waits: other packages can reach f, or the package
// calls what it loads from f (a Close method's s.cancel()) or hands it on.
func (c *contexts) fieldLeaves(f *types.Var, seen map[ssa.Value]bool) bool {
	if f == nil {
		return false
	}
	if _, all := c.m.FieldStores(f); !all {
		return true
	}
	for _, r := range c.m.FieldReads(f) {
		for _, ref := range Refs(r) {
			if call, ok := ref.(ssa.CallInstruction); ok && call.Common().Value == r {
				return true
			}
		}
		if c.leaves(r, seen) {
			return true
		}
	}
	return false
}

// CalledHere reports whether the function literal mc makes is only called
// or deferred where it is made, not started with go, stored or passed on.
func CalledHere(mc *ssa.MakeClosure) bool {
	for _, ref := range Refs(mc) {
		switch ref := ref.(type) {
		case *ssa.DebugRef:
		case *ssa.Call, *ssa.Defer:
			if ref.(ssa.CallInstruction).Common().Value != mc {
				return false
			}
		default:
			return false
		}
	}
	return true
}
