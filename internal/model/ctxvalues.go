package model

import (
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// The context parameters a function only reads values from.
//
// Many functions take a context only to read what it carries: a logger
// (log.G(ctx)), a tenant, a trace, a stats group (fs.CountError(ctx,
// err)). Cancelling such a context changes nothing in them, so passing
// one context rather than another, or a cancelled one, is no finding.
// A parameter is values-only when all the function does with it is call
// its Value method, derive a context.WithValue that is values-only in
// turn, or pass it to a parameter of a function that is values-only
// itself: in the package (found together, so that recursion does not
// spoil it) or in another (through its Summary fact). A function literal
// that captures it must do no more with it.

// A parameter is watched-only when the function also, or only, watches
// it: waits on its Done channel, to stop when it is cancelled (case
// <-ctx.Done(): return). Cancelling such a context stops the function, as
// it is meant to; it cuts no work short. (Err is not watching: what it
// returns changes what the function does.)

// findValuesOnly fills m.valuesOnly and m.watchedOnly: the largest sets
// of the package's context parameters that are values-only, and
// watched-only.
func (m *Model) findValuesOnly() {
	m.valuesOnly = make(map[*ssa.Parameter]bool)
	m.watchedOnly = make(map[*ssa.Parameter]bool)
	var params []*ssa.Parameter
	for _, fn := range m.Funcs {
		for _, p := range fn.Params {
			if IsContext(p.Type()) {
				m.valuesOnly[p] = true // until shown otherwise
				m.watchedOnly[p] = true
				params = append(params, p)
			}
		}
	}
	for _, watch := range []bool{false, true} {
		set := m.valuesOnly
		if watch {
			set = m.watchedOnly
		}
		for changed := true; changed; {
			changed = false
			for _, p := range params {
				if set[p] && !m.onlyValues(p, 0, nil, watch) {
					set[p] = false
					changed = true
				}
			}
		}
	}
}

// onlyValues reports whether every use of context v only reads values
// (or, when watch is set, also watches it); seen holds the phis on the
// way, which a loop may bring back.
func (m *Model) onlyValues(v ssa.Value, depth int, seen map[*ssa.Phi]bool, watch bool) bool {
	if depth > 4 {
		return false
	}
	for _, r := range Refs(v) {
		switch r := r.(type) {
		case *ssa.DebugRef:
		case *ssa.BinOp: // ctx == nil
			if !IsNil(r.X) && !IsNil(r.Y) {
				return false
			}
		case *ssa.Phi: // if ctx == nil { ctx = context.Background() }
			if seen[r] {
				continue
			}
			if seen == nil {
				seen = make(map[*ssa.Phi]bool)
			}
			seen[r] = true
			if !m.onlyValues(r, depth, seen, watch) {
				return false
			}
		case *ssa.MakeClosure:
			// A function literal that captures it, such as the body of a
			// range over a function: what the literal does with it,
			// wherever it runs.
			fn := r.Fn.(*ssa.Function)
			for i, b := range r.Bindings {
				if b == v && !m.onlyValues(fn.FreeVars[i], depth+1, seen, watch) {
					return false
				}
			}
		case *ssa.Store:
			// The cell go/ssa keeps a captured parameter in.
			cell, ok := r.Addr.(*ssa.Alloc)
			if !ok || r.Val != v || HeldParameter(cell) != v || !m.cellOnlyValues(cell, depth+1, seen, watch) {
				return false
			}
		case ssa.CallInstruction:
			common := r.Common()
			if common.IsInvoke() && common.Value == v {
				switch common.Method.Name() {
				case "Value":
					if !slices.Contains(common.Args, v) {
						continue
					}
				case "Done":
					if watch {
						continue
					}
				}
				return false
			}
			for i, arg := range CallArgs(common) {
				if arg != v {
					continue
				}
				if fn := Callee(common); IsFunc(fn, "context", "WithValue") && i == 0 {
					if call, ok := r.(*ssa.Call); ok && m.onlyValues(call, depth+1, seen, watch) {
						continue
					}
					return false
				}
				if !m.ValuesOnly(r, i) && !(watch && m.WatchedOnly(r, i)) {
					return false
				}
			}
		default:
			return false
		}
	}
	return true
}

// cellOnlyValues is onlyValues for the context that cell holds, a
// variable that closures capture (a FreeVar there) and only read.
func (m *Model) cellOnlyValues(cell ssa.Value, depth int, seen map[*ssa.Phi]bool, watch bool) bool {
	if depth > 4 {
		return false
	}
	for _, r := range Refs(cell) {
		switch r := r.(type) {
		case *ssa.DebugRef:
		case *ssa.Store:
			if r.Addr != cell || !isParam(r.Val) {
				return false // the parameter's own store on entry, and no other
			}
		case *ssa.UnOp:
			if r.Op != token.MUL || !m.onlyValues(r, depth, seen, watch) {
				return false
			}
		case *ssa.MakeClosure:
			fn := r.Fn.(*ssa.Function)
			for i, b := range r.Bindings {
				if b == cell && !m.cellOnlyValues(fn.FreeVars[i], depth+1, seen, watch) {
					return false
				}
			}
		default:
			return false
		}
	}
	return true
}

func isParam(v ssa.Value) bool {
	_, ok := v.(*ssa.Parameter)
	return ok
}

// ValuesOnly reports whether the function call calls only reads values
// from the context it gets as argument i (counting a method's receiver,
// an interface's included, as argument 0): cancelling that context changes
// nothing there.
//
// For a method of an interface, that is known when the interface is
// log/slog's Handler, whose context is documented to carry values for the
// log; or when the interface's package implements it and every
// implementation there only reads values from the context, and one at
// least does read them (an implementation that ignores the context, a
// no-op one say, shows nothing of what the others do). The package that
// declares the interface exports that as its Summary fact.
func (m *Model) ValuesOnly(call ssa.CallInstruction, i int) bool {
	common := call.Common()
	if common.IsInvoke() {
		if i == 0 {
			return false // the context itself: its Done, Err or Deadline
		}
		return m.methodValuesOnly(common.Method, i)
	}
	if fn := m.staticCallee(common); fn != nil && fn.Pkg == m.pkg && i < len(fn.Params) {
		return m.valuesOnly[fn.Params[i]]
	}
	f := Callee(common)
	if f == nil {
		f = m.aliased(common.Value)
	}
	return f != nil && f.Pkg() != m.Pass.Pkg && m.factValuesOnly(f, i)
}

// WatchedOnly reports whether the function call calls only reads values
// from the context it gets as argument i, or, when it is one of the
// package's, also waits on the context's Done channel to stop: cancelling
// the context stops the function, and cuts short no work it does.
func (m *Model) WatchedOnly(call ssa.CallInstruction, i int) bool {
	if m.ValuesOnly(call, i) {
		return true
	}
	common := call.Common()
	if fn := bodyOf(m.staticCallee(common)); !common.IsInvoke() && fn != nil && fn.Pkg == m.pkg && i < len(fn.Params) {
		return m.watchedOnly[fn.Params[i]]
	}
	return false
}

// StopsWhenDone reports whether the function call calls loops until the
// context it gets as argument i is done (see LoopsUntilDone): cancelling
// the context is how it is told to stop, and the turn it cuts short is
// meant to be cut short.
func (m *Model) StopsWhenDone(call ssa.CallInstruction, i int) bool {
	common := call.Common()
	if common.IsInvoke() {
		return false
	}
	if fn := bodyOf(m.staticCallee(common)); fn != nil && fn.Pkg == m.pkg && i < len(fn.Params) {
		p := fn.Params[i]
		return m.LoopsUntilDone(fn, func(v ssa.Value) bool { return v == p })
	}
	if f := Callee(common); f != nil && f.Pkg() != m.Pass.Pkg {
		p := m.factParam(f, i)
		return p != nil && p.UntilDone
	}
	return false
}

// factParam returns what the Summary fact of f, of another package, says
// of its parameter i, or nil.
func (m *Model) factParam(f *types.Func, i int) *ParamSummary {
	if s := m.summaries[f]; s != nil {
		return s.Param(i)
	}
	return nil
}

// factValuesOnly reports whether f, of another package, only reads values
// from its argument i, per its Summary fact.
func (m *Model) factValuesOnly(f *types.Func, i int) bool {
	p := m.factParam(f, i)
	return p != nil && p.ValuesOnly
}

// methodValuesOnly reports whether the interface method im only reads
// values from its argument i (its receiver is 0); see ValuesOnly.
func (m *Model) methodValuesOnly(im *types.Func, i int) bool {
	recv := im.Signature().Recv()
	if recv != nil && IsNamed(recv.Type(), "log/slog", "Handler") {
		return true
	}
	if im.Pkg() != m.Pass.Pkg {
		return m.factValuesOnly(im, i)
	}
	fns := m.impls[im]
	reads := false
	for _, fn := range fns {
		if i >= len(fn.Params) || !m.valuesOnly[fn.Params[i]] {
			return false
		}
		reads = reads || Used(fn.Params[i])
	}
	return reads
}

// Used reports whether anything uses v (a parameter, a result): a debug
// reference does not count.
func Used(v ssa.Value) bool {
	for _, r := range Refs(v) {
		if _, ok := r.(*ssa.DebugRef); !ok {
			return true
		}
	}
	return false
}

// DoneOf returns x when v is x.Done(), a call of a method Done through an
// interface (a context's); nil otherwise.
func DoneOf(v ssa.Value) ssa.Value {
	c, ok := v.(*ssa.Call)
	if !ok || !c.Call.IsInvoke() || c.Call.Method.Name() != "Done" {
		return nil
	}
	return c.Call.Value
}

// LoopsUntilDone reports whether fn runs a loop that it leaves when a
// context that isCtx says is the one in question is done: a select in a
// loop whose case on the context's Done() does not come back to it (for
// { select { case <-ctx.Done(): return; case ev := <-events: … } }).
// Cancelling that context is how such a goroutine is told to stop,
// whatever it does under the context on each turn.
func (m *Model) LoopsUntilDone(fn *ssa.Function, isCtx func(ssa.Value) bool) bool {
	if fn == nil {
		return false
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			sel, ok := instr.(*ssa.Select)
			if !ok || !m.InLoop(sel) {
				continue
			}
			for i, st := range sel.States {
				if ctx := DoneOf(st.Chan); st.Dir != types.RecvOnly || ctx == nil || !isCtx(ctx) {
					continue
				}
				if e, ok := CaseEdge(sel, i); ok && e.To != sel.Block() && !reaches(e.To, sel.Block()) {
					return true
				}
			}
		}
	}
	return false
}

// valuesResult computes Summary.ValuesResult for fn: i+1 when every
// context fn returns is parameter i's, with values added and nothing
// else, so that it is cancelled exactly when parameter i is
// (logging.WithLogger(ctx, l) returning context.WithValue(ctx, key, l)).
// depth bounds the functions of the package it follows.
func (m *Model) valuesResult(fn *ssa.Function, depth int) int {
	i := -1
	for _, b := range fn.Blocks {
		ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		if !ok || len(ret.Results) == 0 {
			continue
		}
		p := m.valuesOf(ret.Results[0], depth)
		if p == nil || p.Parent() != fn || i >= 0 && paramIndex(p) != i {
			return 0
		}
		i = paramIndex(p)
	}
	return i + 1
}

// valuesOf returns the parameter whose context v is, with values added
// and nothing else, or nil.
func (m *Model) valuesOf(v ssa.Value, depth int) *ssa.Parameter {
	switch x := v.(type) {
	case *ssa.Parameter:
		return x
	case *ssa.Call:
		if x.Call.IsInvoke() {
			return nil
		}
		args := x.Call.Args
		if IsFunc(Callee(&x.Call), "context", "WithValue") {
			return m.valuesOf(args[0], depth)
		}
		k := 0
		if callee := bodyOf(x.Call.StaticCallee()); callee != nil && callee.Pkg == m.ssaPkg() {
			if depth < 4 {
				k = m.valuesResult(callee, depth+1)
			}
		} else if s := m.summaries[Callee(&x.Call)]; s != nil {
			k = s.ValuesResult
		}
		if k > 0 && k <= len(args) {
			return m.valuesOf(args[k-1], depth)
		}
	}
	return nil
}
