package model

import (
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// StoppedBy returns, for a method that starts a goroutine which runs until
// another method of its type signals it (a Start whose loop waits on a
// stop channel that Stop closes), the names of those other methods; nil
// for other functions. Methods of other packages are known through their
// Summary facts.
func (m *Model) StoppedBy(fn *types.Func) []string {
	if names, ok := m.stoppedBy[fn]; ok {
		return names
	}
	var s Summary
	if fn.Pkg() != m.Pass.Pkg && m.Pass.ImportObjectFact(fn, &s) {
		return s.StoppedBy
	}
	return nil
}

// findContracts fills m.stoppedBy: for each go statement in a method, if
// the goroutine cannot return without receiving from a channel field of
// the method's receiver, and other methods of the package close or send on
// that field, the method is stopped by those.
func (m *Model) findContracts() {
	m.stoppedBy = make(map[*types.Func][]string)
	for _, s := range m.Spawns {
		method := s.Parent
		for method.Parent() != nil {
			method = method.Parent()
		}
		obj := funcObject(method)
		if obj == nil || obj.Signature().Recv() == nil || s.Body == nil || s.Body.Blocks == nil {
			continue
		}
		runs := m.Runs(s)
		var waits []*FieldUse
		for fn := range runs {
			for _, u := range m.FieldUsesIn(fn) {
				if (u.Op == Recv || u.Op == Range) && receiverField(obj, u.Field) {
					waits = append(waits, u)
				}
			}
		}
		if len(waits) == 0 {
			continue
		}
		var costs Costs
		for _, u := range waits {
			u.cost(&costs, Never)
		}
		if EntryReturn(s.Body, &costs) != nil {
			continue // it can end on its own
		}
		// The stop signals are the waits after which the goroutine can
		// return: a path to a return passes them and no other wait.
		var stoppers []string
		for _, w := range waits {
			var others Costs
			for _, u := range waits {
				if u != w {
					u.cost(&others, Never)
				}
			}
			if EntryReturn(s.Body, &others) == nil || tokenField(m, w.Field, runs, method) {
				continue // a wait for work, not for the end
			}
			for _, u := range m.FieldUses(w.Field) {
				fn := u.Instr.Parent()
				for fn.Parent() != nil {
					fn = fn.Parent()
				}
				signals := u.Op == Close || u.Op == Send && w.Op == Recv // a range ends only on close
				if signals && !runs[u.Instr.Parent()] && fn != method && SameReceiver(fn, obj) && !slices.Contains(stoppers, fn.Name()) {
					stoppers = append(stoppers, fn.Name())
				}
			}
		}
		if len(stoppers) > 0 {
			slices.Sort(stoppers)
			m.stoppedBy[obj] = stoppers
		}
	}
	m.inheritContracts()
}

// inheritContracts extends m.stoppedBy to the methods that start their
// receiver's goroutine by calling one of its starting methods (a Start or
// Done calling a lazy init): they are stopped by the same methods, unless
// they are one of those or call one themselves.
func (m *Model) inheritContracts() {
	for changed := len(m.stoppedBy) > 0; changed; {
		changed = false
		for _, fn := range m.Funcs {
			obj := funcObject(fn)
			if obj == nil || obj.Signature().Recv() == nil || m.stoppedBy[obj] != nil {
				continue
			}
			var called []*types.Func // methods fn calls on its receiver
			for _, instr := range Instrs(fn) {
				if call, ok := instr.(ssa.CallInstruction); ok && !call.Common().IsInvoke() && len(call.Common().Args) > 0 {
					if callee := Callee(call.Common()); callee != nil && m.isReceiver(fn, call.Common().Args[0]) {
						called = append(called, callee)
					}
				}
			}
			var stoppers []string
			for _, callee := range called {
				if stoppers = m.stoppedBy[callee]; stoppers != nil {
					break
				}
			}
			stops := slices.Contains(stoppers, obj.Name())
			for _, callee := range called {
				stops = stops || slices.Contains(stoppers, callee.Name())
			}
			if stoppers != nil && !stops {
				m.stoppedBy[obj] = stoppers
				changed = true
			}
		}
	}
}

// isReceiver reports whether v is the receiver of the method fn, directly
// or through the cell of a closure that captures it.
func (m *Model) isReceiver(fn *ssa.Function, v ssa.Value) bool {
	a := m.AccessOf(v)
	if len(a.Fields) > 0 || len(fn.Params) == 0 {
		return false
	}
	if cell, ok := a.Root.(*ssa.Alloc); ok {
		return HeldParameter(cell) == fn.Params[0]
	}
	return a.Root == fn.Params[0]
}

// HeldParameter returns the parameter that cell holds, when go/ssa keeps a
// parameter in a cell because a closure captures it; or nil.
func HeldParameter(cell *ssa.Alloc) *ssa.Parameter {
	for _, ref := range *cell.Referrers() {
		if st, ok := ref.(*ssa.Store); ok && st.Addr == cell {
			if p, ok := st.Val.(*ssa.Parameter); ok {
				return p
			}
		}
	}
	return nil
}

// tokenField reports whether field is passed around like a token rather
// than signalled once: the goroutine or the starting method sends on it
// themselves (a channel of capacity 1 used as a lock).
func tokenField(m *Model, field *types.Var, runs map[*ssa.Function]bool, method *ssa.Function) bool {
	for _, u := range m.FieldUses(field) {
		if u.Op != Send && u.Op != Close {
			continue
		}
		fn := u.Instr.Parent()
		for fn.Parent() != nil && !runs[fn] {
			fn = fn.Parent()
		}
		if runs[u.Instr.Parent()] || fn == method {
			return true
		}
	}
	return false
}

// receiverField reports whether field is a field of method's receiver type.
func receiverField(method *types.Func, field *types.Var) bool {
	st, ok := deref(method.Signature().Recv().Type()).Underlying().(*types.Struct)
	if !ok {
		return false
	}
	for i := 0; i < st.NumFields(); i++ {
		if st.Field(i) == field {
			return true
		}
	}
	return false
}

// SameReceiver reports whether fn is a method of the same type as method.
func SameReceiver(fn *ssa.Function, method *types.Func) bool {
	recv := fn.Signature.Recv()
	return recv != nil && types.Identical(deref(recv.Type()), deref(method.Signature().Recv().Type()))
}
