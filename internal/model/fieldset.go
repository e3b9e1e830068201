package model

import (
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// Fields set before a goroutine starts: a goroutine that tests a field of
// its spawner's value for nil (if p.proc != nil { p.exit <- p.proc.Wait() })
// finds it set when the spawner used it before the go statement
// (p.proc.Start()), as long as nothing sets it to nil before the message
// it guards is taken: the only nil stores come after a receive of that
// message (case err := <-p.exit: p.proc = nil).

// priceSetFields prices as never taken the nil branches of such tests in
// goroutine s, for the message of b's class.
func (m *Model) priceSetFields(s *Spawn, b *Operation, costs *Costs) {
	if s.Body == nil || s.Parent == nil {
		return
	}
	for _, blk := range s.Body.Blocks {
		x, ok := blk.Instrs[len(blk.Instrs)-1].(*ssa.If)
		if !ok {
			continue
		}
		v, eql, ok := nilTest(x.Cond)
		if !ok {
			continue
		}
		fa := loadedAddr(v)
		if fa == nil || !m.usedBefore(s, fa) || !m.nilledOnlyAfter(fa, b.Class) {
			continue
		}
		costs.AddEdge(Edge{blk, nilBranch(blk, eql)}, Never)
	}
}

// loadedAddr returns the field address v is loaded from, or nil.
func loadedAddr(v ssa.Value) *ssa.FieldAddr {
	load, ok := v.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return nil
	}
	fa, _ := load.X.(*ssa.FieldAddr)
	return fa
}

// usedBefore reports whether the spawner of s, before its go statement on
// every way, uses the value of field fa of the same base as a method's
// receiver or dereferences it: it is not nil when s starts.
func (m *Model) usedBefore(s *Spawn, fa *ssa.FieldAddr) bool {
	base := m.Outer(fa.X)
	for _, blk := range s.Parent.Blocks {
		for _, instr := range blk.Instrs {
			if !Dominates(instr, s.Start) {
				continue
			}
			var used ssa.Value
			switch x := instr.(type) {
			case ssa.CallInstruction:
				if c := x.Common(); !c.IsInvoke() && c.Signature().Recv() != nil && len(c.Args) > 0 {
					used = c.Args[0]
				}
			case *ssa.FieldAddr:
				used = x.X
			}
			if used == nil {
				continue
			}
			if f := loadedAddr(used); f != nil && FieldOf(f) == FieldOf(fa) && m.Outer(f.X) == base {
				return true
			}
		}
	}
	return false
}

// nilledOnlyAfter reports whether every store of nil to field fa's field
// in the package comes only after a receive from class c.
func (m *Model) nilledOnlyAfter(fa *ssa.FieldAddr, c *Class) bool {
	f := FieldOf(fa)
	if f == nil {
		return false
	}
	received := func(o *Operation) bool { return o.Class == c && o.Op == Recv }
	for _, st := range m.stores.stores[f] {
		if IsNil(st.Val) && !m.reachedThrough(st.Block(), received) {
			return false
		}
	}
	return true
}
