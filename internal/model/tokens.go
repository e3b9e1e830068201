package model

import (
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// tokenPaired reports whether receive b takes back a token its own side
// put in first, as a buffered channel used as a counting semaphore does:
//
//	for _, x := range xs {
//		sem <- struct{}{}
//		go func() { defer func() { <-sem }(); work(x) }()
//	}
//
// Every receive of b's channel must be paired so: made at most once by a
// goroutine whose every start, each time round, comes after a send on the
// channel by its spawner, or made inline after such a send. Then each
// receive finds the token sent for it in the buffer, or one sent for
// another that took its own. Paths on which the channel is nil (a limit
// that is off: `if sem != nil`) need no send.
func (m *Model) tokenPaired(b *Operation) bool {
	c := b.Class
	if b.Op != Recv || c.Kind != Chan || c.Unbuffered() || len(c.Creations) == 0 {
		return false
	}
	var sends []*Operation
	for _, o := range c.Ops {
		if o.Op == Send && o.Callee == nil {
			sends = append(sends, o)
		}
	}
	if len(sends) == 0 {
		return false
	}
	for _, o := range c.Ops {
		switch {
		case o.Op == Send:
		case o.Op != Recv || o.Callee != nil:
			return false // a range or a close: not a semaphore
		case !m.pairedRecv(o, sends):
			return false
		}
	}
	return true
}

// pairedRecv reports whether receive o is made once after a send of sends
// on its own side: inline after one, or by a goroutine started after one.
func (m *Model) pairedRecv(o *Operation, sends []*Operation) bool {
	fn := o.Fn()
	if m.InLoop(o.Instr) {
		return after(o.Instr, sends) // a receive in the loop of the send
	}
	// The goroutine that runs o: its body, or a closure of its body that
	// the body calls or defers once.
	body, at := fn, o.Instr
	if lit := fn.Parent(); lit != nil {
		if sites := closureSites(fn); len(sites) == 1 && !m.InLoop(sites[0]) {
			switch sites[0].(type) {
			case *ssa.Call, *ssa.Defer:
				body, at = lit, sites[0]
			}
		}
	}
	starts := 0
	for _, s := range m.Spawns {
		if s.Body == body && s.Go != nil {
			if !after(s.Go, sends) {
				return false
			}
			starts++
		}
	}
	if starts > 0 {
		return !m.valued[body] && !m.Entry(body) && len(m.Up(body)) == 1 // run only by its go statements
	}
	return after(at, sends) // made inline, or by a closure called or deferred there
}

// after reports whether every way to instr, from its function's entry and
// from instr itself round a loop, passes one of sends made in the same
// function, or finds their channel nil.
func after(instr ssa.Instruction, sends []*Operation) bool {
	fn := instr.Parent()
	passes := make(map[*ssa.BasicBlock]bool) // blocks entered only after a send
	var passEdges []Edge
	chans := make(map[ssa.Value]bool)
	for _, o := range sends {
		if o.Fn() != fn {
			continue
		}
		switch x := o.Instr.(type) {
		case *ssa.Send:
			chans[chanKey(x.Chan)] = true
			if x.Block() == instr.Block() {
				if indexOf(x.Block(), x) < indexOf(instr.Block(), instr) {
					return true
				}
				continue
			}
			passes[x.Block()] = true
		case *ssa.Select:
			chans[chanKey(x.States[o.Case].Chan)] = true
			e, ok := CaseEdge(x, o.Case)
			if !ok {
				continue
			}
			passEdges = append(passEdges, e)
		}
	}
	if len(passes) == 0 && len(passEdges) == 0 {
		return false
	}
	target := instr.Block()
	seen := make(map[*ssa.BasicBlock]bool)
	var stack []*ssa.BasicBlock
	push := func(from, to *ssa.BasicBlock) {
		if passes[to] || seen[to] || from != nil && blocked(from, to, passEdges, chans) {
			return
		}
		seen[to] = true
		stack = append(stack, to)
	}
	push(nil, fn.Blocks[0])
	for _, s := range target.Succs {
		push(target, s)
	}
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if b == target {
			return false
		}
		for _, s := range b.Succs {
			push(b, s)
		}
	}
	return true
}

// blocked reports whether the edge from a to b passes a send (a select
// case that sends) or is taken only when the channel is nil.
func blocked(a, b *ssa.BasicBlock, passEdges []Edge, chans map[ssa.Value]bool) bool {
	for _, e := range passEdges {
		if e.From == a && e.To == b {
			return true
		}
	}
	ifInstr, ok := a.Instrs[len(a.Instrs)-1].(*ssa.If)
	if !ok {
		return false
	}
	x, eql, ok := nilTest(ifInstr.Cond)
	if !ok || !chans[chanKey(x)] {
		return false
	}
	return nilBranch(a, eql) == b
}

// chanKey identifies a channel value for nil tests: the value, or for a
// load of a variable (one that closures capture), the variable.
func chanKey(v ssa.Value) ssa.Value {
	if load, ok := v.(*ssa.UnOp); ok && load.Op == token.MUL {
		switch load.X.(type) {
		case *ssa.Alloc, *ssa.FreeVar:
			return load.X
		}
	}
	return v
}
