package model

import (
	"go/token"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// Claimed indexes.
//
// Workers that share a slice claim its elements one at a time from an
// atomic counter, and stop once the claim passes the end:
//
//	next := atomic.NewInt64(-1)
//	for range workers {
//		go func() {
//			for {
//				i := int(next.Inc())
//				if i >= len(xs) {
//					return
//				}
//				results <- work(xs[i])
//			}
//		}()
//	}
//
// Each claim gets a value no other claim gets, counting up from the
// counter's start, so however many workers there are, the rounds that get
// past the test number at most len(xs): a buffer of len(xs) holds every
// send.

// claimedBound returns how often any goroutine can make send b, in a loop
// with no count of its own, when each round that reaches b first claims
// an index from an atomic counter that starts at zero or -1 and leaves
// the loop unless the index is below a bound; nil otherwise. (A counter
// that outlives the channel only leaves fewer claims below the bound.)
func (m *Model) claimedBound(b *Operation, loop []*ssa.BasicBlock) ssa.Value {
	inLoop := make(map[*ssa.BasicBlock]bool)
	for _, blk := range loop {
		inLoop[blk] = true
	}
	for _, blk := range loop {
		br, ok := blk.Instrs[len(blk.Instrs)-1].(*ssa.If)
		if !ok {
			continue
		}
		idx, n, below, ok := lessThan(br.Cond)
		if !ok {
			continue
		}
		stay, leave := blk.Succs[0], blk.Succs[1]
		if !below {
			stay, leave = leave, stay
		}
		if inLoop[leave] || !stay.Dominates(b.Instr.Block()) || len(stay.Preds) != 1 {
			continue
		}
		if m.claimFrom(idx) {
			return n
		}
	}
	return nil
}

// lessThan returns, for cond comparing an index with a bound, the two and
// whether cond is true when the index is below the bound: i < n, n > i
// (true), i >= n, n <= i (false).
func lessThan(cond ssa.Value) (idx, n ssa.Value, below, ok bool) {
	cmp, isCmp := cond.(*ssa.BinOp)
	if !isCmp {
		return nil, nil, false, false
	}
	switch cmp.Op {
	case token.LSS:
		return cmp.X, cmp.Y, true, true
	case token.GTR:
		return cmp.Y, cmp.X, true, true
	case token.GEQ:
		return cmp.X, cmp.Y, false, true
	case token.LEQ:
		return cmp.Y, cmp.X, false, true
	}
	return nil, nil, false, false
}

// claimFrom reports whether idx is a fresh claim: the value an increment
// by one of an atomic counter returns (converted, less one when the
// counter starts at zero), whose every claim is at least zero and
// differs from the others.
func (m *Model) claimFrom(idx ssa.Value) bool {
	idx = unconvertInt(idx)
	least := int64(-1) // the counter's least start: claims are start+1 on
	if sub, ok := idx.(*ssa.BinOp); ok && sub.Op == token.SUB && isIntConst(sub.Y, 1) {
		idx, least = unconvertInt(sub.X), 0
	}
	call, ok := idx.(*ssa.Call)
	if !ok {
		return false
	}
	counter, ok := increment(call)
	if !ok {
		return false
	}
	start, ok := m.counterStart(counter)
	return ok && start >= least
}

// unconvert strips conversions between integer types.
func unconvertInt(v ssa.Value) ssa.Value {
	for {
		switch x := v.(type) {
		case *ssa.Convert:
			v = x.X
		case *ssa.ChangeType:
			v = x.X
		default:
			return v
		}
	}
}

// increment returns the counter a call increments by one, returning the
// new value: c.Add(1) or c.Inc() on an atomic integer type (sync/atomic,
// go.uber.org/atomic), or atomic.AddInt64(&c, 1).
func increment(call *ssa.Call) (ssa.Value, bool) {
	f := Callee(&call.Call)
	if f == nil || call.Call.IsInvoke() || f.Pkg() == nil {
		return nil, false
	}
	if path := f.Pkg().Path(); path != "sync/atomic" && path != "go.uber.org/atomic" {
		return nil, false
	}
	args := call.Call.Args
	switch {
	case f.Name() == "Inc" && len(args) == 1:
		return args[0], true
	case strings.HasPrefix(f.Name(), "Add") && len(args) == 2 && isIntConst(args[1], 1): // c.Add(1), AddInt64(&c, 1)
		return args[0], true
	}
	return nil, false
}

// counterStart returns the value a counter starts from: a variable made
// by new or declared (zero), or atomic.NewInt64(k) for a constant k,
// looking through the variables of closures; ok is false when it is not
// known or when anything but claims and loads uses it.
func (m *Model) counterStart(c ssa.Value) (int64, bool) {
	c = m.Outer(c)
	if !onlyClaimed(c, make(map[ssa.Value]bool)) {
		return 0, false
	}
	switch x := c.(type) {
	case *ssa.Alloc:
		return 0, true // a zero atomic, or a zero int64 whose address is taken
	case *ssa.Call:
		f := Callee(&x.Call)
		if f == nil || f.Pkg() == nil || f.Pkg().Path() != "go.uber.org/atomic" || len(x.Call.Args) != 1 ||
			!strings.HasPrefix(f.Name(), "New") || f.Name() == "New" {
			return 0, false
		}
		return intConst(x.Call.Args[0]) // atomic.NewInt64(-1)
	}
	return 0, false
}

// onlyClaimed reports whether the counter c is only incremented by one or
// loaded, also through the variable it is kept in and wherever closures
// take that.
func onlyClaimed(c ssa.Value, seen map[ssa.Value]bool) bool {
	if seen[c] {
		return true
	}
	seen[c] = true
	refs := c.Referrers()
	if refs == nil {
		return true
	}
	for _, ref := range *refs {
		switch r := ref.(type) {
		case *ssa.Call:
			if _, ok := increment(r); ok {
				continue
			}
			if f := r.Call.StaticCallee(); f != nil && strings.HasPrefix(f.Name(), "Load") {
				continue // c.Load(), atomic.LoadInt64(&c)
			}
			return false
		case *ssa.MakeClosure:
			fn := r.Fn.(*ssa.Function)
			for i, b := range r.Bindings {
				if b == c && !onlyClaimed(fn.FreeVars[i], seen) {
					return false
				}
			}
		case *ssa.Store:
			switch {
			case r.Addr == c && seen[r.Val]:
				// c is a variable holding the counter, set to it once.
			case r.Val == c && !seen[r.Addr] && onlyClaimed(r.Addr, seen):
				// the counter kept in a variable (captured by a closure)
			default:
				return false
			}
		case *ssa.UnOp:
			if r.Op != token.MUL || !onlyClaimed(r, seen) {
				return false // the counter loaded from its variable
			}
		case *ssa.DebugRef:
		default:
			return false
		}
	}
	return true
}
