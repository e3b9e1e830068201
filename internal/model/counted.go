package model

import (
	"go/constant"
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// Counted goroutines: a function that counts the goroutines it starts
// and the results it has received, and returns only when the count is
// back to zero, has received every result.
//
//	running := 0
//	for {
//		for running < max && more() {
//			running++
//			go func() { results <- work() }()
//		}
//		if running == 0 {
//			return
//		}
//		<-results
//		running--
//	}
//
// On a way from a go statement that has not received since, the count is
// at least one, so the branch taken when it is zero is not on that way.

// priceCounted prices as never taken the branches of f taken when such a
// count of goroutines sending on class c is zero.
func (m *Model) priceCounted(f *ssa.Function, c *Class, costs *Costs) {
	for _, b := range f.Blocks {
		if len(b.Instrs) == 0 {
			continue
		}
		x, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
		if !ok {
			continue
		}
		v, zero, ok := zeroTest(x.Cond)
		if !ok || !m.countsSends(v, c) {
			continue
		}
		to := b.Succs[1]
		if zero {
			to = b.Succs[0]
		}
		costs.AddEdge(Edge{From: b, To: to}, Never)
	}
}

// zeroTest returns the value cond compares with zero, and whether cond
// holds when the value is zero: n == 0, n != 0, n > 0, n <= 0, n < 1.
func zeroTest(cond ssa.Value) (ssa.Value, bool, bool) {
	cmp, ok := cond.(*ssa.BinOp)
	if !ok {
		return nil, false, false
	}
	k, ok := cmp.Y.(*ssa.Const)
	if !ok || k.Value == nil || k.Value.Kind() != constant.Int {
		return nil, false, false
	}
	n, _ := constant.Int64Val(k.Value)
	switch {
	case cmp.Op == token.EQL && n == 0, cmp.Op == token.LEQ && n == 0, cmp.Op == token.LSS && n == 1:
		return cmp.X, true, true
	case cmp.Op == token.NEQ && n == 0, cmp.Op == token.GTR && n == 0, cmp.Op == token.GEQ && n == 1:
		return cmp.X, false, true
	}
	return nil, false, false
}

// countsSends reports whether v counts goroutines sending on class c that
// have not been received from: it starts at zero, goes up by one only in
// a block that starts such a goroutine or receives a check-in for c
// (registered.go), and down by one only in a block that receives from c.
func (m *Model) countsSends(v ssa.Value, c *Class) bool {
	seen := make(map[ssa.Value]bool)
	queue := []ssa.Value{v}
	ups := 0
	for len(queue) > 0 {
		x := queue[0]
		queue = queue[1:]
		if seen[x] {
			continue
		}
		seen[x] = true
		switch x := x.(type) {
		case *ssa.Phi:
			queue = append(queue, x.Edges...)
		case *ssa.Const:
			if x.Value == nil || x.Value.Kind() != constant.Int {
				return false
			}
			if n, ok := constant.Int64Val(x.Value); !ok || n != 0 {
				return false
			}
		case *ssa.BinOp:
			one, ok := x.Y.(*ssa.Const)
			if !ok || one.Value == nil || one.Value.Kind() != constant.Int {
				return false
			}
			if n, _ := constant.Int64Val(one.Value); n != 1 {
				return false
			}
			switch x.Op {
			case token.ADD:
				if !m.startsSender(x.Block(), c) && !m.checksIn(x.Block(), c) {
					return false
				}
				ups++
			case token.SUB:
				if !m.receivesIn(x.Block(), c) {
					return false
				}
			default:
				return false
			}
			queue = append(queue, x.X)
		default:
			return false
		}
	}
	return ups > 0
}

// startsSender reports whether block b starts a goroutine that sends on
// class c once, on every way through it.
func (m *Model) startsSender(b *ssa.BasicBlock, c *Class) bool {
	for _, instr := range b.Instrs {
		g, ok := instr.(*ssa.Go)
		if !ok {
			continue
		}
		s := m.SpawnOf(g)
		if s == nil || s.Body == nil {
			continue
		}
		if n, every := m.makesOnEveryWay(s.Body, func(o *Operation) bool { return o.Class == c && o.Op == Send }); n == 1 && every {
			return true
		}
	}
	return false
}

// receivesIn reports whether block b is reached only through a receive
// from class c (see reachedThrough).
func (m *Model) receivesIn(b *ssa.BasicBlock, c *Class) bool {
	return m.reachedThrough(b, func(o *Operation) bool { return o.Class == c && o.Op == Recv })
}
