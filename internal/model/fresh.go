package model

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// Fresh results: a constructor makes the value it returns for its caller,
// who then owns it and must stop what it starts. A getter, a cache lookup
// or a registry's find returns a value that someone else keeps and stops
// (an engine's long-lived connection, a policy shared by every caller).
//
// A function's first result is fresh when every way it returns gives nil
// or a value made on that call and kept nowhere else: an allocation that
// it stores only in its own variables and does not put in a map, a
// channel or a slice; or the fresh result of another such function.

// ReturnsFresh reports whether call's first result is fresh: made by the
// callee for this call, and kept nowhere else. Calls through interfaces
// and function values are not known to.
func (m *Model) ReturnsFresh(call *ssa.CallCommon) bool {
	return m.freshCall(call, func(fn *ssa.Function) bool { return m.fresh[fn] })
}

// findFresh computes m.fresh, the package's functions whose first result
// is fresh; afterwards it is only read.
func (m *Model) findFresh() {
	memo := make(map[*ssa.Function]bool)
	var result func(fn *ssa.Function) bool
	result = func(fn *ssa.Function) bool {
		if v, ok := memo[fn]; ok {
			return v
		}
		memo[fn] = false // a cycle makes nothing fresh
		res := fn.Signature.Results()
		if res.Len() == 0 || !refResult(res.At(0).Type()) {
			return false
		}
		any := false
		for _, b := range fn.Blocks {
			ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
			if !ok || len(ret.Results) == 0 {
				continue
			}
			fresh, isNil := m.madeFresh(ret.Results[0], result)
			if !fresh && !isNil {
				return false
			}
			any = any || fresh
		}
		memo[fn] = any
		return any
	}
	for _, fn := range m.Funcs {
		result(fn)
	}
	m.fresh = memo
}

// freshCall reports whether call's first result is fresh: by own for a
// callee of the package, by its fact for another package's.
func (m *Model) freshCall(call *ssa.CallCommon, own func(*ssa.Function) bool) bool {
	if call.IsInvoke() {
		return false
	}
	if fn := bodyOf(m.staticCallee(call)); fn != nil && fn.Pkg == m.pkg {
		return own(fn)
	}
	if f := Callee(call); f != nil && f.Pkg() != m.Pass.Pkg {
		if s := m.summaries[f]; s != nil {
			return s.FreshResult
		}
	}
	return false
}

// madeFresh judges v, a returned value: fresh, or nil (which a
// constructor may return on failure), or neither. own judges the
// package's functions.
func (m *Model) madeFresh(v ssa.Value, own func(*ssa.Function) bool) (fresh, isNil bool) {
	return m.madeFreshIn(v, own, make(map[*ssa.Alloc]bool))
}

// madeFreshIn is madeFresh through variables that hold several values,
// each looked at once: a variable that holds what another one does, and
// that one what the first does, adds nothing of its own.
func (m *Model) madeFreshIn(v ssa.Value, own func(*ssa.Function) bool, seen map[*ssa.Alloc]bool) (fresh, isNil bool) {
	for range 16 { // a variable that stores what it holds goes round
		switch x := v.(type) {
		case *ssa.MakeInterface:
			v = x.X
			continue
		case *ssa.ChangeType:
			v = x.X
			continue
		case *ssa.Const:
			return false, x.IsNil()
		case *ssa.Alloc:
			return x.Heap && keptOnlyLocally(x), false
		case *ssa.UnOp:
			// A variable (a closure's, or a named result returned after
			// defers): what was stored in it, when that is one value.
			if cell, ok := x.X.(*ssa.Alloc); ok && x.Op == token.MUL {
				vals := cellStores(cell)
				if len(vals) == 1 {
					v = vals[0]
					continue
				}
				// The results of a function with defers: each return
				// stores its own, fresh or nil.
				if seen[cell] {
					return false, true // adds nothing: neither fresh nor other
				}
				seen[cell] = true
				fresh, isNil := false, len(vals) > 0
				for _, val := range vals {
					f, n := m.madeFreshIn(val, own, seen)
					if !f && !n {
						return false, false
					}
					fresh, isNil = fresh || f, isNil && n
				}
				return fresh, isNil && !fresh
			}
			return false, false
		case *ssa.Call:
			return m.freshCall(&x.Call, own) && keptOnlyLocally(x), false
		case *ssa.Extract:
			call, ok := x.Tuple.(*ssa.Call)
			return ok && x.Index == 0 && m.freshCall(&call.Call, own) && keptOnlyLocally(x), false
		}
		return false, false
	}
	return false, false
}

// keptOnlyLocally reports whether v, a pointer its function made or got
// fresh, is not put where others find it: stored only in the function's
// own variables, never put in a map, sent, or appended.
func keptOnlyLocally(v ssa.Value) bool {
	for _, r := range Refs(v) {
		switch r := r.(type) {
		case *ssa.Store:
			if r.Val == v {
				if a, ok := r.Addr.(*ssa.Alloc); !ok || a.Heap && HeldParameter(a) == nil && !onlyLoadedLocally(a) {
					return false
				}
			}
		case *ssa.MapUpdate:
			if r.Value == v || r.Key == v {
				return false
			}
		case *ssa.Send:
			if r.X == v {
				return false
			}
		case *ssa.Call:
			if isBuiltin(r, "append") {
				return false
			}
		}
	}
	return true
}

// onlyLoadedLocally reports whether the variable a is only stored to and
// loaded from, not handed on by its address.
func onlyLoadedLocally(a *ssa.Alloc) bool {
	for _, r := range Refs(a) {
		switch r := r.(type) {
		case *ssa.Store:
			if r.Val == ssa.Value(a) {
				return false
			}
		case *ssa.UnOp, *ssa.DebugRef, *ssa.MakeClosure:
		default:
			return false
		}
	}
	return true
}

// refResult reports whether t is a type whose values a constructor makes:
// a pointer or an interface.
func refResult(t types.Type) bool {
	switch t.Underlying().(type) {
	case *types.Pointer, *types.Interface:
		return true
	}
	return false
}
