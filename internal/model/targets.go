package model

import (
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// findImplementations fills m.impls: for each method of an interface the
// package declares, the package's methods that implement it, when it has
// some. A type that embeds the interface forwards to another
// implementation, and does not count.
func (m *Model) findImplementations() {
	m.impls = make(map[*types.Func][]*ssa.Function)
	var ifaces []*types.Interface
	var concrete []types.Type
	scope := m.Pass.Pkg.Scope()
	for _, name := range scope.Names() {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok || tn.IsAlias() {
			continue
		}
		named, ok := tn.Type().(*types.Named)
		if !ok || named.TypeParams().Len() > 0 {
			continue
		}
		if it, ok := named.Underlying().(*types.Interface); ok {
			ifaces = append(ifaces, it)
		} else {
			concrete = append(concrete, types.NewPointer(named))
		}
	}
	for _, it := range ifaces {
		var impls []types.Type
		for _, t := range concrete {
			if types.Implements(t, it) {
				impls = append(impls, t)
			}
		}
		if len(impls) == 0 {
			continue
		}
	methods:
		for i := range it.NumMethods() {
			im := it.Method(i)
			var fns []*ssa.Function
			for _, t := range impls {
				obj, _, _ := types.LookupFieldOrMethod(t, false, im.Pkg(), im.Name())
				method, ok := obj.(*types.Func)
				if !ok {
					continue methods
				}
				if types.IsInterface(method.Signature().Recv().Type()) {
					continue // promoted from an embedded interface: it forwards
				}
				fn := m.pkg.Prog.FuncValue(method)
				if fn == nil || fn.Pkg != m.pkg || fn.Blocks == nil {
					continue methods
				}
				fns = append(fns, fn)
			}
			if len(fns) > 0 {
				m.impls[im] = fns
			}
		}
	}
}

// Targets returns the functions of this package that call may run, when
// the model knows them all (see targets).
func (m *Model) Targets(call *ssa.CallCommon) []*ssa.Function { return m.targets(call) }

// targets returns the functions of this package that a call may run, when
// the model knows them all: its static callee; for a method of an
// interface the package declares, the package's implementations; for a
// function loaded from a struct field, the functions the package stores
// there. Otherwise nil.
func (m *Model) targets(call *ssa.CallCommon) []*ssa.Function {
	if call.IsInvoke() {
		return m.impls[call.Method]
	}
	if fn := m.staticCallee(call); fn != nil {
		if fn.Pkg == m.pkg && fn.Blocks != nil {
			return []*ssa.Function{fn}
		}
		return nil
	}
	f := loadedField(call.Value)
	if f == nil {
		return nil
	}
	vals, closed := m.FieldStores(f)
	if !closed {
		return nil
	}
	var fns []*ssa.Function
	for _, v := range vals {
		for {
			ct, ok := v.(*ssa.ChangeType)
			if !ok {
				break
			}
			v = ct.X
		}
		switch v := v.(type) {
		case *ssa.Function:
			if v.Pkg != m.pkg || v.Blocks == nil {
				return nil
			}
			fns = append(fns, v)
		case *ssa.Const:
			// nil
		default:
			return nil
		}
	}
	return fns
}

// argFor returns the value a call passes for parameter i of fn, one of its
// targets, or nil.
func argFor(call *ssa.CallCommon, i int) ssa.Value {
	if call.IsInvoke() {
		if i == 0 {
			return call.Value
		}
		i--
	}
	if i < len(call.Args) {
		return call.Args[i]
	}
	return nil
}

// paramFor returns the parameter of fn, a target of call, that receives
// argument v, or nil if v is not among its arguments or is passed twice.
func paramFor(call *ssa.CallCommon, fn *ssa.Function, v ssa.Value) *ssa.Parameter {
	var p *ssa.Parameter
	for i := range fn.Params {
		if argFor(call, i) == v {
			if p != nil {
				return nil
			}
			p = fn.Params[i]
		}
	}
	return p
}
