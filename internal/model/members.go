package model

import (
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// Releases made on every member of a collection.
//
// Code that owns many objects of one class keeps their owners in a map or
// a slice, and stops them all in one loop: for _, f := range h.feeds {
// f.stop() }. The loop may run zero times, or fewer times than there were
// owners once, but an owner the package put in the collection leaves it
// only where the package takes it out, and that is judged where it
// happens (delete(h.feeds, k) after f.stop(), say). So a loop that
// releases on each of its iterations releases every member, and its exit
// is no way around the release. Without this, every such stop looked
// skippable, and each owner's goroutine was reported as left blocked by
// the one who stops them all.

// findCollections records the types of the maps and slices the package
// puts values into (m[k] = v, append(s, v)), for memberLoop.
func (m *Model) findCollections(fns []*ssa.Function) {
	for _, fn := range fns {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				switch instr := instr.(type) {
				case *ssa.MapUpdate:
					m.collections = append(m.collections, instr.Map.Type())
				case *ssa.Call:
					if isBuiltin(instr, "append") {
						m.collections = append(m.collections, instr.Type())
					}
				}
			}
		}
	}
}

// collected reports whether the package puts values into collections of
// type t.
func (m *Model) collected(t types.Type) bool {
	return slices.ContainsFunc(m.collections, func(u types.Type) bool { return types.Identical(u.Underlying(), t.Underlying()) })
}

// priceMemberLoops prices Never the exit of every loop of fn over a
// collection of owners of c's objects that the package fills, when one of
// rel (the places that release c's objects) runs on every way around it.
func (m *Model) priceMemberLoops(fn *ssa.Function, c *Class, rel []ssa.Instruction, costs *Costs) {
	for _, h := range fn.Blocks {
		coll, ok := rangedCollection(h)
		if !ok || !m.collected(coll) || !ownsClass(elemOf(coll), c) {
			continue
		}
		if slices.ContainsFunc(rel, func(r ssa.Instruction) bool { return eachIteration(h, r.Block()) }) {
			costs.AddEdge(Edge{h, h.Succs[1]}, Never)
		}
	}
}

// rangedCollection returns the type of the map, or the slice, that a range
// loop whose test ends block h ranges over (see rangedValue).
func rangedCollection(h *ssa.BasicBlock) (types.Type, bool) {
	if v := rangedValue(h); v != nil {
		return v.Type(), true
	}
	return nil, false
}

// rangedValue returns the map, or the slice, that a range loop whose test
// ends block h ranges over, or nil: h's true branch runs the body, its
// false branch leaves the loop.
func rangedValue(h *ssa.BasicBlock) ssa.Value {
	ifInstr, ok := h.Instrs[len(h.Instrs)-1].(*ssa.If)
	if !ok {
		return nil
	}
	switch cond := ifInstr.Cond.(type) {
	case *ssa.Extract: // ok of the k, v, ok := next(range m)
		if next, ok := cond.Tuple.(*ssa.Next); ok && cond.Index == 0 && !next.IsString {
			if r, ok := next.Iter.(*ssa.Range); ok {
				return r.X
			}
		}
	case *ssa.BinOp: // i < len(s), for range s
		if call, ok := cond.Y.(*ssa.Call); ok && cond.Op == token.LSS && strings.HasPrefix(h.Comment, "rangeindex") {
			if isBuiltin(call, "len") {
				if _, ok := call.Call.Args[0].Type().Underlying().(*types.Slice); ok {
					return call.Call.Args[0]
				}
			}
		}
	}
	return nil
}

// elemOf returns the element type of a map or slice type.
func elemOf(t types.Type) types.Type {
	switch t := t.Underlying().(type) {
	case *types.Map:
		return t.Elem()
	case *types.Slice:
		return t.Elem()
	}
	return nil
}

// ownsClass reports whether values of type t (or what t points to) keep
// objects of class c in a field of their own.
func ownsClass(t types.Type, c *Class) bool {
	if t == nil {
		return false
	}
	st, ok := deref(t).Underlying().(*types.Struct)
	if !ok {
		return false
	}
	for f := range st.Fields() {
		if slices.Contains(c.Fields, f.Origin()) {
			return true
		}
	}
	return false
}

// eachIteration reports whether block b runs on every iteration of the
// loop whose header is h: it is in the loop, and every way back to h
// passes it.
func eachIteration(h, b *ssa.BasicBlock) bool {
	if b == h || !h.Dominates(b) {
		return false
	}
	back := false
	for _, p := range h.Preds {
		if h.Dominates(p) { // a way back around the loop
			if !b.Dominates(p) {
				return false
			}
			back = true
		}
	}
	return back
}
