package model

import (
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// An Access names what a value reads, independently of which function or
// closure reads it: a root (a local variable, a parameter, a call result)
// and the struct fields selected from it, so that resp.Body read by a
// function and by a goroutine it starts are the same Access.
type Access struct {
	Root   ssa.Value
	Fields []*types.Var
}

// Same reports whether a and b name the same thing.
func (a Access) Same(b Access) bool {
	return a.Root == b.Root && slices.Equal(a.Fields, b.Fields)
}

// Within reports whether a is b or a field of b.
func (a Access) Within(b Access) bool {
	return a.Root == b.Root && len(a.Fields) >= len(b.Fields) && slices.Equal(a.Fields[:len(b.Fields)], b.Fields)
}

// AccessOf returns the Access that v reads: a load from a local variable
// (also through the free variables of closures) is the variable, a field
// address or field load is the field of its base, and an interface
// conversion is what it converts.
func (m *Model) AccessOf(v ssa.Value) Access {
	var fields []*types.Var
	for {
		switch x := v.(type) {
		case *ssa.FreeVar:
			if b := m.Bound(x); b != nil {
				v = b
				continue
			}
		case *ssa.UnOp:
			if x.Op == token.MUL {
				if cell, ok := x.X.(*ssa.Alloc); ok && isCell(cell) {
					v = cell
				} else {
					v = x.X
				}
				continue
			}
		case *ssa.FieldAddr:
			if st, ok := deref(x.X.Type()).Underlying().(*types.Struct); ok {
				fields = append(fields, st.Field(x.Field))
			}
			v = x.X
			continue
		case *ssa.ChangeInterface:
			v = x.X
			continue
		case *ssa.MakeInterface:
			v = x.X
			continue
		}
		slices.Reverse(fields)
		return Access{Root: v, Fields: fields}
	}
}

// Bound returns the value bound to a free variable where its closure is
// made, or nil.
func (m *Model) Bound(fv *ssa.FreeVar) ssa.Value {
	mc := m.closures[fv.Parent()]
	if mc == nil {
		return nil
	}
	i := slices.Index(fv.Parent().FreeVars, fv)
	return mc.Bindings[i]
}
