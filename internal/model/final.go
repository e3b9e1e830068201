package model

import (
	"go/token"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// Final messages.
//
// A stream often ends with a message that says so: the producer sends
// io.EOF and stops (u <- err; if err == io.EOF { break }), and the
// consumer returns when it receives it (if errors.Is(err, io.EOF) {
// return }). The consumer's return on that message leaves nothing behind:
// the producer sends no more after it. Without this, every such consumer
// looked like it abandoned the producer's next send.

// The same holds when the consumer decides on what the message says (if
// pkt.err != nil { return }) and the one goroutine sending sends one
// message as its last act (packets <- packet{err: err}; return).

// priceFinalMessages prices Never, in the function of receive o (of b's
// channel, b a send), the branches taken when the value received is a
// sentinel error that b's goroutine sends only as its last message.
func (m *Model) priceFinalMessages(o, b *Operation, costs *Costs) {
	send, ok := b.Instr.(*ssa.Send)
	if !ok {
		return
	}
	v := received(o)
	if v == nil {
		return
	}
	for _, blk := range o.Fn().Blocks {
		ifInstr, ok := blk.Instrs[len(blk.Instrs)-1].(*ssa.If)
		if !ok {
			continue
		}
		if x, g, ok := sentinelTest(ifInstr.Cond); ok && x == v && m.lastSend(send, b.Class, g) {
			costs.AddEdge(Edge{blk, blk.Succs[0]}, Never)
		}
	}
}

// lastSend reports whether, after send puts a value that is sentinel g on
// a channel of class c, its function makes no other send on c: a test of
// the sent value against g follows on every way, and its true branch
// reaches no send on c.
func (m *Model) lastSend(send *ssa.Send, c *Class, g *ssa.Global) bool {
	fn := send.Parent()
	var sends []*ssa.BasicBlock
	for _, o := range m.OpsIn(fn) {
		if o.Class == c && o.Op == Send {
			sends = append(sends, o.Instr.Block())
		}
	}
	for _, blk := range fn.Blocks {
		ifInstr, ok := blk.Instrs[len(blk.Instrs)-1].(*ssa.If)
		if !ok || !Dominates(send, ifInstr) {
			continue
		}
		x, tg, ok := sentinelTest(ifInstr.Cond)
		if !ok || x != send.X || tg != g {
			continue
		}
		// No send comes after the test says g, nor on a way from the
		// send that does not pass the test.
		then := blk.Succs[0]
		again := false
		for _, s := range sends {
			if s == then || reaches(then, s) || send.Block() != blk && ReachesAvoiding(send.Block(), s, blk) {
				again = true
			}
		}
		if !again {
			return true
		}
	}
	return false
}

// sentinelTest returns the value cond compares with a package-level
// error variable, and the variable: x == io.EOF, errors.Is(x, io.EOF).
func sentinelTest(cond ssa.Value) (ssa.Value, *ssa.Global, bool) {
	switch c := cond.(type) {
	case *ssa.BinOp:
		if c.Op != token.EQL {
			return nil, nil, false
		}
		if g := loadedGlobal(c.Y); g != nil {
			return c.X, g, true
		}
		if g := loadedGlobal(c.X); g != nil {
			return c.Y, g, true
		}
	case *ssa.Call:
		if IsFunc(Callee(&c.Call), "errors", "Is") && len(c.Call.Args) == 2 {
			if g := loadedGlobal(c.Call.Args[1]); g != nil {
				return c.Call.Args[0], g, true
			}
		}
	}
	return nil, nil, false
}

// loadedGlobal returns the package-level variable v is a load of.
func loadedGlobal(v ssa.Value) *ssa.Global {
	if u, ok := v.(*ssa.UnOp); ok && u.Op == token.MUL {
		if g, ok := u.X.(*ssa.Global); ok {
			return g
		}
	}
	return nil
}

// lastSent reports whether the one goroutine of bSpawns (started once)
// sends on class c as the last thing it does on some way (errc <- err;
// return): a message after which it sends no more, which may be what
// tells its receiver to stop.
func lastSent(c *Class, bSpawns []*Spawn) bool {
	if len(bSpawns) != 1 || bSpawns[0].InLoop || bSpawns[0].Body == nil {
		return false
	}
	return slices.ContainsFunc(c.Ops, func(o *Operation) bool {
		return o.Op == Send && o.Fn() == bSpawns[0].Body && lastAct(o.Instr)
	})
}

// priceTestsOf prices Never the branches of fn on a test of v, a received
// message, or of a field of it (if pkt.err != nil): which way the message
// sends fn is its sender's choice, made with its last message.
func priceTestsOf(fn *ssa.Function, v ssa.Value, costs *Costs) {
	if v == nil {
		return
	}
	of := func(x ssa.Value) bool {
		for range 4 {
			if x == v {
				return true
			}
			switch y := x.(type) {
			case *ssa.Field:
				x = y.X
			case *ssa.Extract:
				x = y.Tuple
			case *ssa.UnOp: // *&pkt.err, pkt kept in a variable
				if y.Op != token.MUL {
					return false
				}
				x = y.X
			case *ssa.FieldAddr:
				x = y.X
			case *ssa.Alloc:
				return slices.ContainsFunc(Refs(y), func(r ssa.Instruction) bool {
					st, ok := r.(*ssa.Store)
					return ok && st.Val == v
				})
			default:
				return false
			}
		}
		return false
	}
	for _, blk := range fn.Blocks {
		ifInstr, ok := blk.Instrs[len(blk.Instrs)-1].(*ssa.If)
		if !ok {
			continue
		}
		if cmp, ok := ifInstr.Cond.(*ssa.BinOp); ok && (of(cmp.X) || of(cmp.Y)) {
			for _, s := range blk.Succs {
				costs.AddEdge(Edge{blk, s}, Never)
			}
		}
	}
}
