package model

import (
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// NotOf reports whether interface value v cannot hold a value of the
// package's type t: every value it can hold comes from another package's
// function, given nothing that could carry a t (r.lockfile, set only from
// lockfile.Lock(path, name), is not the *FSRepo whose Close the package
// declares, though both are io.Closers). It follows loads of fields whose
// stores the package all sees, and φs.
func (m *Model) NotOf(v ssa.Value, t types.Type) bool {
	return m.notOf(v, t, make(map[ssa.Value]bool))
}

func (m *Model) notOf(v ssa.Value, t types.Type, seen map[ssa.Value]bool) bool {
	if seen[v] {
		return true
	}
	seen[v] = true
	switch x := v.(type) {
	case *ssa.Extract:
		return m.notOf(x.Tuple, t, seen)
	case *ssa.ChangeInterface:
		return m.notOf(x.X, t, seen)
	case *ssa.Call:
		f := Callee(&x.Call)
		if x.Call.IsInvoke() || f == nil || f.Pkg() == nil || f.Pkg() == m.Pass.Pkg {
			return false
		}
		for _, a := range x.Call.Args {
			if mayCarry(a.Type(), t, 0) {
				return false
			}
		}
		return true
	case *ssa.Phi:
		for _, e := range x.Edges {
			if !IsNil(e) && !m.notOf(e, t, seen) {
				return false
			}
		}
		return true
	case *ssa.UnOp, *ssa.Field:
		f := loadedField(x)
		if f == nil {
			return false
		}
		vals, all := m.FieldStores(f)
		if !all {
			return false
		}
		for _, s := range vals {
			if !IsNil(s) && !m.notOf(s, t, seen) {
				return false
			}
		}
		return true
	}
	return false
}

// mayCarry reports whether a value of type a may hold or lead to a value
// of type t: t itself, an interface t implements, or something made of
// those (a function, which may return anything, counts).
func mayCarry(a, t types.Type, depth int) bool {
	if depth > 4 {
		return true
	}
	if types.Identical(a, t) {
		return true
	}
	switch u := a.Underlying().(type) {
	case *types.Basic:
		return false
	case *types.Interface:
		return types.Implements(t, u)
	case *types.Pointer:
		return mayCarry(u.Elem(), t, depth+1)
	case *types.Slice:
		return mayCarry(u.Elem(), t, depth+1)
	case *types.Array:
		return mayCarry(u.Elem(), t, depth+1)
	case *types.Map:
		return mayCarry(u.Key(), t, depth+1) || mayCarry(u.Elem(), t, depth+1)
	case *types.Chan:
		return mayCarry(u.Elem(), t, depth+1)
	case *types.Struct:
		for i := range u.NumFields() {
			if mayCarry(u.Field(i).Type(), t, depth+1) {
				return true
			}
		}
		return false
	}
	return true
}
