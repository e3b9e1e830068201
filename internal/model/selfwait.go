package model

import (
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// Self-waits: a goroutine that waits for something only it could do.
// Beside an operation with no partner at all, three shapes block forever
// whatever the timing, because every partner is, at that moment, the
// waiting goroutine itself or nobody:
//
//   - an operation on a channel its function made and has not yet
//     handed to anyone (UnsharedAt);
//   - an operation in a closure its function only calls, whose partners
//     are all that function's, waiting for the closure (WaitingCaller);
//   - a call of a loop that returns only once a context is done that only
//     the caller cancels, after the call (UntilOwnCancel).

// UnsharedAt returns the make of the channel that send, receive or range
// op works on, when op's function made it and no way from the make to op
// hands it on: nothing else can have it yet, so nothing can be its
// partner (errc := make(chan error); if err != nil { errc <- err; return
// errc }). The channel is unbuffered, or op is a send in a loop that can
// send more than its buffer holds (see overfills). It returns nil
// otherwise. Handing on is
// any use but op itself, a comparison, len or cap, and a deferred call,
// which runs after op; the channel may be kept in a variable that
// closures capture (what they do with it counts from the closure's make).
func (m *Model) UnsharedAt(op *Operation) *ssa.MakeChan {
	if op.Op != Send && op.Op != Recv && op.Op != Range {
		return nil
	}
	mc, ok := storedOnce(opChan(op)).(*ssa.MakeChan)
	if !ok {
		return nil
	}
	if k, ok := mc.Size.(*ssa.Const); (!ok || k.Int64() != 0) && (op.Op != Send || !m.overfills(op)) {
		return nil
	}
	shared := false
	var visit func(v ssa.Value)
	visit = func(v ssa.Value) {
		for _, r := range *v.Referrers() {
			switch x := r.(type) {
			case *ssa.ChangeType:
				visit(x)
				continue
			case *ssa.Store:
				if x.Addr == v {
					continue // the store of the channel into its variable
				}
				if a, ok := x.Addr.(*ssa.Alloc); ok && x.Val == v && onlyStore(a) == x {
					visit(a)
					continue
				}
			case *ssa.UnOp:
				if x.Op == token.MUL && x.X == v {
					visit(x) // a load from the variable
					continue
				}
			}
			if r != op.Instr && !handsNothingOn(r) && beforeAgain(r, op.Instr, mc) {
				shared = true
			}
		}
	}
	visit(mc)
	if shared {
		return nil
	}
	return mc
}

// WaitingCaller returns the function whose call of a closure is the only
// way to send or receive op on an unbuffered channel, when that function
// makes the channel and holds all of op's partners, and where it calls
// the closure: the partners run on the goroutine that waits for the
// closure, so none can run while op waits (report := func(err error) {
// errc <- err }; report(err); …; <-errc). It returns nil otherwise.
func (m *Model) WaitingCaller(op *Operation, partners []*Operation) (*ssa.Function, ssa.Instruction) {
	if op.Op != Send && op.Op != Recv || !op.Class.Unbuffered() || op.Callee != nil {
		return nil, nil
	}
	g := op.Fn()
	f := g.Parent()
	if f == nil {
		return nil, nil
	}
	call := m.calledOnlyBy(g)
	if call == nil {
		return nil, nil
	}
	for _, v := range op.Class.Creations {
		if in, ok := v.(ssa.Instruction); !ok || in.Parent() != f {
			return nil, nil
		}
	}
	for _, p := range partners {
		if p.Fn() != f && p.Fn() != g {
			return nil, nil
		}
	}
	return f, call
}

// calledOnlyBy returns the first call or defer of closure g in f, its
// parent, when g runs only there: on f's goroutine, while f waits. It
// returns nil otherwise.
func (m *Model) calledOnlyBy(g *ssa.Function) ssa.Instruction {
	mc := m.closures[g]
	if mc == nil {
		return nil
	}
	var first ssa.Instruction
	for _, r := range *mc.Referrers() {
		switch r := r.(type) {
		case *ssa.DebugRef:
		case ssa.CallInstruction:
			if _, isGo := r.(*ssa.Go); isGo || r.Common().Value != mc {
				return nil
			}
			if first == nil {
				first = r
			}
		default:
			return nil
		}
	}
	return first
}

// storedOnce returns what v loads when it loads a variable stored once
// (one that closures capture), else v.
func storedOnce(v ssa.Value) ssa.Value {
	if load, ok := v.(*ssa.UnOp); ok && load.Op == token.MUL {
		if st := onlyStore(load.X); st != nil {
			return st.Val
		}
	}
	return v
}

// handsNothingOn reports whether use r of a channel cannot give it to
// anyone before the function returns: a comparison, len or cap, a
// deferred call, a closure only deferred.
func handsNothingOn(r ssa.Instruction) bool {
	switch r := r.(type) {
	case *ssa.BinOp, *ssa.DebugRef, *ssa.Defer:
		return true
	case *ssa.Call:
		b, ok := r.Call.Value.(*ssa.Builtin)
		return ok && (b.Name() == "len" || b.Name() == "cap")
	case *ssa.MakeClosure:
		for _, u := range *r.Referrers() {
			if _, ok := u.(*ssa.Defer); !ok {
				if _, ok := u.(*ssa.DebugRef); !ok {
					return false
				}
			}
		}
		return true
	}
	return false
}

// beforeAgain reports whether instruction r can run before at on a way
// from the definition def, without passing def again.
func beforeAgain(r, at ssa.Instruction, def ssa.Instruction) bool {
	rb, ab, db := r.Block(), at.Block(), def.Block()
	if rb == ab && indexOf(rb, r) < indexOf(ab, at) {
		return true
	}
	if ab == db {
		return false // every way to at passes def just before it
	}
	return ReachesAvoiding(rb, ab, db)
}

// UntilOwnCancel returns, for a call that cannot return before the
// context it passes is done (its callee, of this package, returns only
// through a receive from that context's Done), the calls that cancel
// that context, when no one else can and each runs on the caller's own
// goroutine after the call returns: deferred, or later on every way.
// The caller then blocks forever in the call (ForwardSignals(ctx, sigc)
// between ctx, cancel := context.WithCancel(context.Background()); defer
// cancel() and the rest of the function). ok is false otherwise.
//
// The context is judged as the one object the caller makes, not by its
// class: a context made of Background by WithCancel, whose cancel
// function the caller only calls or defers.
func (m *Model) UntilOwnCancel(call *ssa.Call) (cancels []ssa.CallInstruction, ok bool) {
	callee := bodyOf(m.staticCallee(&call.Call))
	if call.Call.IsInvoke() || callee == nil || callee.Pkg != m.ssaPkg() || len(callee.Blocks) == 0 {
		return nil, false
	}
	for i, arg := range call.Call.Args {
		if i >= len(callee.Params) || !IsContext(arg.Type()) || !m.returnsOnlyWhenDone(callee, callee.Params[i], 0) {
			continue
		}
		if cancels, ok := ownCancels(arg); ok && !slices.ContainsFunc(cancels, func(c ssa.CallInstruction) bool {
			_, deferred := c.(*ssa.Defer)
			return c.Parent() != call.Parent() || !deferred && before(c, call)
		}) {
			return cancels, true
		}
	}
	return nil, false
}

// ownCancels returns the calls and defers of the cancel function of ctx,
// when ctx is made by context.WithCancel of context.Background (or
// TODO) and its cancel function is only called or deferred where it is
// made: those are all that can cancel it.
func ownCancels(ctx ssa.Value) ([]ssa.CallInstruction, bool) {
	x, ok := storedOnce(ctx).(*ssa.Extract)
	if !ok || x.Index != 0 {
		return nil, false
	}
	mk, ok := x.Tuple.(*ssa.Call)
	if !ok || !IsFunc(Callee(&mk.Call), "context", "WithCancel") {
		return nil, false
	}
	parent, ok := mk.Call.Args[0].(*ssa.Call)
	if !ok || !IsFunc(Callee(&parent.Call), "context", "Background") && !IsFunc(Callee(&parent.Call), "context", "TODO") {
		return nil, false
	}
	var cancels []ssa.CallInstruction
	for _, r := range Refs(mk) {
		cx, ok := r.(*ssa.Extract)
		if !ok || cx.Index != 1 {
			continue
		}
		for _, u := range Refs(cx) {
			switch u := u.(type) {
			case *ssa.DebugRef:
			case *ssa.Call, *ssa.Defer:
				c := u.(ssa.CallInstruction)
				if c.Common().Value != cx || len(c.Common().Args) > 0 {
					return nil, false // handed on
				}
				cancels = append(cancels, c)
			default:
				return nil, false // kept, captured or handed on
			}
		}
	}
	return cancels, true
}

// returnsOnlyWhenDone reports whether every return of fn comes after a
// receive from p.Done(), p a context parameter: alone, as the case of a
// select that fn takes, or in a function of the package that fn passes p
// to, which does so itself (depth bounds how many).
func (m *Model) returnsOnlyWhenDone(fn *ssa.Function, p *ssa.Parameter, depth int) bool {
	isDone := func(v ssa.Value) bool { return DoneOf(v) == p }
	cut := make(map[Edge]bool) // the ways on from a Done case
	barrier := make(map[*ssa.BasicBlock]bool)
	found := false
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			switch x := instr.(type) {
			case *ssa.UnOp:
				if x.Op == token.ARROW && isDone(x.X) {
					barrier[b] = true
					found = true
				}
			case *ssa.Call:
				g := bodyOf(m.staticCallee(&x.Call))
				if depth >= 3 || x.Call.IsInvoke() || g == nil || g.Pkg != fn.Pkg || len(g.Blocks) == 0 {
					continue
				}
				for i, a := range x.Call.Args {
					if a == p && i < len(g.Params) && m.returnsOnlyWhenDone(g, g.Params[i], depth+1) {
						barrier[b] = true
						found = true
					}
				}
			case *ssa.Select:
				for i, st := range x.States {
					if st.Dir == types.RecvOnly && isDone(st.Chan) {
						e, ok := CaseEdge(x, i)
						if !ok {
							return false
						}
						cut[e] = true
						found = true
					}
				}
			}
		}
	}
	if !found {
		return false
	}
	seen := map[*ssa.BasicBlock]bool{fn.Blocks[0]: true}
	queue := []*ssa.BasicBlock{fn.Blocks[0]}
	for len(queue) > 0 {
		b := queue[0]
		queue = queue[1:]
		if barrier[b] {
			continue
		}
		if _, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok {
			return false
		}
		for _, s := range b.Succs {
			if !seen[s] && !cut[Edge{b, s}] {
				seen[s] = true
				queue = append(queue, s)
			}
		}
	}
	return true
}
