package model

import (
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
// spoil it) or in another (through its Summary fact).

// findValuesOnly fills m.valuesOnly: the largest set of the package's
// context parameters that are values-only.
func (m *Model) findValuesOnly() {
	m.valuesOnly = make(map[*ssa.Parameter]bool)
	var params []*ssa.Parameter
	for _, fn := range m.Funcs {
		for _, p := range fn.Params {
			if IsContext(p.Type()) {
				m.valuesOnly[p] = true // until shown otherwise
				params = append(params, p)
			}
		}
	}
	for changed := true; changed; {
		changed = false
		for _, p := range params {
			if m.valuesOnly[p] && !m.onlyValues(p, 0) {
				m.valuesOnly[p] = false
				changed = true
			}
		}
	}
}

// onlyValues reports whether every use of context v only reads values.
func (m *Model) onlyValues(v ssa.Value, depth int) bool {
	if depth > 4 {
		return false
	}
	for _, r := range *v.Referrers() {
		switch r := r.(type) {
		case *ssa.DebugRef:
		case ssa.CallInstruction:
			common := r.Common()
			if common.IsInvoke() {
				if common.Value == v && common.Method.Name() == "Value" && !slices.Contains(common.Args, v) {
					continue
				}
				return false
			}
			for i, arg := range common.Args {
				if arg != v {
					continue
				}
				if fn := Callee(common); IsFunc(fn, "context", "WithValue") && i == 0 {
					if call, ok := r.(*ssa.Call); ok && m.onlyValues(call, depth+1) {
						continue
					}
					return false
				}
				if !m.ValuesOnly(r, i) {
					return false
				}
			}
		default:
			return false
		}
	}
	return true
}

// ValuesOnly reports whether the function call calls only reads values
// from the context it gets as argument i: cancelling that context changes
// nothing there.
func (m *Model) ValuesOnly(call ssa.CallInstruction, i int) bool {
	common := call.Common()
	if common.IsInvoke() {
		return false
	}
	if fn := common.StaticCallee(); fn != nil && fn.Pkg == m.pkg && i < len(fn.Params) {
		return m.valuesOnly[fn.Params[i]]
	}
	f := Callee(common)
	if f == nil || f.Pkg() == m.Pass.Pkg {
		return false
	}
	if s := m.summaries[f]; s != nil {
		if p := s.Param(i); p != nil {
			return p.ValuesOnly
		}
	}
	return false
}
