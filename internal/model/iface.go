package model

import (
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// exportInterfaceSummaries exports, on a method of an interface the
// package declares, that a context parameter reaches a blocking API, when
// the package implements the interface and every implementation's method
// says so (a type that embeds the interface forwards to another, and does
// not count). Generated gRPC clients are the case in point: callers hold the
// FooClient interface that NewFooClient returns, and the package's
// fooClient, which invokes the RPC, is its only implementation.
func (m *Model) exportInterfaceSummaries(reaches map[*ssa.Parameter]string) {
	methods := make(map[*types.Func]ParamSummary) // concrete methods whose context parameter reaches an API
	for _, fn := range m.Funcs {
		obj := funcObject(fn)
		if obj == nil || fn.Signature.Recv() == nil {
			continue
		}
		for i, p := range fn.Params {
			if reaches[p] != "" {
				methods[obj] = ParamSummary{Index: i, ReachesAPI: reaches[p]}
				break
			}
		}
	}
	if len(methods) == 0 {
		return
	}
	// Only types with a method that takes a context can take part.
	var ifaces []*types.Interface
	var impls []types.Type
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
			if takesContext(it.Method, it.NumMethods()) {
				ifaces = append(ifaces, it)
			}
		} else if takesContext(named.Method, named.NumMethods()) {
			impls = append(impls, types.NewPointer(named))
		}
	}
	exported := make(map[*types.Func]bool)
	for _, it := range ifaces {
		var mine []types.Type
		for _, t := range impls {
			if types.Implements(t, it) {
				mine = append(mine, t)
			}
		}
		if len(mine) == 0 {
			continue
		}
		for i := 0; i < it.NumMethods(); i++ {
			im := it.Method(i)
			if im.Pkg() != m.Pass.Pkg || exported[im] {
				continue
			}
			var s *ParamSummary
			for _, t := range mine {
				obj, _, _ := types.LookupFieldOrMethod(t, false, im.Pkg(), im.Name())
				if recv := obj.(*types.Func).Signature().Recv(); recv != nil && types.IsInterface(recv.Type()) {
					continue // promoted from an embedded interface: it forwards
				}
				ps, ok := methods[obj.(*types.Func)]
				if !ok || s != nil && s.Index != ps.Index {
					s = nil
					break
				}
				s = &ps
			}
			if s != nil {
				m.Pass.ExportObjectFact(im, &Summary{Params: []ParamSummary{*s}})
				exported[im] = true
			}
		}
	}
}

// takesContext reports whether one of n methods has a context parameter.
func takesContext(method func(int) *types.Func, n int) bool {
	for i := range n {
		params := method(i).Signature().Params()
		for j := range params.Len() {
			if IsContext(params.At(j).Type()) {
				return true
			}
		}
	}
	return false
}
