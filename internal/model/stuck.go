package model

import (
	"go/token"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// Why an operation can never complete.
type StuckReason uint8

const (
	NotStuck     StuckReason = iota
	NilChan                  // the channel is nil
	NoPartner                // nothing in the package or outside it can release it
	NeverClose               // a range over a channel nothing closes
	Unshared                 // an unbuffered channel no other goroutine has yet
	OwnGoroutine             // its only partners wait, on its goroutine, for it
)

// Stuck reports whether blocking operation op can never complete, wherever
// and whenever it runs, because nothing can ever release it: a channel
// that is nil or that nothing else sends on, receives from or closes, a
// range over a channel nothing closes, a WaitGroup.Wait with no Done, a
// Cond.Wait with no Signal or Broadcast. Operations of another package's
// function (known through facts) are never stuck: the function may have
// other ways out.
func (m *Model) Stuck(op *Operation) StuckReason {
	if op.Callee != nil {
		return NotStuck
	}
	c := op.Class
	if c.nilOnly() {
		if (op.Op == Send || op.Op == Recv || op.Op == Range) && !nilTested(op) {
			return NilChan
		}
		return NotStuck
	}
	switch op.Op {
	case Send, Recv, Range:
		if c.Kind != Chan {
			return NotStuck
		}
	case Wait:
		switch c.Kind {
		case WaitGroup:
			if !c.counted() {
				return NotStuck // Wait returns at once
			}
		case Cond:
		default:
			return NotStuck
		}
	default:
		return NotStuck
	}
	if op.Op == Range && (c.Timer || m.signalled[c] && !m.hasOp(c, Close)) {
		return NeverClose // the runtime, or os/signal, sends, and never closes
	}
	partners, outside := m.Partners(op)
	if !outside {
		if f, _ := m.WaitingCaller(op, partners); f != nil {
			return OwnGoroutine
		}
	}
	if len(partners) > 0 || outside {
		if c.Kind == Chan && m.UnsharedAt(op) != nil {
			return Unshared
		}
		return NotStuck
	}
	if op.Op == Range && m.hasOp(c, Send) {
		return NeverClose
	}
	if op.Op == Send && !c.Unbuffered() {
		return NotStuck // it may fit in the buffer
	}
	if op.Op == Recv && m.drainsBuffer(op) {
		return NotStuck
	}
	return NoPartner
}

// drainsBuffer reports whether receive op runs in a loop that counts to
// len of the channel it receives from (for range len(ch) { <-ch }): it
// takes only what the buffer holds.
func (m *Model) drainsBuffer(op *Operation) bool {
	if op.Select != nil || !m.InLoop(op.Instr) {
		return false
	}
	bound, ok := m.count(countBound(loopOf(op.Instr.Block()))).(lenKey)
	if !ok {
		return false
	}
	return sameAddress(m.Outer(chanOperand(op.Instr)), bound.Value) || m.ClassOf(bound.Value) == op.Class
}

// takesWhatIsThere reports whether receive op takes only what its channel
// already holds: it is counted by len(ch) (drainsBuffer), or runs only
// where a test said len(ch) > 0, and nothing else receives from the
// channel, so what len counted is still there when it receives. Senders
// that gave up early do not leave it waiting (for i := 0; i < len(ch);
// i++ after a WaitGroup of senders that may each send nothing).
func (m *Model) takesWhatIsThere(op *Operation) bool {
	c := op.Class
	if op.Op != Recv || op.Select != nil || c.Outside.Has(Recv) ||
		slices.ContainsFunc(c.Ops, func(o *Operation) bool { return o != op && (o.Op == Recv || o.Op == Range) }) {
		return false
	}
	return m.drainsBuffer(op) || lenTested(op)
}

// lenTested reports whether every way to receive op passes a test that
// says its channel holds something: len(ch) > 0, len(ch) != 0, and their
// like.
func lenTested(op *Operation) bool {
	ch := chanOperand(op.Instr)
	isLen := func(v ssa.Value) bool {
		call, ok := v.(*ssa.Call)
		return ok && isBuiltin(call, "len") && len(call.Call.Args) == 1 && sameAddress(call.Call.Args[0], ch)
	}
	for cond, taken := range knownAt(op.Instr.Block()) {
		cmp, ok := cond.(*ssa.BinOp)
		if !ok {
			continue
		}
		x, y, tok := cmp.X, cmp.Y, cmp.Op
		if isLen(y) {
			x, y, tok = y, x, mirrored(tok)
		}
		if !isLen(x) {
			continue
		}
		if !taken {
			tok = negated(tok)
		}
		switch {
		case tok == token.GTR && isIntConst(y, 0), tok == token.NEQ && isIntConst(y, 0), tok == token.GEQ && isIntConst(y, 1):
			return true // len(ch) >= 1
		}
	}
	return false
}

// mirrored returns the comparison that holds of y and x when tok holds
// of x and y: x < y is y > x.
func mirrored(tok token.Token) token.Token {
	switch tok {
	case token.LSS:
		return token.GTR
	case token.GTR:
		return token.LSS
	case token.LEQ:
		return token.GEQ
	case token.GEQ:
		return token.LEQ
	}
	return tok
}

// negated returns the comparison that holds when tok does not: x < y
// fails when x >= y.
func negated(tok token.Token) token.Token {
	switch tok {
	case token.EQL:
		return token.NEQ
	case token.NEQ:
		return token.EQL
	case token.LSS:
		return token.GEQ
	case token.GEQ:
		return token.LSS
	case token.GTR:
		return token.LEQ
	case token.LEQ:
		return token.GTR
	}
	return tok
}

// Unbuffered reports whether every channel of class c is made without a
// buffer.
func (c *Class) Unbuffered() bool {
	for _, v := range c.Creations {
		mc, ok := v.(*ssa.MakeChan)
		if !ok {
			return false
		}
		if k, ok := mc.Size.(*ssa.Const); !ok || k.Int64() != 0 {
			return false
		}
	}
	return len(c.Creations) > 0
}

// counted reports whether Add or Go is called on the WaitGroups of c, or
// code outside the package can call it.
func (c *Class) counted() bool {
	if c.Outside.Has(Add) {
		return true
	}
	for _, o := range c.Ops {
		if o.Op == Add || o.Op == Go {
			return true
		}
	}
	return false
}

func (m *Model) hasOp(c *Class, op Op) bool {
	for _, o := range c.Ops {
		if o.Op == op {
			return true
		}
	}
	return false
}

// A Block is a place where a function stops for good: an operation that
// can never complete, or a call of a function that never returns.
type Block struct {
	Instr  ssa.Instruction
	Op     *Operation    // the stuck operation, if it is one
	Reason StuckReason   // why Op is stuck
	Callee *ssa.Function // for a call of a function that never returns
	// Neither: a select {}.
}

// endless holds, for each function of the package that can never return
// once called, why.
type endless map[*ssa.Function]*Ending

// An Ending says why a function can never return.
type Ending struct {
	// Blocks are the places where its paths stop for good, in order of
	// their first appearance from its entry. Empty when it only loops.
	Blocks []Block
	// Loop is an instruction of a loop it cannot leave, when some path
	// never stops but never returns either.
	Loop ssa.Instruction
	// TickerRange is a range over a time.Ticker's channel, which never
	// ends, if that is why.
	TickerRange ssa.Instruction
	// NeverClosed is a receive whose closed branch would leave the loop,
	// on a channel nothing closes (see closedBranch), if that is why.
	NeverClosed *Operation
}

// NeverReturns returns why fn can never return once called, or nil if it
// can (or only panics or exits). Every path from its entry either loops
// forever or stops at an operation that can never complete, or at a call
// of such a function.
func (m *Model) NeverReturns(fn *ssa.Function) *Ending {
	return m.endless[fn]
}

// findEndless computes m.endless, to a fixed point over calls, and drops
// the operations no run reaches (see dropUnreached). Dropping a send can
// leave its receiver stuck, and so more functions that never return: the
// two are computed again until neither changes.
func (m *Model) findEndless() {
	for {
		m.endless = make(endless)
		for changed := true; changed; {
			changed = false
			for _, fn := range m.Funcs {
				if fn.Blocks == nil || m.endless[fn] != nil {
					continue
				}
				if e := m.ending(fn); e != nil {
					m.endless[fn] = e
					changed = true
				}
			}
		}
		if !m.dropUnreached() {
			return
		}
	}
}

// dropUnreached removes from the classes the operations no run reaches,
// and reports whether it removed any. An operation is unreached when
// every way to it from its function's entry passes a call of a function
// that never returns, an operation that never completes, a range that
// never ends, or a way no run takes (a test of a constant, a case nothing
// can ready): `for ; true; <-tick { … }; fail <- true`, or a worker loop
// with no way out followed by the send that reports it ended. Such an
// operation neither blocks nor releases anyone.
func (m *Model) dropUnreached() bool {
	dropped := false
	for _, fn := range m.Funcs {
		ops := m.classes.opsIn[fn]
		if len(ops) == 0 {
			continue
		}
		costs, _ := m.stopCosts(fn)
		reached := reachedInstrs(fn, costs)
		var kept []*Operation
		for _, op := range ops {
			if reached[op.Instr] {
				kept = append(kept, op)
				continue
			}
			dropped = true
			op.Class.Unreached = append(op.Class.Unreached, op)
			m.classes.opsAt[op.Instr] = slices.DeleteFunc(m.classes.opsAt[op.Instr], func(o *Operation) bool { return o == op })
			op.Class.Ops = slices.DeleteFunc(op.Class.Ops, func(o *Operation) bool { return o == op })
		}
		m.classes.opsIn[fn] = kept
	}
	return dropped
}

// UnreachedReleaser returns an operation that would release op but that
// no run reaches, or nil: the send a worker makes after its endless loop.
func (m *Model) UnreachedReleaser(op *Operation) *Operation {
	for _, u := range op.Class.Unreached {
		if Releases(u, op) {
			return u
		}
	}
	return nil
}

// EndlessHolders returns the goroutines op's function starts that hold
// op's channel (or group) but never return: what they would do with it
// once their loop ends (send on it, close it, call Done) never runs, and
// go/ssa drops it already when it follows a call that cannot return.
func (m *Model) EndlessHolders(op *Operation) []*Spawn {
	var out []*Spawn
	for _, s := range m.Spawns {
		if s.Go == nil || s.Parent != op.Fn() || s.Body == nil || m.NeverReturns(s.Body) == nil {
			continue
		}
		given := slices.Clone(s.Go.Call.Args)
		if mc, ok := s.Go.Call.Value.(*ssa.MakeClosure); ok {
			given = append(given, mc.Bindings...)
		}
		if slices.ContainsFunc(given, func(v ssa.Value) bool { return m.ClassOf(v) == op.Class }) {
			out = append(out, s)
		}
	}
	return out
}

// reachedInstrs returns the instructions of fn some run reaches, given
// costs, from its entry and its recover block (see walkReached).
func reachedInstrs(fn *ssa.Function, costs *Costs) map[ssa.Instruction]bool {
	reached := make(map[ssa.Instruction]bool)
	starts := []*ssa.BasicBlock{fn.Blocks[0]}
	if fn.Recover != nil {
		starts = append(starts, fn.Recover)
	}
	walkReached(starts, costs, func(instr ssa.Instruction) { reached[instr] = true })
	return reached
}

// walkReached visits, breadth first from starts, the instructions a run
// reaches given costs: along edges not priced Never, up to an
// instruction priced Never, which is visited (a run stops there).
func walkReached(starts []*ssa.BasicBlock, costs *Costs, visit func(ssa.Instruction)) {
	seen := make(map[*ssa.BasicBlock]bool)
	queue := slices.Clone(starts)
	for _, b := range queue {
		seen[b] = true
	}
	for len(queue) > 0 {
		b := queue[0]
		queue = queue[1:]
		stopped := false
		for _, instr := range b.Instrs {
			visit(instr)
			if costs.Instrs[instr] >= Never {
				stopped = true
				break
			}
		}
		if stopped {
			continue
		}
		for _, s := range b.Succs {
			if !seen[s] && costs.Edges[Edge{b, s}] < Never {
				seen[s] = true
				queue = append(queue, s)
			}
		}
	}
}

// ending returns why fn can never return, given what m.endless says of the
// functions it calls so far, or nil.
func (m *Model) ending(fn *ssa.Function) *Ending {
	costs, blocks := m.stopCosts(fn)
	if EntryReturn(fn, costs) != nil {
		return nil
	}
	e := &Ending{}
	// The blocks and loops reachable from the entry without passing a
	// block: the places stopCosts prices Never are its blocks.
	walkReached([]*ssa.BasicBlock{fn.Blocks[0]}, costs, func(instr ssa.Instruction) {
		if blk, ok := blocks[instr]; ok {
			e.Blocks = append(e.Blocks, blk)
			return
		}
		if e.Loop == nil && instr.Pos().IsValid() && m.InLoop(instr) {
			e.Loop = instr
		}
		if recv, ok := instr.(*ssa.UnOp); ok && recv.CommaOk && recv.Block().Comment == "rangechan.loop" && e.TickerRange == nil {
			for _, op := range m.OpAt(recv) {
				if op.Op == Range && op.Class.Timer {
					e.TickerRange = recv
				}
			}
		}
	})
	if len(e.Blocks) == 0 && e.Loop == nil && e.TickerRange == nil {
		return nil // it can only panic or exit: not ours to judge
	}
	if e.Loop != nil {
		for _, op := range m.OpsIn(fn) {
			if _, ok := m.closedBranch(op); ok && m.InLoop(op.Instr) {
				e.NeverClosed = op
				break
			}
		}
	}
	return e
}

// stopCosts prices, in fn, the places where a path stops for good: stuck
// operations and calls of functions that never return (Never), the exits
// of range loops over channels nothing closes, and the ways no run takes
// (see priceNeverTaken).
func (m *Model) stopCosts(fn *ssa.Function) (*Costs, map[ssa.Instruction]Block) {
	costs := &Costs{}
	m.priceNeverTaken(fn, costs)
	blocks := make(map[ssa.Instruction]Block)
	for _, op := range m.OpsIn(fn) {
		r := m.Stuck(op)
		if r == NotStuck {
			continue
		}
		switch {
		case op.Op == Range:
			// The loop runs, but never ends.
			if e, ok := RangeEnd(op); ok {
				costs.AddEdge(e, Never)
			}
		case op.Select != nil:
			if m.selectStuck(op.Select) {
				costs.AddInstr(op.Select, Never)
				if _, seen := blocks[op.Select]; !seen {
					blocks[op.Select] = Block{Instr: op.Select, Op: op, Reason: r}
				}
			}
		case op.Blocking():
			costs.AddInstr(op.Instr, Never)
			blocks[op.Instr] = Block{Instr: op.Instr, Op: op, Reason: r}
		}
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if sel, ok := instr.(*ssa.Select); ok && sel.Blocking && len(sel.States) == 0 {
				costs.AddInstr(sel, Never) // select {}
				blocks[sel] = Block{Instr: sel}
				continue
			}
			call, ok := instr.(*ssa.Call)
			if !ok {
				continue
			}
			if callee := bodyOf(call.Call.StaticCallee()); callee != nil && m.endless[callee] != nil {
				costs.AddInstr(call, Never)
				blocks[call] = Block{Instr: call, Callee: callee}
			}
		}
	}
	return costs, blocks
}

// selectStuck reports whether select statement sel blocks for good: it has
// no default and every case is stuck.
func (m *Model) selectStuck(sel *ssa.Select) bool {
	if !sel.Blocking {
		return false
	}
	ops := m.OpAt(sel)
	if len(ops) != len(sel.States) {
		return false // a case on something that is not tracked
	}
	for _, op := range ops {
		if m.Stuck(op) == NotStuck {
			return false
		}
	}
	return len(ops) > 0
}

// nilTested reports whether op runs only where a test has found its
// channel not nil (if ch != nil { ch <- v }): where it is nil, it does not
// run at all.
func nilTested(op *Operation) bool {
	ch := sentOrReceived(op.Instr)
	return ch != nil && testedNonNil(ch, op.Instr.Block())
}

// sentOrReceived returns the channel a send or receive instruction
// operates on, or nil.
func sentOrReceived(instr ssa.Instruction) ssa.Value {
	switch x := instr.(type) {
	case *ssa.UnOp:
		return x.X
	case *ssa.Send:
		return x.Chan
	}
	return nil
}

// NilOnPath returns, for a send or receive outside a select, the edge of
// a phi through which its channel is nil on some path (ch = nil on an
// error path, then <-ch), or false: a nil channel blocks forever. A test
// of the channel against nil that guards the operation clears it.
func (m *Model) NilOnPath(op *Operation) (*ssa.Phi, int, bool) {
	if op.Select != nil || op.Op != Send && op.Op != Recv {
		return nil, 0, false
	}
	ch := sentOrReceived(op.Instr)
	if ch == nil {
		return nil, 0, false
	}
	for {
		ct, ok := ch.(*ssa.ChangeType)
		if !ok {
			break
		}
		ch = ct.X
	}
	phi, ok := ch.(*ssa.Phi)
	if !ok {
		return nil, 0, false
	}
	for cond, v := range knownAt(op.Instr.Block()) {
		if cmp, ok := cond.(*ssa.BinOp); ok && (cmp.X == phi || cmp.Y == phi) {
			_ = v
			return nil, 0, false // guarded by a test against nil
		}
	}
	nilEdge := -1
	for i, e := range phi.Edges {
		if IsNil(e) {
			nilEdge = i
		} else if pred := phi.Block().Preds[i]; !pred.Dominates(op.Instr.Block()) && impliesPassed(op.Instr, pred) {
			return nil, 0, false // guarded by the test under which it was set
		}
	}
	return phi, nilEdge, nilEdge >= 0
}

// PriceEndlessRanges prices Never, in costs, the ways out of fn's ranges
// over channels that are never closed (a Ticker's): no path leaves them.
func (m *Model) PriceEndlessRanges(fn *ssa.Function, costs *Costs) {
	for _, o := range m.OpsIn(fn) {
		if o.Op != Range || m.Stuck(o) != NeverClose {
			continue
		}
		if e, ok := RangeEnd(o); ok {
			costs.AddEdge(e, Never)
		}
	}
}

// LeavesRange reports whether the body of range op can return from its
// function: a range over a channel nobody closes still ends the loop
// there (for range ticker.C { if done() { return } }).
func (m *Model) LeavesRange(op *Operation) bool {
	end, ok := RangeEnd(op)
	if !ok {
		return false
	}
	costs := &Costs{}
	m.PriceEndlessRanges(op.Fn(), costs)
	costs.AddEdge(end, Never)
	return cheapestReturn(end.From.Succs[0], 0, costs) != nil
}

// Lone cases: a select case whose channel can never be ready gives the
// select no way out. Such are a receive from the Done channel of a context
// nothing cancels (context.Background(), and what derives from it through
// WithValue, or a WithCancel whose cancel nobody calls) and an operation
// on a channel only nil reaches. A select with no default whose other
// cases are all such waits on its one live case alone, as if it were
// written alone: with ctx := context.Background(),
//
//	select {
//	case <-ctx.Done():
//	case ch <- v:
//	}
//
// is ch <- v.

// findLoneCases sets Alone on the live case of such selects, and records
// it in m.lone (its index + 1) for the uses findObjects makes.
func (m *Model) findLoneCases() {
	m.lone = make(map[*ssa.Select]int)
	dead := make(map[*ssa.Select]int)
	var cases []*Operation
	for _, c := range m.Classes() {
		for _, op := range c.Ops {
			if op.Select == nil || !op.Select.Blocking || len(op.Select.States) < 2 || op.Callee != nil {
				continue
			}
			if m.neverReady(op) {
				dead[op.Select]++
			} else {
				cases = append(cases, op)
			}
		}
	}
	for _, op := range cases {
		if dead[op.Select] == len(op.Select.States)-1 {
			op.Alone = true
			m.lone[op.Select] = op.Case + 1
		}
	}
}

// neverReady reports whether select case op can never proceed: it
// receives from the Done channel of a context nothing cancels, or its
// channel is nil wherever it runs.
func (m *Model) neverReady(op *Operation) bool {
	c := op.Class
	if c.Kind != Chan || op.Op != Send && op.Op != Recv {
		return false
	}
	if ctx := c.DoneOf; ctx != nil {
		ops, outside := m.Cancellers(ctx)
		return op.Op == Recv && len(ops) == 0 && !outside
	}
	return c.nilOnly() && !nilTested(op)
}

// nilOnly reports whether only the zero value, nil, reaches the
// variables and fields of channel class c: nothing makes its channels,
// and no code outside the package hands any in.
func (c *Class) nilOnly() bool {
	return c.Kind == Chan && len(c.Creations) == 0 && c.Outside == 0 && !c.Timer && c.DoneOf == nil
}
