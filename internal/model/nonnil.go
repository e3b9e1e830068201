package model

import (
	"go/constant"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// findDeadEdges fills m.deadEdges: for each function, the edges of its
// tests whose outcome is known, which no run takes: the false way of a
// constant true condition (for ; true; <-tick { … }) and the true way of
// a false one, the nil way of a test against nil of a value that is
// never nil (see neverNil), and the ways no constant a tested value can
// be is left for (see constDeadEdges). PriceGiveUps and stopCosts price
// them.
func (m *Model) findDeadEdges(fns []*ssa.Function) {
	m.deadEdges = make(map[*ssa.Function][]Edge)
	m.nonNilElems = make(map[*types.Var]bool)
	m.admits = make(map[*ssa.Function]admission)
	for _, fn := range fns {
		m.deadEdges[fn] = append(m.deadEdges[fn], m.constDeadEdges(fn)...)
		for _, b := range fn.Blocks {
			br, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
			if !ok {
				continue
			}
			if k, ok := br.Cond.(*ssa.Const); ok && k.Value != nil && k.Value.Kind() == constant.Bool {
				dead := b.Succs[1]
				if !constant.BoolVal(k.Value) {
					dead = b.Succs[0]
				}
				m.deadEdges[fn] = append(m.deadEdges[fn], Edge{b, dead})
				continue
			}
			cmp, ok := br.Cond.(*ssa.BinOp)
			if !ok || cmp.Op != token.EQL && cmp.Op != token.NEQ {
				continue
			}
			v := cmp.X
			if IsNil(v) {
				v = cmp.Y
			} else if !IsNil(cmp.Y) {
				continue
			}
			isNil, notNil := b.Succs[0], b.Succs[1]
			if cmp.Op == token.NEQ {
				isNil, notNil = notNil, isNil
			}
			switch {
			case m.neverNil(v):
				m.deadEdges[fn] = append(m.deadEdges[fn], Edge{b, isNil})
			case m.alwaysNil(v, make(map[*ssa.Function]bool)):
				m.deadEdges[fn] = append(m.deadEdges[fn], Edge{b, notNil})
			}
		}
	}
}

// neverNil reports whether v can never be nil: a function or closure,
// something just made (&T{}, make, a non-nil interface), or an element of
// a slice field whose elements are never nil (see elemsNeverNil), also
// when kept in a local variable that only such values are stored into.
// A test of such a value against nil has one way only: the defensive
// `if step == nil { return err }` in a loop over steps that the package
// only ever fills with closures cannot take its early return.
func (m *Model) neverNil(v ssa.Value) bool {
	return m.neverNilSeen(v, make(map[ssa.Value]bool))
}

func (m *Model) neverNilSeen(v ssa.Value, seen map[ssa.Value]bool) bool {
	if seen[v] {
		return true // a cycle of φ-nodes adds no value of its own
	}
	seen[v] = true
	switch v := v.(type) {
	case *ssa.Function, *ssa.MakeClosure, *ssa.Alloc, *ssa.MakeChan, *ssa.MakeMap, *ssa.MakeInterface:
		return true
	case *ssa.ChangeType:
		return m.neverNilSeen(v.X, seen)
	case *ssa.Phi:
		for _, e := range v.Edges {
			if !m.neverNilSeen(e, seen) {
				return false
			}
		}
		return true
	case *ssa.UnOp:
		if v.Op != token.MUL {
			return false
		}
		switch addr := v.X.(type) {
		case *ssa.Alloc:
			return m.cellNeverNil(addr, seen)
		case *ssa.IndexAddr:
			if f := loadedField(addr.X); f != nil {
				return m.elemsNeverNil(f)
			}
		}
	}
	return false
}

// deadEdge reports whether no run takes the edge from b to s (see
// findDeadEdges).
func (m *Model) deadEdge(b, s *ssa.BasicBlock) bool {
	return slices.Contains(m.deadEdges[b.Parent()], Edge{b, s})
}

// alwaysNil reports whether v is a result that its function gives as nil
// on every return: the error of a function of the package that cannot
// fail (func (gauge) Update(v float64) error { …; return nil }), so the
// caller's `if err != nil { return err }` is never taken. A deferred
// function can change a named result only where the return loads it, and
// then it is not a constant nil.
func (m *Model) alwaysNil(v ssa.Value, seen map[*ssa.Function]bool) bool {
	i := 0
	if x, ok := v.(*ssa.Extract); ok {
		v, i = x.Tuple, x.Index
	}
	call, ok := v.(*ssa.Call)
	if !ok {
		return false
	}
	fn := bodyOf(call.Call.StaticCallee())
	if fn == nil || seen[fn] || fn.Synthetic != "" {
		return false
	}
	seen[fn] = true
	returns := false
	for _, b := range fn.Blocks {
		ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		if !ok {
			continue
		}
		if i >= len(ret.Results) || !IsNil(ret.Results[i]) && !m.alwaysNil(ret.Results[i], seen) {
			return false
		}
		returns = true
	}
	return returns
}

// cellNeverNil reports whether only never-nil values are stored into the
// local variable cell, all by its own function (see cellStoreInstrs):
// closures that capture it only read it.
func (m *Model) cellNeverNil(cell *ssa.Alloc, seen map[ssa.Value]bool) bool {
	stores, whole := cellStoreInstrs(cell)
	if !whole {
		return false
	}
	for _, st := range stores {
		if st.Parent() != cell.Parent() || !m.neverNilSeen(st.Val, seen) {
			return false
		}
	}
	return true
}

// elemsNeverNil reports whether no element of slice field f is ever nil:
// the package knows every value stored into f (see fieldStores), each is
// nil, a load of f, or an append to one of values never nil, and no
// element of it is ever stored to but with such a value.
func (m *Model) elemsNeverNil(f *types.Var) bool {
	f = f.Origin()
	if ok, done := m.nonNilElems[f]; done {
		return ok
	}
	m.nonNilElems[f] = false // while deciding: a cycle proves nothing
	ok := m.decideElemsNeverNil(f)
	m.nonNilElems[f] = ok
	return ok
}

func (m *Model) decideElemsNeverNil(f *types.Var) bool {
	if _, ok := f.Type().Underlying().(*types.Slice); !ok {
		return false
	}
	vals, known := m.FieldStores(f)
	if !known {
		return false
	}
	for _, v := range vals {
		if !m.sliceOfNonNil(v, f) {
			return false
		}
	}
	for _, r := range m.FieldReads(f) {
		for _, ref := range Refs(r) {
			switch ref := ref.(type) {
			case *ssa.IndexAddr:
				for _, use := range Refs(ref) {
					switch use := use.(type) {
					case *ssa.UnOp:
						if use.Op != token.MUL {
							return false
						}
					case *ssa.Store:
						if use.Addr != ref || !m.neverNil(use.Val) {
							return false
						}
					case *ssa.DebugRef:
					default:
						return false
					}
				}
			case *ssa.Index, *ssa.DebugRef:
			case *ssa.Call:
				// len(s), and append(s, …), which writes only past its
				// length.
				b, ok := ref.Call.Value.(*ssa.Builtin)
				if !ok || b.Name() != "len" && b.Name() != "cap" && (b.Name() != "append" || ref.Call.Args[0] != r) {
					return false
				}
			default:
				return false
			}
		}
	}
	return true
}

// sliceOfNonNil reports whether v, stored into slice field f, holds no nil
// element: nil, a load of f, or append(s, xs...) of two such slices, where
// a literal's elements are never nil.
func (m *Model) sliceOfNonNil(v ssa.Value, f *types.Var) bool {
	switch v := v.(type) {
	case *ssa.Const:
		return v.IsNil()
	case *ssa.UnOp, *ssa.Field:
		return loadedField(v) == f
	case *ssa.Call:
		b, ok := v.Call.Value.(*ssa.Builtin)
		if !ok || b.Name() != "append" {
			return false
		}
		for _, a := range v.Call.Args {
			if !m.sliceOfNonNil(a, f) && !m.literalOfNonNil(a) {
				return false
			}
		}
		return true
	}
	return false
}

// literalOfNonNil reports whether slice v is a slice of an array made for
// it ([]T{a, b}, or append's variadic arguments) whose every element is
// stored a value never nil.
func (m *Model) literalOfNonNil(v ssa.Value) bool {
	s, ok := v.(*ssa.Slice)
	if !ok {
		return false
	}
	arr, ok := s.X.(*ssa.Alloc)
	if !ok {
		return false
	}
	at, ok := deref(arr.Type()).Underlying().(*types.Array)
	if !ok {
		return false
	}
	n := at.Len()
	stored := make(map[int64]bool)
	for _, ref := range Refs(arr) {
		switch ref := ref.(type) {
		case *ssa.IndexAddr:
			k, ok := ref.Index.(*ssa.Const)
			if !ok {
				return false
			}
			for _, use := range Refs(ref) {
				st, ok := use.(*ssa.Store)
				if !ok || st.Addr != ref || !m.neverNil(st.Val) {
					return false
				}
				stored[k.Int64()] = true
			}
		case *ssa.Slice, *ssa.DebugRef:
		default:
			return false
		}
	}
	return int64(len(stored)) == n
}
