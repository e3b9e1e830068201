package model

import (
	"golang.org/x/tools/go/ssa"
)

// A chanHandoff is a channel the package hands to code it cannot see, as
// the argument of a call, where that code could close it.
type chanHandoff struct {
	n  *node
	at ssa.Instruction // the call
}

// escapeArg records that code outside the package gets v as an argument
// of the call at, like escapeAll. That code may close a channel it can
// send on, unless the package closes it itself after the call (see
// closedAfter): that is left for finish to decide, once the classes and
// their closes are known.
func (b *classBuilder) escapeArg(v ssa.Value, at ssa.Instruction) {
	n := b.ref(v)
	if n == nil || b.kinds[n] != Chan || !dirOps(v.Type()).Has(Close) {
		b.escapeAll(v, at)
		return
	}
	b.escape(v, dirOps(v.Type())&^opSet(Close), at)
	b.handed = append(b.handed, chanHandoff{n, at})
}

// closeHandoffs adds Close to what outside code can do to a class it was
// handed, unless the package closes the channel after every handoff.
func (b *classBuilder) closeHandoffs(class func(*node) *Class) {
	for _, h := range b.handed {
		c := class(h.n)
		if c.Outside.Has(Close) {
			continue
		}
		var closes []ssa.Instruction
		for _, o := range c.Ops {
			if o.Op == Close {
				closes = append(closes, o.Instr)
			}
		}
		if !b.closedAfter(h.at, closes, 2) {
			c.Outside |= opSet(Close)
			c.Direct |= opSet(Close)
		}
	}
}

// closedAfter reports whether the package closes the channel after the
// call at on every way that returns from at's function: it passes one of
// closes, or the function returns to callers that each do so after their
// call, up to depth levels up. Code the call hands the channel to cannot
// close it then, or the package's own close would panic (Go's convention:
// the one who sends closes, once). A function that does not return after
// at (a loop that ends the goroutine only by blocking) proves nothing.
func (b *classBuilder) closedAfter(at ssa.Instruction, closes []ssa.Instruction, depth int) bool {
	fn := at.Parent()
	var costs Costs
	for _, c := range closes {
		if c.Parent() != fn {
			continue
		}
		if _, ok := c.(*ssa.Defer); ok && Dominates(c, at) {
			return true // deferred before the call: it runs at every return
		}
		costs.AddInstr(c, Never)
	}
	if CheapestReturn(at, &Costs{}) == nil {
		return false
	}
	if CheapestReturn(at, &costs) == nil {
		return true
	}
	if depth == 0 || fn.Parent() != nil || b.external[fn] {
		return false
	}
	sites := b.callSites()[fn]
	if len(sites) == 0 {
		return false
	}
	for _, s := range sites {
		if _, ok := s.(*ssa.Call); !ok || !b.closedAfter(s, closes, depth-1) {
			return false
		}
	}
	return true
}

// callSites returns, for each function of the package, the instructions
// that call it statically.
func (b *classBuilder) callSites() map[*ssa.Function][]ssa.Instruction {
	if b.sites == nil {
		b.sites = make(map[*ssa.Function][]ssa.Instruction)
		for _, fn := range b.fns {
			for _, blk := range fn.Blocks {
				for _, instr := range blk.Instrs {
					if call, ok := instr.(ssa.CallInstruction); ok {
						if g := call.Common().StaticCallee(); g != nil {
							b.sites[g] = append(b.sites[g], instr)
						}
					}
				}
			}
		}
	}
	return b.sites
}
