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
				if (u.Op == Close || u.Op == Send) && !runs[u.Instr.Parent()] && fn != method && sameReceiver(fn, obj) && !slices.Contains(stoppers, fn.Name()) {
					stoppers = append(stoppers, fn.Name())
				}
			}
		}
		if len(stoppers) > 0 {
			slices.Sort(stoppers)
			m.stoppedBy[obj] = stoppers
		}
	}
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

// sameReceiver reports whether fn is a method of the same type as method.
func sameReceiver(fn *ssa.Function, method *types.Func) bool {
	recv := fn.Signature.Recv()
	return recv != nil && types.Identical(deref(recv.Type()), deref(method.Signature().Recv().Type()))
}
