package model

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// The context parameters whose cancellation a function observes.
//
// Handing a call the wrong context (the outer one in an errgroup's task,
// where a failing sibling cancels only the group's; the group's after
// Wait, when it is always cancelled) changes what the call does only if
// the call observes cancellation: it waits on the context's Done channel,
// asks its Err or Cause, registers an AfterFunc, or hands it on to what
// does: a context derived from it, a blocking API or a request or
// command that carries it there, a function of the package that observes
// it (found together, so that recursion is no obstacle) or one of
// another package whose Summary says so. A logger, a clock or a metric
// that takes a context for its values does not observe it, and neither,
// as far as the model can show, does a function value or an interface it
// knows no implementation of: cancellation that matters is a claim the
// model must prove, not assume.

// findObserves fills m.observes: the smallest set of the package's
// context parameters that observe cancellation.
func (m *Model) findObserves() {
	m.observes = make(map[*ssa.Parameter]bool)
	var params []*ssa.Parameter
	for _, fn := range m.Funcs {
		for _, p := range fn.Params {
			if IsContext(p.Type()) {
				params = append(params, p)
			}
		}
	}
	seen := make(map[ssa.Value]bool)
	for changed := true; changed; {
		changed = false
		for _, p := range params {
			clear(seen)
			if !m.observes[p] && m.observed(p, 0, seen) {
				m.observes[p] = true
				changed = true
			}
		}
	}
}

// observed reports whether a use of context v observes its cancellation;
// seen holds the values on the way (phis, cells), which a loop may bring
// back.
func (m *Model) observed(v ssa.Value, depth int, seen map[ssa.Value]bool) bool {
	if v == nil || depth > 4 || seen[v] {
		return false
	}
	seen[v] = true
	for _, r := range Refs(v) {
		switch r := r.(type) {
		case *ssa.Phi:
			if m.observed(r, depth, seen) {
				return true
			}
		case *ssa.MakeClosure:
			fn := r.Fn.(*ssa.Function)
			for i, b := range r.Bindings {
				if b == v && m.observed(fn.FreeVars[i], depth+1, seen) {
					return true
				}
			}
		case *ssa.Store:
			// A local variable that holds it, captured or assigned.
			if cell, ok := r.Addr.(*ssa.Alloc); ok && r.Val == v && m.observed(cell, depth+1, seen) {
				return true
			}
		case *ssa.UnOp:
			if r.Op == token.MUL && m.observed(r, depth, seen) { // a load of a cell
				return true
			}
		case ssa.CallInstruction:
			common := r.Common()
			if common.IsInvoke() && common.Value == v {
				if asksCancellation(common.Method) {
					return true
				}
				continue
			}
			for i, arg := range CallArgs(common) {
				if arg == v && m.observesArg(r, i, depth, seen) {
					return true
				}
			}
		}
	}
	return false
}

// observesArg reports whether call observes the cancellation of the
// context it gets as argument i.
func (m *Model) observesArg(call ssa.CallInstruction, i, depth int, seen map[ssa.Value]bool) bool {
	common := call.Common()
	if common.IsInvoke() {
		if im := common.Method; im.Pkg() != m.Pass.Pkg {
			return m.factObserves(im, i)
		}
		return m.implsObserve(common.Method, i)
	}
	if fn := m.staticCallee(common); fn != nil && fn.Pkg == m.pkg && fn.Blocks != nil {
		return i < len(fn.Params) && m.observes[fn.Params[i]]
	}
	f := Callee(common)
	if f == nil {
		f = m.aliased(common.Value)
	}
	if f == nil {
		return false // a function value: not known
	}
	if f.Pkg() != nil && f.Pkg().Path() == "context" {
		switch f.Name() {
		case "Cause", "AfterFunc":
			return true
		case "WithCancel", "WithCancelCause", "WithDeadline", "WithDeadlineCause",
			"WithTimeout", "WithTimeoutCause", "WithValue":
			return m.observed(derived(call), depth+1, seen)
		}
		return false // WithoutCancel
	}
	if _, ok := blockingAPIs[apiKey(f)]; ok {
		return true
	}
	if res := f.Signature().Results(); res.Len() > 0 && IsCarrier(res.At(0).Type()) {
		return true // http.NewRequestWithContext, exec.CommandContext
	}
	return m.factObserves(f, i)
}

// derived returns the context a call of context.WithX makes: its result,
// or the first of its results.
func derived(call ssa.CallInstruction) ssa.Value {
	c, ok := call.(*ssa.Call)
	if !ok {
		return nil
	}
	if _, ok := c.Type().(*types.Tuple); !ok {
		return c
	}
	for _, r := range Refs(c) {
		if e, ok := r.(*ssa.Extract); ok && e.Index == 0 {
			return e
		}
	}
	return nil
}

// factObserves reports whether f, of another package, observes the
// cancellation of its argument i, per its Summary fact.
func (m *Model) factObserves(f *types.Func, i int) bool {
	p := m.factParam(f, i)
	return p != nil && p.Observes
}

// Observes reports whether the function call calls observes the
// cancellation of the context it gets as argument i (counting a method's
// receiver, an interface's included, as argument 0): cancelling it, or
// not, can change what the call does. Calls the model cannot see into
// are not counted.
func (m *Model) Observes(call ssa.CallInstruction, i int) bool {
	common := call.Common()
	if common.IsInvoke() && i == 0 {
		return asksCancellation(common.Method)
	}
	return m.observesArg(call, i, 0, make(map[ssa.Value]bool))
}

// asksCancellation reports whether method, called on a context, looks at
// its cancellation: Done or Err (Value and Deadline do not).
func asksCancellation(method *types.Func) bool {
	return method.Name() == "Done" || method.Name() == "Err"
}

// implsObserve reports whether one at least of the package's
// implementations of interface method im observes the cancellation of
// its argument i.
func (m *Model) implsObserve(im *types.Func, i int) bool {
	for _, fn := range m.impls[im] {
		if i < len(fn.Params) && m.observes[fn.Params[i]] {
			return true
		}
	}
	return false
}
