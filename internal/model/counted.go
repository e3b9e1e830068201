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
	var cs map[*Class]bool // c's alternatives, found at the first zero test
	for _, b := range f.Blocks {
		if len(b.Instrs) == 0 {
			continue
		}
		x, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
		if !ok {
			continue
		}
		v, zero, ok := zeroTest(x.Cond)
		if !ok {
			continue
		}
		if cs == nil {
			cs = m.alternatives(f, c)
		}
		if !m.countsSends(v, cs) {
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

// alternatives returns c and the classes f receives from in the selects
// where it receives from c: a goroutine that sends its result on one and
// its failure on another answers once, on either.
func (m *Model) alternatives(f *ssa.Function, c *Class) map[*Class]bool {
	cs := map[*Class]bool{c: true}
	ops := m.OpsIn(f)
	for _, o := range ops {
		if o.Class != c || o.Op != Recv || o.Select == nil {
			continue
		}
		for _, p := range ops {
			if p.Select == o.Select && p.Op == Recv {
				cs[p.Class] = true
			}
		}
	}
	return cs
}

// countsSends reports whether v counts goroutines sending on classes cs
// that have not been received from: it starts at zero, goes up by one only
// in a block that starts such a goroutine or receives a check-in for one
// of cs (registered.go), and down by one only in a block that receives
// from one of cs.
func (m *Model) countsSends(v ssa.Value, cs map[*Class]bool) bool {
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
				checksIn := false
				for c := range cs {
					checksIn = checksIn || m.checksIn(x.Block(), c)
				}
				if !m.startsSender(x.Block(), cs) && !checksIn {
					return false
				}
				ups++
			case token.SUB:
				if !m.reachedThrough(x.Block(), func(o *Operation) bool { return cs[o.Class] && o.Op == Recv }) {
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
// one of classes cs once, on every way through it: one send, or sends on
// ways that exclude each other (a failure on one channel, a result on
// another).
func (m *Model) startsSender(b *ssa.BasicBlock, cs map[*Class]bool) bool {
	for _, instr := range b.Instrs {
		g, ok := instr.(*ssa.Go)
		if !ok {
			continue
		}
		s := m.SpawnOf(g)
		if s == nil || s.Body == nil {
			continue
		}
		match := func(o *Operation) bool { return cs[o.Class] && o.Op == Send }
		if n, every := m.makesOnEveryWay(s.Body, match); every && (n == 1 || m.exclusive(s.Body, match, n)) {
			return true
		}
	}
	return false
}

// exclusive reports whether the n operations of fn that match are all in
// fn itself, and no way through fn makes two of them.
func (m *Model) exclusive(fn *ssa.Function, match func(*Operation) bool, n int) bool {
	var ops []ssa.Instruction
	for _, o := range m.OpsIn(fn) {
		if match(o) && o.Fn() == fn {
			ops = append(ops, o.Instr)
		}
	}
	if len(ops) != n {
		return false
	}
	for i, x := range ops {
		for _, y := range ops[i+1:] {
			if !Apart(x, y) {
				return false
			}
		}
	}
	return true
}
