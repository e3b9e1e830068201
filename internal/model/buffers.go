package model

import (
	"go/constant"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// Buffers: a buffered channel holds what is sent on it until it is full,
// so a receiver that stops early blocks a sender only when the sends on
// one channel can outnumber its capacity. A send in a loop does, unless:
//
//   - the loop sends on another channel each round (for _, cb := range
//     callbacks { cb <- r });
//   - the channel is forgotten once sent on (ch <- v; ch = nil);
//   - each round starts a goroutine that takes a token back, as with a
//     counting semaphore (sem <- token; go func() { …; <-sem }());
//   - the capacity covers the loop's count: a constant at least as large,
//     the same bound, len of the same value (make(chan T, len(xs)) and a
//     range over xs), the same field of the same value where the function
//     does not write it (make(chan T, c.n) and i < c.n), a count plus a
//     constant (n+1 for a loop from n down to 0) or plus a count that
//     cannot be negative (n+len(extra), n+int(k) for an unsigned k),
//     for a range over a
//     channel, the count of the loop that sends on that one, and for a
//     loop each round of which takes a value from such a channel before
//     it sends (a worker pool's job broker), the count of that loop; or
//     counts of the function's parameters that every call of it makes
//     agree (make(chan T, n) and a loop over workers, called with a slice
//     made with length n, or with nil and 0); or the count a first loop
//     over the same elements made of those the loop sends for
//     (filtercount.go); or the bound that indexes claimed from an atomic
//     counter are tested against, for workers that claim their work one
//     index at a time (claims.go).

// overfills reports whether send b, on a buffered channel, may be made
// more often than the buffer holds: it is in a loop, as above.
func (m *Model) overfills(b *Operation) bool {
	if !m.InLoop(b.Instr) {
		return false
	}
	loop := loopOf(b.Instr.Block())
	if len(loop) == 0 {
		return false
	}
	ch := opChan(b)
	if ch == nil || !m.invariantIn(ch, loop) || m.forgottenAfter(b, ch) || m.tokenReturned(b, loop) {
		return false
	}
	if m.nested(loop) && !madeEachRound(ch, loop) {
		return true // the loop runs in another, on the same channel
	}
	if flaggedOnce(b, loop) {
		return false
	}
	bound := m.loopBound(loop)
	if bound == nil {
		bound = m.receivedBound(b, loop)
	}
	if bound == nil {
		bound = m.claimedBound(b, loop)
	}
	if bound == nil {
		return true // a loop with no count: for {}, a select loop
	}
	creations := b.Class.Creations
	if mc, ok := storedOnce(ch).(*ssa.MakeChan); ok {
		// The one channel the operand holds, whatever else the class's
		// fields are given elsewhere.
		creations = []ssa.Value{mc}
	}
	for _, v := range creations {
		mc, ok := v.(*ssa.MakeChan)
		if !ok || !m.covers(mc.Size, bound) && !m.coversAtCalls(mc.Size, bound) && !m.countedCovers(mc.Size, bound, b, loop) {
			return true
		}
	}
	return false
}

// coversAtCalls reports whether size covers bound at every call of the
// function they are counts of, when both are counts of its parameters
// (make(chan T, n) and a loop over len(workers)), the package makes every
// call (see eachCall), and each passes counts that cover (n and a slice
// made with length n; 0 and nil).
func (m *Model) coversAtCalls(size, bound ssa.Value) bool {
	size, bound = m.count(size), m.count(bound)
	fn := paramsOf(size)
	if fn == nil || paramsOf(bound) != fn {
		return false
	}
	return m.eachCall(fn, func(args []ssa.Value) bool {
		s, okS := m.countAt(size, fn, args)
		b, okB := m.countAt(bound, fn, args)
		return okS && okB && m.covers(s, b)
	})
}

// paramsOf returns the function whose parameter count v rests on: a
// parameter, len of one, or either plus a constant; nil otherwise.
func paramsOf(v ssa.Value) *ssa.Function {
	switch x := splitOffset(v).Value.(type) {
	case *ssa.Parameter:
		return x.Parent()
	case lenKey:
		if p, ok := x.Value.(*ssa.Parameter); ok {
			return p.Parent()
		}
	}
	return nil
}

// countAt returns count v, of fn's parameters, as a call of fn with args
// makes it.
func (m *Model) countAt(v ssa.Value, fn *ssa.Function, args []ssa.Value) (ssa.Value, bool) {
	o := splitOffset(v)
	var base ssa.Value
	switch x := o.Value.(type) {
	case *ssa.Parameter:
		base = m.count(args[slices.Index(fn.Params, x)])
	case lenKey:
		arg := m.Outer(args[slices.Index(fn.Params, x.Value.(*ssa.Parameter))])
		switch a := arg.(type) {
		case *ssa.MakeSlice:
			base = m.count(a.Len)
		case *ssa.Const:
			if !a.IsNil() {
				return nil, false
			}
			base = ssa.NewConst(constant.MakeInt64(0), types.Typ[types.Int])
		default:
			base = lenKey{m.fieldCount(a)}
		}
	default:
		return nil, false
	}
	if o.k == 0 {
		return base, true
	}
	if k, ok := intConst(base); ok {
		return ssa.NewConst(constant.MakeInt64(k+o.k), types.Typ[types.Int]), true
	}
	b := splitOffset(base)
	return offsetKey{b.Value, b.k + o.k}.norm(), true
}

// receivedBound returns how often any goroutine can make send b, in a
// loop that has no count of its own, when each round that reaches b
// first takes a value from another channel whose one send is made in a
// counted loop started once per call: a worker pool's workers take each
// job from a broker that a range over the jobs feeds, so a send made at
// most once per job is made at most len(jobs) times, however many
// workers share the buffer (errs := make(chan error, len(jobs))). Nil if
// there is no such receive.
func (m *Model) receivedBound(b *Operation, loop []*ssa.BasicBlock) ssa.Value {
	inner := loopHead(loop)
	for _, blk := range loop {
		for _, instr := range blk.Instrs {
			for _, r := range m.OpAt(instr) {
				if r.Op != Recv || r.Class == b.Class {
					continue
				}
				at := r.Instr.Block()
				if r.Select != nil {
					e, ok := CaseEdge(r.Select, r.Case)
					if !ok {
						continue
					}
					at = e.To
				}
				// b comes after the receive in the same round.
				if !at.Dominates(b.Instr.Block()) || at == inner {
					continue
				}
				if n := m.sendCount(r.Class); n != nil {
					return n
				}
			}
		}
	}
	return nil
}

// sendCount returns how many values are ever sent on the channels of c,
// per call of the function that feeds them: c's one send is made in a
// counted loop (see elementBound) that no other loop repeats, on a
// goroutine (or call) started once per call of its spawner; or nil.
func (m *Model) sendCount(c *Class) ssa.Value {
	if c.Outside.Has(Send) {
		return nil
	}
	var send *Operation
	for _, s := range c.Ops {
		if s.Op == Send {
			if send != nil {
				return nil
			}
			send = s
		}
	}
	if send == nil || !m.InLoop(send.Instr) {
		return nil
	}
	l := loopOf(send.Instr.Block())
	if len(l) == 0 || m.nested(l) {
		return nil
	}
	for _, s := range m.Goroutines(map[*ssa.Function]bool{send.Fn(): true}) {
		if s.InLoop {
			return nil
		}
	}
	return m.elementBound(l)
}

// loopHead returns the block of loop that dominates the others.
func loopHead(loop []*ssa.BasicBlock) *ssa.BasicBlock {
	head := loop[0]
	for _, x := range loop {
		if x.Dominates(head) {
			head = x
		}
	}
	return head
}

// nested reports whether loop runs inside another loop.
func (m *Model) nested(loop []*ssa.BasicBlock) bool {
	pre := loopHead(loop).Idom()
	return pre != nil && len(pre.Instrs) > 0 && m.InLoop(pre.Instrs[len(pre.Instrs)-1])
}

// madeEachRound reports whether channel ch, which the nested loop sends
// on, is made afresh by each round of the loop around it (for each page,
// a channel of len(page.Items) that a loop over the page fills): no
// round's sends meet another's in the buffer.
func madeEachRound(ch ssa.Value, loop []*ssa.BasicBlock) bool {
	mc, ok := storedOnce(ch).(*ssa.MakeChan)
	if !ok {
		return false
	}
	pre := loopHead(loop).Idom()
	around, made := loopOf(pre), loopOf(mc.Block())
	return len(around) > 0 && len(made) > 0 && loopHead(around) == loopHead(made) && !slices.Contains(loop, mc.Block())
}

// invariantIn reports whether v is the same value (a channel, the
// receiver of a call) on every round of loop: made before it, or loaded
// from a variable, a global or a field of something that is.
func (m *Model) invariantIn(v ssa.Value, loop []*ssa.BasicBlock) bool {
	in := make(map[*ssa.BasicBlock]bool, len(loop))
	for _, b := range loop {
		in[b] = true
	}
	for range 8 {
		instr, ok := v.(ssa.Instruction)
		if !ok || !in[instr.Block()] {
			return true // a parameter, a free variable, or made before
		}
		switch x := v.(type) {
		case *ssa.UnOp:
			if x.Op != token.MUL {
				return false
			}
			v = x.X
		case *ssa.FieldAddr:
			v = x.X
		case *ssa.Field:
			v = x.X
		default:
			return false // a φ, an element of a slice or map, a call's result
		}
	}
	return false
}

// forgottenAfter reports whether the variable send b sends through, ch,
// is set to nil right after it (ch <- v; ch = nil), and tested not nil
// before it: it sends once.
func (m *Model) forgottenAfter(b *Operation, ch ssa.Value) bool {
	if b.Select != nil {
		return false
	}
	guarded := false
	for cond, holds := range knownAt(b.Instr.Block()) {
		if x, eql, ok := nilTest(cond); ok && x == ch && holds != eql {
			guarded = true // ch is not nil on the way to b
		}
	}
	if !guarded {
		return false
	}
	// Follow the one way out of b's block to the first φ of ch.
	from := b.Instr.Block()
	for seen := 0; seen < 8; seen++ {
		if len(from.Succs) != 1 {
			return false
		}
		to := from.Succs[0]
		for _, instr := range to.Instrs {
			phi, ok := instr.(*ssa.Phi)
			if !ok {
				break
			}
			for i, e := range phi.Edges {
				if e == ch {
					return false // ch flows on unchanged
				}
				if to.Preds[i] == from && IsNil(e) && phiOf(phi, ch) {
					return true
				}
			}
		}
		from = to
	}
	return false
}

// flaggedOnce reports whether send b is guarded by a value its loop
// carries, which every way on from b sets so that the guard fails from
// then on and which no other way sets back: a flag (if !sent { sent =
// true; ch <- v }) or an error kept once it is not nil (if err == nil {
// if err = f(); err != nil { ch <- err } }) sends once, however often the
// loop runs.
func flaggedOnce(b *Operation, loop []*ssa.BasicBlock) bool {
	head, s := loopHead(loop), b.Instr.Block()
	for cond, holds := range knownAt(s) {
		var p *ssa.Phi
		var off func(ssa.Value) bool // whether v fails the guard on every way through s
		switch c := cond.(type) {
		case *ssa.Phi:
			p = c
			off = func(v ssa.Value) bool {
				k, ok := v.(*ssa.Const)
				return ok && k.Value != nil && k.Value.Kind() == constant.Bool && constant.BoolVal(k.Value) != holds
			}
		default:
			// The send needs x nil. A value made where the guard held,
			// and tested not nil on the way to the send, fails it.
			if x, eql, ok := nilTest(cond); ok && holds == eql {
				p, _ = x.(*ssa.Phi)
				off = func(v ssa.Value) bool {
					in, ok := v.(ssa.Instruction)
					return ok && knownHolds(in.Block(), cond, holds) && testedNonNil(v, s)
				}
			}
		}
		if p != nil && p.Block() == head && staysOff(p, s, cond, holds, off) {
			return true
		}
	}
	return false
}

// staysOff reports whether p, a φ at the head of a loop that guards block
// s (s runs only in a round that starts with cond holds), fails the guard
// for good once s has run: every way from s round the loop sets p to a
// value that is off, and every other way back keeps p, sets it off, or
// comes from a round in which the guard held, so s had not run before.
func staysOff(p *ssa.Phi, s *ssa.BasicBlock, cond ssa.Value, holds bool, off func(ssa.Value) bool) bool {
	head := p.Block()
	after := func(pred *ssa.BasicBlock) bool { return pred == s || ReachesAvoiding(s, pred, head) }
	// ok reports whether v, flowing in from block pred, is off or kept.
	var ok func(v ssa.Value, pred *ssa.BasicBlock, depth int) bool
	ok = func(v ssa.Value, pred *ssa.BasicBlock, depth int) bool {
		if off(v) || !after(pred) && (v == p || knownHolds(pred, cond, holds)) {
			return true
		}
		q, isPhi := v.(*ssa.Phi)
		if !isPhi || q.Block() == head || depth > 8 {
			return false
		}
		for i, e := range q.Edges {
			if !ok(e, q.Block().Preds[i], depth+1) {
				return false
			}
		}
		return true
	}
	found := false
	for i, e := range p.Edges {
		pred := head.Preds[i]
		if pred != head && !ReachesAvoiding(head, pred, nil) {
			continue // the way in, before the loop
		}
		if !ok(e, pred, 0) {
			return false
		}
		found = found || after(pred)
	}
	return found
}

// knownHolds reports whether cond is known to be holds in block b.
func knownHolds(b *ssa.BasicBlock, cond ssa.Value, holds bool) bool {
	v, ok := knownCond(knownAt(b), cond)
	return ok && v == holds
}

// phiOf reports whether φ p merges ch: ch flows into it, or into a φ
// that flows into it round a loop.
func phiOf(p *ssa.Phi, ch ssa.Value) bool {
	seen := make(map[ssa.Value]bool)
	queue := []ssa.Value{ch}
	for len(queue) > 0 {
		v := queue[0]
		queue = queue[1:]
		if seen[v] {
			continue
		}
		seen[v] = true
		if v == p {
			return true
		}
		for _, r := range Refs(v) {
			if q, ok := r.(*ssa.Phi); ok {
				queue = append(queue, q)
			}
		}
		if q, ok := v.(*ssa.Phi); ok {
			queue = append(queue, q.Edges...)
		}
	}
	return false
}

// tokenReturned reports whether every round of loop that passes send b
// then starts a goroutine that receives from b's class on every way (a
// counting semaphore's token, given back), the branches taken when the
// channel is nil aside: b's own send shows it is not.
func (m *Model) tokenReturned(b *Operation, loop []*ssa.BasicBlock) bool {
	head := loopHead(loop)
	for _, x := range loop {
		for _, instr := range x.Instrs {
			g, ok := instr.(*ssa.Go)
			if !ok || x == b.Instr.Block() && !Dominates(b.Instr, g) || x != b.Instr.Block() && ReachesAvoiding(b.Instr.Block(), head, x) {
				continue // a way from b round the loop that does not start it
			}
			s := m.SpawnOf(g)
			if s == nil || s.Body == nil {
				continue
			}
			var costs Costs
			for _, o := range m.OpsIn(s.Body) {
				if o.Class == b.Class && o.Op == Recv && o.Select == nil && !m.InLoop(o.Instr) {
					costs.AddInstr(o.Instr, Never)
				}
			}
			for _, y := range s.Body.Blocks {
				if ifInstr, ok := y.Instrs[len(y.Instrs)-1].(*ssa.If); ok {
					if v, eql, ok := nilTest(ifInstr.Cond); ok && m.ClassOf(v) == b.Class {
						costs.AddEdge(Edge{y, nilBranch(y, eql)}, Never)
					}
				}
			}
			if len(costs.Instrs) > 0 && EntryReturn(s.Body, &costs) == nil {
				return true
			}
		}
	}
	return false
}

// elementBound returns how many rounds loop makes when it counts or goes
// over a collection: N for a loop that counts from zero while i < N (a
// range over a slice: N is its len), len of the map it ranges over; or
// nil.
func (m *Model) elementBound(loop []*ssa.BasicBlock) ssa.Value {
	if n := countBound(loop); n != nil {
		return n
	}
	for _, x := range loop {
		for _, instr := range x.Instrs {
			if next, ok := instr.(*ssa.Next); ok && !next.IsString {
				if r, ok := next.Iter.(*ssa.Range); ok {
					return lenKey{m.Outer(r.X)} // a range over a map
				}
			}
		}
	}
	return nil
}

// loopBound returns how many rounds loop makes: N for a loop that counts
// from zero while i < N (a range over a slice: N is its len), len of the
// map it ranges over, and for a range over a channel the count of the one
// loop that sends on it; or nil.
func (m *Model) loopBound(loop []*ssa.BasicBlock) ssa.Value {
	if n := m.elementBound(loop); n != nil {
		return n
	}
	for _, x := range loop {
		for _, instr := range x.Instrs {
			for _, o := range m.OpAt(instr) {
				if o.Op != Range || o.Class.Outside.Has(Send) {
					continue
				}
				var sends []*Operation
				for _, s := range o.Class.Ops {
					if s.Op == Send {
						sends = append(sends, s)
					}
				}
				if len(sends) != 1 || !m.InLoop(sends[0].Instr) {
					return nil
				}
				l := loopOf(sends[0].Instr.Block())
				if m.nested(l) {
					return nil
				}
				return countBound(l)
			}
		}
	}
	return nil
}

// countBound returns N for a loop that counts from zero while i < N, or
// i+1 < N from -1, as a range over a slice does, or from 0 after a first
// test of 0 < N, as a range over an int does; N-s (N-s+1) for one that
// counts up from a constant s while i < N (i <= N); N+1 for one that
// counts down from N while i >= 0; or nil.
func countBound(loop []*ssa.BasicBlock) ssa.Value {
	for _, x := range loop {
		ifInstr, ok := x.Instrs[len(x.Instrs)-1].(*ssa.If)
		if !ok {
			continue
		}
		cmp, ok := ifInstr.Cond.(*ssa.BinOp)
		if ok && cmp.Op == token.GEQ && isIntConst(cmp.Y, 0) {
			if n := countsDown(cmp.X); n != nil {
				return offsetKey{n, 1}
			}
		}
		if ok && (cmp.Op == token.LSS || cmp.Op == token.LEQ) {
			if n := countsUp(cmp); n != nil {
				return n
			}
		}
		if !ok || cmp.Op != token.LSS {
			continue
		}
		froms := []int64{0}
		i := cmp.X
		if inc, ok := i.(*ssa.BinOp); ok && inc.Op == token.ADD {
			if isIntConst(inc.Y, 1) {
				i, froms = inc.X, []int64{-1, 0}
			}
		}
		phi, ok := i.(*ssa.Phi)
		if !ok {
			continue
		}
		for _, e := range phi.Edges {
			if n, ok := intConst(e); ok && slices.Contains(froms, n) {
				return cmp.Y
			}
		}
	}
	return nil
}

// countsUp returns the rounds of a loop that tests cmp, i < N or i <= N,
// at its head, where i starts at a constant s and goes up by one each
// round (for i := 1; i <= n; i++): N-s, or N-s+1; or nil.
func countsUp(cmp *ssa.BinOp) ssa.Value {
	phi, ok := cmp.X.(*ssa.Phi)
	if !ok || cmp.Block() != phi.Block() {
		return nil
	}
	var start *int64
	for _, e := range phi.Edges {
		if inc, ok := e.(*ssa.BinOp); ok && inc.Op == token.ADD && inc.X == phi && isIntConst(inc.Y, 1) {
			continue
		}
		s, ok := intConst(e)
		if !ok || start != nil {
			return nil
		}
		start = &s
	}
	if start == nil {
		return nil
	}
	k := -*start
	if cmp.Op == token.LEQ {
		k++
	}
	if n, ok := intConst(cmp.Y); ok {
		return ssa.NewConst(constant.MakeInt64(max(n+k, 0)), cmp.Y.Type())
	}
	return offsetKey{cmp.Y, k}.norm()
}

// countsDown returns N for a φ that starts at N and goes down by one each
// round (for i := n; i >= 0; i--), or nil.
func countsDown(v ssa.Value) ssa.Value {
	phi, ok := v.(*ssa.Phi)
	if !ok || len(phi.Edges) != 2 {
		return nil
	}
	var start ssa.Value
	stepped := false
	for _, e := range phi.Edges {
		if dec, ok := e.(*ssa.BinOp); ok && dec.Op == token.SUB && dec.X == phi && isIntConst(dec.Y, 1) {
			stepped = true
		} else {
			start = e
		}
	}
	if !stepped || start == nil {
		return nil
	}
	return start
}

// nonNegative reports whether count v cannot be negative: a constant at
// least 0, len or cap of something, a value of an unsigned type, or one
// converted from it (int(nbChunks)).
func nonNegative(v ssa.Value) bool {
	if c, ok := v.(*ssa.Convert); ok {
		v = c.X
	}
	if n, ok := intConst(v); ok {
		return n >= 0
	}
	if b, ok := v.Type().Underlying().(*types.Basic); ok && b.Info()&types.IsUnsigned != 0 {
		return true
	}
	if call, ok := v.(*ssa.Call); ok {
		if b, ok := call.Call.Value.(*ssa.Builtin); ok {
			return b.Name() == "len" || b.Name() == "cap"
		}
	}
	return false
}

// intConst returns the value of v, an integer constant that fits in an
// int64.
func intConst(v ssa.Value) (int64, bool) {
	k, ok := v.(*ssa.Const)
	if !ok || k.Value == nil || k.Value.Kind() != constant.Int {
		return 0, false
	}
	return constant.Int64Val(k.Value)
}

// isIntConst reports whether v is the integer constant n.
func isIntConst(v ssa.Value, n int64) bool {
	x, ok := intConst(v)
	return ok && x == n
}

// covers reports whether a capacity size covers a loop's count bound.
// A sum covers what one of its terms does when the other cannot be
// negative (make(chan T, n+len(extra)) and a loop over n).
func (m *Model) covers(size, bound ssa.Value) bool {
	if add, ok := m.Outer(size).(*ssa.BinOp); ok && add.Op == token.ADD {
		if nonNegative(add.Y) && m.covers(add.X, bound) || nonNegative(add.X) && m.covers(add.Y, bound) {
			return true
		}
	}
	size, bound = m.count(size), m.count(bound)
	if size == bound {
		return true
	}
	if s, b := splitOffset(size), splitOffset(bound); s.Value == b.Value && s.k >= b.k {
		return true // n+1 slots for n or n+1 rounds
	}
	k, ok := size.(*ssa.Const)
	if !ok || k.Value == nil || k.Value.Kind() != constant.Int {
		return false
	}
	n, ok := bound.(*ssa.Const)
	return ok && n.Value != nil && n.Value.Kind() == constant.Int && constant.Compare(k.Value, token.GEQ, n.Value)
}

// count returns what a count v stands for, so that two counts can be
// compared: for len(x), x seen from where it was made (a slice made with
// length n has len n) or, for a field the function does not write, as
// that field (len(e.srcs) at make and at the range over e.srcs), and
// otherwise v seen so (see outer).
func (m *Model) count(v ssa.Value) ssa.Value {
	v = m.Outer(v)
	switch x := v.(type) {
	case offsetKey:
		base := splitOffset(m.count(x.Value))
		return offsetKey{base.Value, base.k + x.k}.norm()
	case *ssa.Convert: // between integer types: int(n)
		if isInteger(x.Type()) && isInteger(x.X.Type()) {
			return m.count(x.X)
		}
	case *ssa.BinOp: // n+1, n-1
		if n, ok := intConst(x.Y); ok && (x.Op == token.ADD || x.Op == token.SUB) {
			if x.Op == token.SUB {
				n = -n
			}
			base := splitOffset(m.count(x.X))
			return offsetKey{base.Value, base.k + n}.norm()
		}
	}
	call, ok := v.(*ssa.Call)
	if !ok {
		return m.fieldCount(v)
	}
	b, ok := call.Call.Value.(*ssa.Builtin)
	if !ok || b.Name() != "len" || len(call.Call.Args) != 1 {
		return v
	}
	x := m.Outer(call.Call.Args[0])
	if ms, ok := x.(*ssa.MakeSlice); ok {
		return m.Outer(ms.Len)
	}
	return lenKey{m.fieldCount(x)}
}

// offsetKey stands for a count k more than another, in comparisons of
// counts: make(chan T, n+1) against a loop from n down to 0.
type offsetKey struct {
	ssa.Value
	k int64
}

func (o offsetKey) norm() ssa.Value {
	if o.k == 0 {
		return o.Value
	}
	return o
}

// splitOffset returns v as a count and an offset from it.
func splitOffset(v ssa.Value) offsetKey {
	if o, ok := v.(offsetKey); ok {
		return o
	}
	return offsetKey{v, 0}
}

// lenKey stands for len(x) in comparisons of counts.
type lenKey struct{ ssa.Value }

// fieldCountKey stands for a field of a value, read where nothing in the
// function writes that field: every read gives the same count
// (make(chan T, c.n) and for i := 0; i < c.n; i++).
type fieldCountKey struct {
	ssa.Value
	field int
}

// fieldCount returns the fieldCountKey of v, a load of a field of a value
// (an SSA value is the same throughout its function: a parameter, or one
// a function replaced first, opts = &Options{}; seen through the variable
// a closure captures it in, see Outer), if the function stores to no field
// of that name; or v.
func (m *Model) fieldCount(v ssa.Value) ssa.Value {
	load, ok := v.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return v
	}
	fa, ok := load.X.(*ssa.FieldAddr)
	if !ok {
		return v
	}
	for _, b := range load.Parent().Blocks {
		for _, instr := range b.Instrs {
			if st, ok := instr.(*ssa.Store); ok {
				if f, ok := st.Addr.(*ssa.FieldAddr); ok && f.Field == fa.Field && types.Identical(f.X.Type(), fa.X.Type()) {
					return v
				}
			}
		}
	}
	return fieldCountKey{m.Outer(fa.X), fa.Field}
}

// Outer returns the value v stands for where the function that made it
// runs: for a closure's free variable, what the closure is made with
// (through nested closures), and for a load of a variable stored once
// (one a closure captures), the value stored.
func (m *Model) Outer(v ssa.Value) ssa.Value {
	for range 8 {
		switch x := v.(type) {
		case *ssa.FreeVar:
			b := m.Bound(x)
			if b == nil {
				return v
			}
			v = b
		case *ssa.UnOp:
			st := onlyStore(m.Outer(x.X))
			if x.Op != token.MUL || st == nil {
				return v
			}
			v = st.Val
		default:
			return v
		}
	}
	return v
}

// onlyStore returns the one store to a variable, or nil.
func onlyStore(v ssa.Value) *ssa.Store {
	if _, ok := v.(*ssa.Alloc); !ok {
		return nil
	}
	var only *ssa.Store
	for _, r := range Refs(v) {
		if st, ok := r.(*ssa.Store); ok && st.Addr == v {
			if only != nil {
				return nil
			}
			only = st
		}
	}
	return only
}
