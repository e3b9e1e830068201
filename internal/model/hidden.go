package model

import (
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// Methods and fields outside code cannot reach.
//
// An exported method of an unexported type can be called from another
// package only through a value of the type that reaches it: converted to
// an interface (which includes a value handed to fmt, or stored in an
// interface field), in the signature of something exported, in an
// exported variable or field, or promoted by embedding. When no value of
// the type can get out, the package sees every call of the method: its
// Run, Close or Send is not an entry point that outside code may call
// whenever it likes, and what it releases is judged by the package's own
// calls.

// The same holds for its exported fields: outside code reaches them only
// through a value of the type, so when none gets out, what the fields
// hold is the package's alone (a watcher's Msg channel, sent on by a
// reader goroutine, received by the one function that made it).

// findExposed records the unexported named types of the package that
// values can carry out of it (see above), for hiddenMethod.
func (m *Model) findExposed(fns []*ssa.Function) {
	pkg := m.Pass.Pkg
	m.exposed = make(map[*types.TypeName]bool)
	seen := make(map[types.Type]bool)
	var mark func(t types.Type)
	mark = func(t types.Type) {
		if t == nil || seen[t] {
			return
		}
		seen[t] = true
		switch t := types.Unalias(t).(type) {
		case *types.Named:
			for i := range t.TypeArgs().Len() {
				mark(t.TypeArgs().At(i)) // atomic.Pointer[worker] carries workers
			}
			obj := t.Origin().Obj()
			if obj.Pkg() != pkg {
				return
			}
			m.exposed[obj] = true
			mark(t.Underlying())
			for i := range t.NumMethods() {
				if f := t.Method(i); f.Exported() {
					mark(f.Signature())
				}
			}
		case *types.Pointer:
			mark(t.Elem())
		case *types.Slice:
			mark(t.Elem())
		case *types.Array:
			mark(t.Elem())
		case *types.Map:
			mark(t.Key())
			mark(t.Elem())
		case *types.Chan:
			mark(t.Elem())
		case *types.Signature:
			for v := range t.Params().Variables() {
				mark(v.Type())
			}
			for v := range t.Results().Variables() {
				mark(v.Type())
			}
		case *types.Struct:
			for f := range t.Fields() {
				if f.Exported() || f.Embedded() {
					mark(f.Type())
				}
			}
		case *types.Interface:
			for i := range t.NumMethods() {
				mark(t.Method(i).Type())
			}
		}
	}
	scope := pkg.Scope()
	for _, name := range scope.Names() {
		obj := scope.Lookup(name)
		if obj.Exported() {
			mark(obj.Type())
		}
		if tn, ok := obj.(*types.TypeName); ok {
			// Embedded fields promote their methods, wherever the
			// struct goes.
			if st, ok := tn.Type().Underlying().(*types.Struct); ok {
				for f := range st.Fields() {
					if f.Embedded() {
						mark(f.Type())
					}
				}
			}
		}
	}
	for _, fn := range fns {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if mi, ok := instr.(*ssa.MakeInterface); ok {
					mark(mi.X.Type())
				}
			}
		}
	}
}

// hiddenMethod reports whether fn is a method of an unexported type of
// the package that no value can carry out of it, and whose exported
// methods the package calls, each of them (called): outside code cannot
// call it. A type with an exported method the package never calls is
// driven from where the package cannot see, its tests, which may call
// any of its methods.
func (m *Model) hiddenMethod(fn *ssa.Function, called map[*ssa.Function]bool) bool {
	recv := fn.Signature.Recv()
	if recv == nil || m.exposed == nil {
		return false
	}
	named, ok := types.Unalias(deref(recv.Type())).(*types.Named)
	if !ok || named.TypeParams().Len() > 0 {
		return false
	}
	obj := named.Obj()
	if obj.Pkg() != m.Pass.Pkg || obj.Exported() || m.exposed[obj] {
		return false
	}
	prog := m.ssaPkg().Prog
	for i := range named.NumMethods() {
		if meth := named.Method(i); meth.Exported() {
			if g := prog.FuncValue(meth); g == nil || !called[g] {
				return false
			}
		}
	}
	return true
}

// hiddenType reports whether t, or what it points to, is a named type of
// the package that no value can carry out of it (see above).
func (m *Model) hiddenType(t types.Type) bool {
	named, ok := types.Unalias(deref(t)).(*types.Named)
	if !ok || m.exposed == nil {
		return false
	}
	obj := named.Origin().Obj()
	return obj.Pkg() == m.Pass.Pkg && !obj.Exported() && !m.exposed[obj]
}
