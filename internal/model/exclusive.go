package model

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// exclusiveFields reports whether no object holds a channel in both
// fields a and b: the package stores channels into them only in one
// function, into one object it allocates there, on ways that exclude
// each other (if prio { m.signal = make(…) } else { m.fifo = make(…) }).
// A constructor that makes one of two modes' channels leaves the other
// nil for the object's life.
func (m *Model) exclusiveFields(a, b *types.Var) bool {
	if a == b || m.stores.open[a] || m.stores.open[b] {
		return false
	}
	var base ssa.Value
	made := func(f *types.Var) []*ssa.Store {
		var out []*ssa.Store
		for _, st := range m.stores.stores[f] {
			if c, ok := st.Val.(*ssa.Const); ok && c.IsNil() {
				continue
			}
			fa := st.Addr.(*ssa.FieldAddr)
			if _, ok := fa.X.(*ssa.Alloc); !ok || base != nil && fa.X != base {
				return nil
			}
			base = fa.X
			out = append(out, st)
		}
		return out
	}
	as, bs := made(a), made(b)
	if len(as) == 0 || len(bs) == 0 {
		return false
	}
	for _, x := range as {
		for _, y := range bs {
			if x.Block() == y.Block() || reaches(x.Block(), y.Block()) || reaches(y.Block(), x.Block()) {
				return false
			}
		}
	}
	return true
}

// priceExclusiveFields prices Never, in fn, the receives from a channel
// kept in a field that excludes the field of b's channel (see
// exclusiveFields), loaded from the same object as a partner of b there:
// that object holds b's channel, so the other field is nil, and a
// receive from it never proceeds (a goroutine serving both modes, whose
// select has a case for each).
func (m *Model) priceExclusiveFields(fn *ssa.Function, partners []*Operation, costs *Costs) {
	type held struct {
		base  ssa.Value
		field *types.Var
	}
	var mine []held
	for _, p := range partners {
		if p.Fn() != fn {
			continue
		}
		if x, f := loadOfField(opChan(p)); f != nil {
			mine = append(mine, held{x, f})
		}
	}
	if len(mine) == 0 {
		return
	}
	for _, o := range m.OpsIn(fn) {
		if o.Op != Recv {
			continue
		}
		x, f := loadOfField(opChan(o))
		if f == nil {
			continue
		}
		for _, h := range mine {
			if h.base == x && m.exclusiveFields(f, h.field) {
				priceOp(costs, o)
				break
			}
		}
	}
}

// loadOfField returns, for v = *&x.f, x and f; for x a load of a
// captured variable, x is that variable.
func loadOfField(v ssa.Value) (ssa.Value, *types.Var) {
	load, ok := v.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return nil, nil
	}
	fa, ok := load.X.(*ssa.FieldAddr)
	if !ok {
		return nil, nil
	}
	f := FieldOf(fa)
	if f == nil {
		return nil, nil
	}
	x := fa.X
	if l, ok := x.(*ssa.UnOp); ok && l.Op == token.MUL {
		switch l.X.(type) {
		case *ssa.FreeVar, *ssa.Alloc:
			x = l.X // a captured variable, loaded afresh at each use
		}
	}
	return x, f
}
