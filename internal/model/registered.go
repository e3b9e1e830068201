package model

import (
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// Checked-in partners: a goroutine that counts the partners that check in
// on one channel and out on another, and on shutdown waits for as many
// check-outs as are outstanding.
//
//	n := 0
//	for {
//		select {
//		case <-in:
//			n++
//		case <-out:
//			n--
//		case <-quit:
//			for ; n > 0; n-- {
//				<-out
//			}
//			return
//		}
//	}
//
// When every send on out comes, on its goroutine, after a send on in that
// only this function receives (a worker checks in, then defers its check
// out), n counts the partners that owe a check-out. A partner about to
// check out is counted, so the branch taken when n is zero is not taken
// while it waits; and a receive made only while n is not zero waits only
// for partners that checked in, whatever those that did not do.

// checksIn reports whether block b is reached only through a receive from
// a class that is a check-in for class c (see checkInFor): b or one of the
// blocks leading to it alone receives it, or b is entered by such a
// select case.
func (m *Model) checksIn(b *ssa.BasicBlock, c *Class) bool {
	return m.reachedThrough(b, func(o *Operation) bool {
		return o.Op == Recv && o.Class != c && m.checkInFor(o.Class, c, b.Parent())
	})
}

// reachedThrough reports whether block b is reached only through an
// operation that matches: in b, or in the blocks before it that lead
// only to it, or on the select case edge that enters one of them.
func (m *Model) reachedThrough(b *ssa.BasicBlock, match func(*Operation) bool) bool {
	seen := make(map[*ssa.BasicBlock]bool)
	for !seen[b] {
		seen[b] = true
		for _, instr := range b.Instrs {
			for _, o := range m.OpAt(instr) {
				if o.Select == nil && match(o) {
					return true
				}
			}
		}
		if len(b.Preds) != 1 {
			return false
		}
		pred := b.Preds[0]
		if sel, i := caseOf(pred, b); sel != nil {
			for _, o := range m.OpAt(sel) {
				if o.Case == i && match(o) {
					return true
				}
			}
		}
		b = pred
	}
	return false
}

// checkInFor reports whether class a is a check-in for class c, counted
// in fn: fn alone receives from a, and every send on c follows a send on
// a on every way to it, once: the send is in a function that makes it on
// every way and only there, called once by each caller after it checked
// in.
func (m *Model) checkInFor(a, c *Class, fn *ssa.Function) bool {
	if a.Kind != Chan || a.Outside.Has(Recv) || c.Outside.Has(Send) {
		return false
	}
	for _, o := range a.Ops {
		if (o.Op == Recv || o.Op == Range) && o.Fn() != fn {
			return false
		}
	}
	sends := 0
	for _, o := range c.Ops {
		if o.Op != Send {
			continue
		}
		sends++
		if m.sentAfter(o.Instr, a) {
			continue
		}
		// A helper that checks out, called after checking in.
		f := o.Fn()
		if n, every := m.makesOnEveryWay(f, func(x *Operation) bool { return x.Class == c && x.Op == Send }); n != 1 || !every || m.Entry(f) {
			return false
		}
		callers := m.threads.callers[f]
		if len(callers) == 0 {
			return false
		}
		for _, g := range callers {
			for _, site := range m.threads.sites[g][f] {
				if m.InLoop(site) || !m.sentAfter(site, a) {
					return false
				}
			}
		}
	}
	return sends > 0
}

// sentAfter reports whether instr runs only after a send on class a that
// went through, on its goroutine (see checkedIn).
func (m *Model) sentAfter(instr ssa.Instruction, a *Class) bool {
	for b := instr.Block(); b != nil; b = b.Idom() {
		if m.checkedIn(b, a) {
			return true
		}
	}
	return false
}

// checkedIn reports whether block b is entered only once a send on class
// a went through: a send or select case sending on a leads only to it
// (see reachedThrough), or b is the true branch of a call that reports
// true only when it has sent (checkIn() bool).
func (m *Model) checkedIn(b *ssa.BasicBlock, a *Class) bool {
	sent := func(o *Operation) bool { return o.Class == a && o.Op == Send }
	if m.reachedThrough(b, sent) {
		return true
	}
	if len(b.Preds) != 1 {
		return false
	}
	x, ok := b.Preds[0].Instrs[len(b.Preds[0].Instrs)-1].(*ssa.If)
	if !ok {
		return false
	}
	cond, when := x.Cond, b == b.Preds[0].Succs[0]
	if not, ok := cond.(*ssa.UnOp); ok && not.Op == token.NOT {
		cond, when = not.X, !when
	}
	call, ok := cond.(*ssa.Call)
	return ok && when && m.reportsSent(call.Call.StaticCallee(), sent)
}

// checkedInReturn returns the cheapest way by which goroutine s returns
// after checking in for the class of b, a receive made only while a count
// of checked-in partners is not zero (see countedGuard), or nil. Only
// partners that checked in owe b a message.
func (m *Model) checkedInReturn(s *Spawn, b *Operation, costs *Costs) (p *Path, ok bool) {
	if !m.countedGuard(b) {
		return nil, false
	}
	for _, a := range m.Classes() {
		if a.Kind != Chan || a == b.Class || !m.checkInFor(a, b.Class, b.Fn()) {
			continue
		}
		ok = true
		for _, blk := range s.Body.Blocks {
			if m.checkedIn(blk, a) {
				if p := cheapestReturn(blk, 0, costs); p != nil {
					return p, true
				}
			}
		}
	}
	return nil, ok
}

// reportsSent reports whether fn, which returns a bool, returns true only
// after a matching send went through, and returns a constant everywhere.
func (m *Model) reportsSent(fn *ssa.Function, sent func(*Operation) bool) bool {
	fn = bodyOf(fn)
	if fn == nil || fn.Pkg != m.pkg || fn.Signature.Results().Len() != 1 {
		return false
	}
	trues := 0
	for _, b := range fn.Blocks {
		ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		if !ok {
			continue
		}
		v, ok := boolConst(ret.Results[0])
		if !ok {
			return false
		}
		if !v {
			continue
		}
		trues++
		if !m.reachedThrough(b, sent) {
			return false
		}
	}
	return trues > 0
}

// countedGuard reports whether operation b, a receive, is made only while
// a count of partners checked in for its class is not zero: its block is
// entered through the branch a zero test of such a count takes when it is
// not zero.
func (m *Model) countedGuard(b *Operation) bool {
	if b.Op != Recv || b.Select != nil {
		return false
	}
	for cond, holds := range knownAt(b.Instr.Block()) {
		if v, zero, ok := zeroTest(cond); ok && holds != zero && m.countsSends(v, map[*Class]bool{b.Class: true}) {
			return true
		}
	}
	return false
}
