package model

import (
	"cmp"
	"go/constant"
	"go/token"
	"go/types"
	"maps"
	"slices"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// A LockKind is the kind of a LockFinding.
type LockKind uint8

const (
	// DoubleLock: a goroutine takes a lock it already holds: Lock twice,
	// Lock after RLock, RLock after Lock, or RLock twice with a writer
	// about (a waiting Lock blocks the second RLock).
	DoubleLock LockKind = iota + 1
	// HeldAcross: a lock is held across an operation whose partners all
	// need that lock first.
	HeldAcross
	// Inversion: two locks taken in both orders, by code that can run on
	// two goroutines; or two instances of one type locked in the order of
	// the arguments, with nothing that orders them.
	Inversion
	// Unreleased: a lock released on some paths of a function is left
	// held on another that returns.
	Unreleased
	// CondUnsignalled: a function changes what a Cond.Wait waits for and
	// signals nothing.
	CondUnsignalled
	// CondUnwoken: a function changes what another Wait on its Cond waits
	// for, then waits itself without waking it.
	CondUnwoken
)

// A LockFinding is a way a goroutine can block forever on a lock, or
// on a Cond.
type LockFinding struct {
	Kind LockKind
	// At is where it is reported: the operation that blocks (a Lock, a
	// channel operation, a Wait), or the call through which the function
	// reached it; for Unreleased, the Lock.
	At ssa.Instruction
	// Inner is, when At is a call, the operation the call reaches, and Via
	// the calls leading there from At (Via[0] == At).
	Inner ssa.Instruction
	Via   []ssa.Instruction
	// Held is the lock held: where it was taken (its Lock, or a call that
	// returned holding it), and, when the function's callers hold it, the
	// call through which they do.
	Held *LockSite
	// Takes is the lock taken again (DoubleLock), or the second lock
	// (Inversion).
	Takes *LockSite
	// Blocked are the operations that wait (HeldAcross): one, or the cases
	// of a select; Partner is one that would release them, and Needs where
	// its goroutine takes the lock first.
	Blocked []*Operation
	Partner *Operation
	Needs   ssa.Instruction
	// Other is the inversion's other side: the function holding the
	// second lock where it takes the first.
	Other *LockFinding
	// Return is where the function returns with the lock held
	// (Unreleased); Loop is set when it goes round its loop first.
	Return *ssa.Return
	Loop   bool
	// Next is another place the lock is taken, which then blocks.
	Next ssa.Instruction
	// Unlocks are the calls that unlock it in the function (Unreleased),
	// and Relocks reports whether the function takes it anywhere else.
	Unlocks []ssa.Instruction
	Relocks bool
	// Writer is a Lock that makes a second RLock block.
	Writer ssa.Instruction
	// Store, Field and Wait describe a Cond finding: the store to a field
	// the Wait's condition reads, and the other Wait (CondUnwoken).
	Store *ssa.Store
	Field *types.Var
	Wait  *Operation
}

// A LockSite is where a lock is taken.
type LockSite struct {
	Instr ssa.Instruction // the Lock call, or the call that returned holding it
	Inner ssa.Instruction // the Lock call itself, when Instr is a call
	Read  bool            // RLock
	// Caller is set when the function's callers hold the lock: one of the
	// calls through which they do (Instr is then in the caller).
	Caller ssa.Instruction
	// Fields is the chain of fields that holds the lock in its object,
	// when known (the mu of s.mu).
	Fields []*types.Var
}

// Pos returns where f is reported.
func (f *LockFinding) Pos() token.Pos {
	if call, ok := f.At.(ssa.CallInstruction); ok {
		return call.Common().Pos()
	}
	return f.At.Pos()
}

func site(h *heldLock) *LockSite {
	s := &LockSite{Instr: h.at, Inner: h.inner, Read: h.mode == lockRead, Fields: h.tail}
	if h.caller {
		s.Caller = h.site
	}
	return s
}

func (a *lockAnalysis) report(f *LockFinding) {
	if a.reported[f.At] || a.m.InTest(f.At) || f.Held != nil && f.Held.Caller != nil && a.m.InTest(f.Held.Caller) {
		return // in test code, or held only by tests that call it
	}
	a.reported[f.At] = true
	a.findings = append(a.findings, f)
}

// summarizeBlocks records the blocking operations lf's function may wait
// in, directly or through its callees, whose partners all need a lock.
func (a *lockAnalysis) summarizeBlocks(lf *lockFn) {
	add := func(b *lockBlock) {
		if len(lf.blocks) < 16 && !slices.ContainsFunc(lf.blocks, func(x *lockBlock) bool { return x.ops[0] == b.ops[0] }) {
			lf.blocks = append(lf.blocks, b)
		}
	}
	for _, ev := range lf.events {
		switch ev.kind {
		case evBlock:
			if ev.doomed {
				continue
			}
			if keys := a.sensitive(ev.ops); len(keys) > 0 {
				add(&lockBlock{ops: ev.ops, released: ev.st.released, keys: keys, callbacks: a.callbacksOf(ev.ops, keys)})
			}
		case evCall:
			if ev.doomed {
				continue
			}
			for _, c := range ev.calls {
				if c.lf == nil || c.invoke || c.param {
					continue // which type's method, which callback, runs is not known
				}
				for _, b := range c.lf.blocks {
					if nilChanArg(c, b.ops) {
						continue
					}
					keys, cbs := a.atCall(ev.instr, b)
					if len(keys) == 0 {
						continue
					}
					nb := &lockBlock{ops: b.ops, via: append([]ssa.Instruction{ev.instr}, b.via...), keys: keys, callbacks: cbs, released: slices.Clone(ev.st.released)}
					for _, r := range b.released {
						nb.released = append(nb.released, a.substCallee(c, r))
					}
					add(nb)
				}
			}
		}
	}
}

// nilChanArg reports whether c is called with nil for the channel of one
// of ops, a parameter of c: the function does not reach them then.
func nilChanArg(c *lockCallee, ops []*Operation) bool {
	for _, op := range ops {
		if op.Fn() != c.lf.fn {
			continue
		}
		if p, ok := opChan(op).(*ssa.Parameter); ok {
			if v, ok := c.bind[p]; ok {
				if k, ok := v.path.root.(*ssa.Const); ok && k.IsNil() && v.path.steps == "" {
					return true
				}
			}
		}
	}
	return false
}

// sensitive returns the locks that every goroutine that can release ops
// (a blocking operation, or the cases of a select) takes before it does,
// each with where it takes it; nil if there are none, or if something
// the package cannot see may release them.
func (a *lockAnalysis) sensitive(ops []*Operation) map[any]ssa.Instruction {
	var keys map[any]ssa.Instruction
	for i, op := range ops {
		k := a.sensitiveOp(op)
		if len(k) == 0 {
			return nil
		}
		if i == 0 {
			keys = k
			continue
		}
		keys = a.intersectKeys(keys, k)
	}
	return keys
}

func (a *lockAnalysis) sensitiveOp(op *Operation) map[any]ssa.Instruction {
	if k, ok := a.sensMemo[op]; ok {
		return k
	}
	a.sensMemo[op] = nil
	partners, outside := a.m.Partners(op)
	if outside || len(partners) == 0 || op.Op == Send && a.covered(op) || a.m.ClosedFirst(op) != nil {
		return nil
	}
	var keys map[any]ssa.Instruction
	n := 0
	for _, p := range partners {
		if p.Op == Go || p.Callee != nil {
			return nil // a task's function, or another package's: not followed
		}
		if a.releasedBefore(op, p) {
			continue
		}
		if op.Op == Recv && p.Op == Send && !op.Class.Unbuffered() && (p.Select == nil || p.Select.Blocking) && !a.freshReply(op) {
			// A sender that waits for room: the buffer passes values
			// between critical sections, as many as they count.
			return nil
		}
		k := a.needs(op, p)
		if a.firstMessage(op, p) {
			// The goroutine is on its way to its first receive: only a
			// lock it holds there stands in the way.
			k = nil
			if pf := a.fns[p.Fn()]; pf != nil {
				if st := pf.stateAt(p.Instr); st != nil {
					k = make(map[any]ssa.Instruction)
					for _, h := range st.held {
						k[h.key] = h.inner
					}
				}
			}
		}
		if op.Op == Send && p.Op == Recv && a.m.tokenPaired(p) {
			// A token its holder gives back (procGwNetwork <- true; defer
			// func() { <-procGwNetwork }()): the locks it held when it
			// took the token are held in the same order as b's side holds
			// them now, and are another instance's if b's side holds them.
			// Only those it takes after the token stand in the way.
			k = maps.Clone(k)
			for _, s := range op.Class.Ops {
				if s.Op == Send && (s.Fn() == p.Fn() || s.Fn() == p.Fn().Parent()) {
					for key := range a.needs(op, s) {
						delete(k, key)
					}
				}
			}
		}
		if op.Op == Send && !op.Class.Unbuffered() {
			// A receiver that takes values while it holds a lock takes
			// them from the buffer, between critical sections: the
			// sender needs the room, not the receiver's presence.
			if pf := a.fns[p.Fn()]; pf != nil && pf.opState[p.Instr] != nil {
				k = maps.Clone(k)
				for _, h := range pf.opState[p.Instr].held {
					delete(k, h.key)
				}
			}
		}
		if n == 0 {
			keys = k
		} else {
			keys = a.intersectKeys(keys, k)
		}
		n++
		if len(keys) == 0 {
			return nil
		}
	}
	a.sensMemo[op] = keys
	return keys
}

// freshReply reports whether receive op, outside a loop, takes from a
// channel its own function makes: a reply channel (resp := make(chan T,
// 1); c.reqs <- req{resp}; <-resp). Nothing was sent on it before the
// function made it, so its buffer holds no value from an earlier critical
// section: the one receive waits for a send still to come.
func (a *lockAnalysis) freshReply(op *Operation) bool {
	if a.m.InLoop(op.Instr) {
		return false
	}
	ch := storedOnce(opChan(op))
	if load, ok := ch.(*ssa.UnOp); ok && load.Op == token.MUL {
		if fa, ok := load.X.(*ssa.FieldAddr); ok {
			ch = fieldsOf(fa.X)[fa.Field] // a field of a request it builds
		}
	}
	mc, ok := ch.(*ssa.MakeChan)
	return ok && mc.Parent() == op.Fn()
}

// firstMessage reports whether send op is the first message receive p
// gets: op's function makes the channel, starts the goroutine that runs
// p (a literal it passes to go, or to a function that runs it) before op,
// sends on it once, and nothing else sends on or closes it before op. The
// goroutine has not yet taken any lock its loop takes after a receive.
func (a *lockAnalysis) firstMessage(op, p *Operation) bool {
	fn := op.Fn()
	if op.Op != Send || p.Fn().Parent() != fn || a.m.InLoop(op.Instr) {
		return false
	}
	c := op.Class
	for _, v := range c.Creations {
		if mc, ok := v.(*ssa.MakeChan); !ok || mc.Parent() != fn {
			return false
		}
	}
	// after reports whether instr runs only after op: in fn, past it; in
	// a literal of fn, started or called past it.
	var after func(instr ssa.Instruction) bool
	after = func(instr ssa.Instruction) bool {
		if instr.Parent() == fn {
			return instr == op.Instr || Dominates(op.Instr, instr)
		}
		if instr.Parent().Parent() == nil {
			return false
		}
		sites := closureSites(instr.Parent())
		return len(sites) > 0 && !slices.ContainsFunc(sites, func(site ssa.Instruction) bool { return !after(site) })
	}
	for _, o := range c.Ops {
		if (o.Op == Send || o.Op == Close) && !after(o.Instr) {
			return false
		}
	}
	sites := closureSites(p.Fn())
	return len(sites) > 0 && !slices.ContainsFunc(sites, func(site ssa.Instruction) bool {
		_, ok := site.(ssa.CallInstruction)
		return !ok || !Dominates(site, op.Instr)
	})
}

// callbacksOf returns, for the keys the partners of ops take only in
// callbacks, those callbacks; only when the function that waits in ops
// also starts the goroutines of all their partners (a helper that runs
// callbacks and waits for them), for a call of it then starts those that
// run the callbacks it passes. Where they are started elsewhere (a
// tracker's Go, waited for in its Wait), which callbacks run is not up to
// the call that waits.
func (a *lockAnalysis) callbacksOf(ops []*Operation, keys map[any]ssa.Instruction) map[any]map[*ssa.Function]bool {
	for _, op := range ops {
		partners, _ := a.m.Partners(op)
		for _, p := range partners {
			if outermost(p.Fn()) != outermost(op.Fn()) {
				return nil
			}
		}
	}
	var out map[any]map[*ssa.Function]bool
	for k := range keys {
		if fns := a.callbackLocks[k]; fns != nil {
			if out == nil {
				out = make(map[any]map[*ssa.Function]bool)
			}
			out[k] = fns
		}
	}
	return out
}

// atCall returns the keys of block b that count at call, a call of the
// function b is in, and those still up to its callers. A key a partner
// takes only in a callback counts where the call passes that callback:
// a helper that runs what its callers pass on goroutines, and waits for
// them, blocks a caller holding a lock only when the caller's own callback
// takes it. Where the call passes on its own function's parameter, its
// callers decide.
func (a *lockAnalysis) atCall(call ssa.Instruction, b *lockBlock) (map[any]ssa.Instruction, map[any]map[*ssa.Function]bool) {
	if len(b.callbacks) == 0 {
		return b.keys, nil
	}
	keys := maps.Clone(b.keys)
	var cbs map[any]map[*ssa.Function]bool
	args := call.(ssa.CallInstruction).Common().Args
	for k, fns := range b.callbacks {
		passed, onward := false, false
		for _, arg := range args {
			switch x := arg.(type) {
			case *ssa.Function:
				passed = passed || fns[bodyOf(x)]
			case *ssa.MakeClosure:
				passed = passed || fns[x.Fn.(*ssa.Function)]
			default:
				for _, fv := range a.funcValues(arg, 0, make(map[*ssa.Function]bool)) {
					onward = onward || fns[fv.fn]
				}
			}
		}
		switch {
		case passed:
		case onward:
			if cbs == nil {
				cbs = make(map[any]map[*ssa.Function]bool)
			}
			cbs[k] = fns
		default:
			delete(keys, k)
		}
	}
	return keys, cbs
}

// intersectKeys returns the locks both x and y need. Where one side
// takes a lock only while a channel is open (see openGuards) and the
// other takes it anyway, the guarded acquisition
// stands for both: the lock is needed by all only if it is needed where
// the guard does not hold.
func (a *lockAnalysis) intersectKeys(x, y map[any]ssa.Instruction) map[any]ssa.Instruction {
	out := make(map[any]ssa.Instruction)
	for k, v := range x {
		if w, ok := y[k]; ok {
			if len(a.guards[w]) > 0 && len(a.guards[v]) == 0 {
				v = w
			}
			out[k] = v
		}
	}
	return out
}

// covered reports whether send op, on a buffered channel, always finds
// room: its buffer, of constant size, holds every send of the function
// that makes it (none in a loop), or is sized at run time by the function
// that makes it and makes every send, or holds as many as the loop of the
// one send makes (see overfills).
func (a *lockAnalysis) covered(op *Operation) bool {
	if a.roomChecked(op) || a.putsBack(op) {
		return true
	}
	c := op.Class
	var maker *ssa.Function
	size := int64(-1)
	for _, v := range c.Creations {
		mc, ok := v.(*ssa.MakeChan)
		if !ok {
			return false
		}
		if maker == nil || mc.Parent() == maker {
			maker = mc.Parent()
		} else {
			maker = nil // made in several functions
		}
		if k, ok := mc.Size.(*ssa.Const); ok {
			if n := k.Int64(); size < 0 || n < size {
				size = n
			}
		} else if size < 0 {
			size = 1 << 30
		}
	}
	if size <= 0 {
		return false
	}
	if !slices.ContainsFunc(c.Ops, func(o *Operation) bool { return o.Op == Send && !a.onceGuarded(o.Instr) }) {
		return true // each object sends once, into room for one
	}
	if a.m.InLoop(op.Instr) && a.onlySender(op) && !a.m.overfills(op) {
		return true // the one send on its channel, in a loop whose count the buffer holds
	}
	if maker == nil {
		return false
	}
	sends := 0
	for _, o := range c.Ops {
		if o.Op != Send {
			continue
		}
		if !within(o.Fn(), maker) || a.m.InLoop(o.Instr) {
			return false
		}
		for _, s := range a.m.Goroutines(map[*ssa.Function]bool{o.Fn(): true}) {
			if s.InLoop && size < 1<<30 {
				return false
			}
		}
		sends++
	}
	return int64(sends) <= size
}

// onlySender reports whether send op is the one send on the channel it
// sends on: a channel its function makes, that every other send of its
// class provably does not send on (each sends on a channel made
// elsewhere).
func (a *lockAnalysis) onlySender(op *Operation) bool {
	mine, ok := storedOnce(opChan(op)).(*ssa.MakeChan)
	if !ok || mine.Parent() != op.Fn() || op.Class.Outside.Has(Send) {
		return false
	}
	for _, o := range op.Class.Ops {
		if o.Op != Send || o == op {
			continue
		}
		if other, ok := storedOnce(opChan(o)).(*ssa.MakeChan); !ok || other == mine {
			return false
		}
	}
	return true
}

// roomChecked reports whether send op finds room because it was checked
// for under a lock every send on the channel holds: it runs only where
// len(ch) == cap(ch) was false (or len(ch) < cap(ch) true), and a lock
// taken before that test is still held at the send, as at every other
// send. No one can fill the buffer in between (VictoriaMetrics's
// FastQueue writes to its in-memory queue so, and to a file when full).
func (a *lockAnalysis) roomChecked(op *Operation) bool {
	send, ok := op.Instr.(*ssa.Send)
	if !ok || op.Class.Unbuffered() || op.Class.Direct.Has(Send) {
		return false
	}
	check := roomTest(send, op.Class)
	if check == nil {
		return false
	}
	return a.heldSince(op, func(h *heldLock) bool {
		return !h.caller && h.at != nil && h.at.Parent() == send.Parent() && Dominates(h.at, check)
	})
}

// putsBack reports whether send op puts back into the channel what was
// taken from it, under a lock every send on the channel holds: a receive
// from the same channel is made before the send on every way to it, once
// for each time the send is made, and the lock is held from before that
// receive to the send, so the room the receive made is still there
// (go-waku's filter manager parks the batches of other topics again
// while it drains its queue). Outside code cannot send on the channel
// itself: it is kept in an unexported field, or not handed out at all.
func (a *lockAnalysis) putsBack(op *Operation) bool {
	send, ok := op.Instr.(*ssa.Send)
	if !ok || op.Class.Unbuffered() || op.Class.Direct.Has(Send) {
		return false
	}
	if slices.ContainsFunc(op.Class.Ops, func(o *Operation) bool { return o != op && o.Op == Send && o.Fn() == op.Fn() }) {
		return false // the round may send twice
	}
	for _, r := range op.Class.Ops {
		if r.Op != Recv && r.Op != Range || r.Select != nil || r.Fn() != op.Fn() ||
			!sameAddress(opChan(r), send.Chan) || !Dominates(r.Instr, send) ||
			reachAvoiding(send, send, map[ssa.Instruction]bool{r.Instr: true}) {
			continue
		}
		if a.heldSince(op, func(h *heldLock) bool {
			return h.caller || h.at != nil && h.at.Parent() == send.Parent() && Dominates(h.at, r.Instr)
		}) {
			return true
		}
	}
	return false
}

// heldSince reports whether a lock held at send op, taken where since
// says, is held at every other send of its class too.
func (a *lockAnalysis) heldSince(op *Operation, since func(*heldLock) bool) bool {
	for _, h := range a.heldAt(op.Instr) {
		if !since(h) {
			continue
		}
		if !slices.ContainsFunc(op.Class.Ops, func(s *Operation) bool {
			return s.Op == Send && s != op && !slices.ContainsFunc(a.heldAt(s.Instr), func(x *heldLock) bool { return x.key == h.key })
		}) {
			return true // every other send holds it too
		}
	}
	return false
}

// heldAt returns the locks held before instr, a channel or sync
// operation or a call (see stateAt), those its function's callers hold
// included, or nil when that is not known.
func (a *lockAnalysis) heldAt(instr ssa.Instruction) []*heldLock {
	if lf := a.fns[instr.Parent()]; lf != nil {
		if st := lf.stateAt(instr); st != nil {
			return a.fullHeld(lf, st)
		}
	}
	return nil
}

// roomTest returns the test of len(ch) against cap(ch), for the channel
// send sends on, that every way to the send passes on its room way (see
// knownAt), or nil; of several, the nearest to the send. A test of len(ch)
// against a constant below every capacity the channels of class c are
// made with (len(ch) == 0, for make(chan T, 1)) tells of room too.
func roomTest(send *ssa.Send, c *Class) ssa.Instruction {
	var nearest *ssa.BinOp
	// minCap is the least capacity of c's channels, or -1 if one is not
	// a constant.
	minCap := int64(-1)
	for i, v := range c.Creations {
		mc, ok := v.(*ssa.MakeChan)
		if !ok {
			minCap = -1
			break
		}
		n, ok := intConst(mc.Size)
		if !ok {
			minCap = -1
			break
		}
		if i == 0 || n < minCap {
			minCap = n
		}
	}
	// below reports whether a test of len(ch) against constant y, known
	// to be taken or not, leaves len(ch) below minCap.
	below := func(y ssa.Value, op token.Token, taken bool) bool {
		n, ok := intConst(y)
		if !ok || minCap < 0 {
			return false
		}
		switch {
		case op == token.EQL && taken, op == token.NEQ && !taken, op == token.LEQ && taken, op == token.GTR && !taken:
			return n < minCap // len(ch) <= n
		case op == token.LSS && taken, op == token.GEQ && !taken:
			return n <= minCap // len(ch) < n
		}
		return false
	}
	isCall := func(v ssa.Value, name string) bool {
		call, ok := v.(*ssa.Call)
		if !ok {
			return false
		}
		b, ok := call.Call.Value.(*ssa.Builtin)
		return ok && b.Name() == name && len(call.Call.Args) == 1 && sameAddress(call.Call.Args[0], send.Chan)
	}
	for cond, taken := range knownAt(send.Block()) {
		cmp, ok := cond.(*ssa.BinOp)
		if !ok {
			continue
		}
		x, y, op := cmp.X, cmp.Y, cmp.Op
		if isCall(x, "cap") && isCall(y, "len") {
			x, y, op = y, x, mirrored(op)
		}
		if isCall(x, "len") && below(y, op, taken) {
			if nearest == nil || Dominates(nearest, cmp) {
				nearest = cmp
			}
			continue
		}
		if !isCall(x, "len") || !isCall(y, "cap") {
			continue
		}
		room := (op == token.EQL || op == token.GEQ) && !taken || (op == token.NEQ || op == token.LSS) && taken
		if room && (nearest == nil || Dominates(nearest, cmp)) {
			nearest = cmp
		}
	}
	if nearest == nil {
		return nil
	}
	return nearest
}

// onceGuarded reports whether send instr runs at most once per object:
// behind a test-and-set of a field (if !s.closed.CompareAndSwap(0, 1) {
// return }; if !s.sent { s.sent = true; … }), or in the function a
// sync.Once runs.
func (a *lockAnalysis) onceGuarded(instr ssa.Instruction) bool {
	if mc := a.m.closures[instr.Parent()]; mc != nil {
		for _, r := range Refs(mc) {
			if call, ok := r.(ssa.CallInstruction); ok && IsFunc(Callee(call.Common()), "sync", "Once.Do") {
				return true
			}
		}
	}
	for cond, val := range knownAt(instr.Block()) {
		if not, ok := cond.(*ssa.UnOp); ok && not.Op == token.NOT {
			cond, val = not.X, !val
		}
		if call, ok := cond.(*ssa.Call); ok && val && strings.HasPrefix(calleeMethod(call), "CompareAndSwap") {
			return true
		}
		f := fieldTested(cond)
		if f == nil {
			continue
		}
		// Set between the test and the send.
		for b := instr.Block(); b != nil; b = b.Idom() {
			for _, x := range b.Instrs {
				if x == instr {
					break
				}
				if fieldSet(x) == f {
					return true
				}
			}
			if ifInstr, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If); ok && ifInstr.Cond == cond {
				break
			}
		}
	}
	return false
}

// calleeMethod returns the name of the method call calls, or "".
func calleeMethod(call *ssa.Call) string {
	if fn := Callee(&call.Call); fn != nil && fn.Signature().Recv() != nil {
		return fn.Name()
	}
	return ""
}

// fieldTested returns the field a condition reads: s.sent, !s.sent,
// s.state.Load() == 0.
func fieldTested(cond ssa.Value) *types.Var {
	switch x := cond.(type) {
	case *ssa.BinOp:
		if _, ok := x.Y.(*ssa.Const); ok {
			return fieldTested(x.X)
		}
	case *ssa.UnOp:
		if x.Op == token.NOT {
			return fieldTested(x.X)
		}
		if fa, ok := x.X.(*ssa.FieldAddr); ok && x.Op == token.MUL {
			return fieldVar(fa.X.Type(), fa.Field)
		}
	case *ssa.Call:
		if calleeMethod(x) == "Load" && len(x.Call.Args) == 1 {
			if fa, ok := x.Call.Args[0].(*ssa.FieldAddr); ok {
				return fieldVar(fa.X.Type(), fa.Field)
			}
		}
	}
	return nil
}

// fieldSet returns the field instr sets: a store to it, or an atomic
// Store, Swap or CompareAndSwap on it.
func fieldSet(instr ssa.Instruction) *types.Var {
	var addr ssa.Value
	switch x := instr.(type) {
	case *ssa.Store:
		addr = x.Addr
	case *ssa.Call:
		switch m := calleeMethod(x); {
		case m == "Store", m == "Swap", strings.HasPrefix(m, "CompareAndSwap"):
			if len(x.Call.Args) > 0 {
				addr = x.Call.Args[0]
			}
		}
	}
	if fa, ok := addr.(*ssa.FieldAddr); ok {
		return fieldVar(fa.X.Type(), fa.Field)
	}
	return nil
}

// within reports whether fn is outer or a function literal in it.
func within(fn, outer *ssa.Function) bool {
	for ; fn != nil; fn = fn.Parent() {
		if fn == outer {
			return true
		}
	}
	return false
}

// releasedBefore reports whether partner p runs only before the
// goroutines that block in op start, while op can block again and again:
// the first send on a channel whose receiver is started after it, in a
// loop.
func (a *lockAnalysis) releasedBefore(op, p *Operation) bool {
	if !a.m.InLoop(op.Instr) || a.m.InLoop(p.Instr) {
		return false
	}
	up := a.m.Up(op.Fn())
	for f := range up {
		if a.m.Entry(f) {
			return false
		}
	}
	gs := a.m.Goroutines(up)
	if len(gs) == 0 {
		return false
	}
	for _, s := range gs {
		if s.Parent != p.Fn() || !Dominates(p.Instr, s.Start) {
			return false
		}
	}
	return true
}

// needs returns the locks that every goroutine reaching partner p takes
// before it does, with where.
func (a *lockAnalysis) needs(op, p *Operation) map[any]ssa.Instruction {
	var inst instance
	if f := holderField(op); f != nil {
		inst = instance{field: f, base: partnerBase(p)}
	}
	return a.need(p.Fn(), []ssa.Instruction{p.Instr}, p.Class, inst, make(map[*ssa.Function]bool))
}

// Instances. A class merges the channels of every object of a type: the
// close in an event's Fire is a partner of a receive from every event's
// Done. When b's side reaches its channel through a field (<-w.done.Done(),
// <-w.done.c), need follows a partner up only through the calls that may
// reach the object that field holds: w.done.Fire(), not w.closed.Fire().
type instance struct {
	field *types.Var // the field b's side holds its channel's object in
	base  ssa.Value  // what holds that object where need is, if known
}

// holderField returns the field through which op reaches the object whose
// channel it uses: done for <-w.done.Done() or <-w.done.c; or nil.
func holderField(op *Operation) *types.Var {
	obj := objectOf(opChan(op), op.Class)
	if obj == nil {
		return nil
	}
	f := loadedField(obj)
	if f == nil {
		return nil
	}
	if _, ok := f.Type().Underlying().(*types.Pointer); !ok {
		return nil // a struct value: copies share its channel
	}
	return f
}

// partnerBase returns the object whose channel partner p uses.
func partnerBase(p *Operation) ssa.Value { return objectOf(opChan(p), p.Class) }

// objectOf returns the object channel ch belongs to: x of x.c, for a
// field c of the class, or the receiver of the method that returns it
// (x.Done()).
func objectOf(ch ssa.Value, c *Class) ssa.Value {
	switch x := ch.(type) {
	case *ssa.UnOp:
		if fa, ok := x.X.(*ssa.FieldAddr); ok && x.Op == token.MUL && slices.Contains(c.Fields, loadedField(x)) {
			return fa.X
		}
	case *ssa.Call:
		if g := x.Call.StaticCallee(); g != nil && g.Signature.Recv() != nil && len(x.Call.Args) > 0 {
			return x.Call.Args[0]
		}
	}
	return nil
}

// at returns inst as seen at site s, a call of fn: what s passes for
// the base; false when it passes an object held in another field than
// b's side holds its own in.
func (a *lockAnalysis) at(inst instance, s *lockSite, fn *ssa.Function) (instance, bool) {
	if inst.field == nil || inst.base == nil {
		return instance{}, true
	}
	var v ssa.Value
	base := inst.base
	if load, ok := base.(*ssa.UnOp); ok && load.Op == token.MUL {
		base = load.X // a captured variable's cell
	}
	switch b := base.(type) {
	case *ssa.Parameter:
		call, ok := s.ev.instr.(ssa.CallInstruction)
		if i := slices.Index(fn.Params, b); ok && i >= 0 && bodyOf(call.Common().StaticCallee()) == fn && i < len(call.Common().Args) {
			v = call.Common().Args[i]
		}
	case *ssa.FreeVar:
		if mc := a.m.closures[fn]; mc != nil && mc.Parent() == s.caller.fn {
			if i := slices.Index(fn.FreeVars, b); i >= 0 && i < len(mc.Bindings) {
				v = mc.Bindings[i]
				if alloc, ok := v.(*ssa.Alloc); ok && b != inst.base {
					v = nil
					if st := onlyStore(alloc); st != nil {
						v = st.Val
					}
				}
			}
		}
	}
	if v == nil {
		return instance{field: inst.field}, true
	}
	if f := loadedField(v); f != nil {
		return instance{}, f == inst.field
	}
	return instance{field: inst.field, base: v}, true
}

// need returns the locks taken before one of targets (instructions of fn)
// on every way a goroutine can get there: in fn before them, or in every
// caller before its calls of fn. It returns nil when it cannot tell.
func (a *lockAnalysis) need(fn *ssa.Function, targets []ssa.Instruction, class *Class, inst instance, visiting map[*ssa.Function]bool) map[any]ssa.Instruction {
	lf := a.fns[fn]
	if lf == nil || lf.state != 2 {
		return nil
	}
	keys := a.keysBefore(lf, targets, class)
	if a.root(lf) {
		return keys
	}
	callers := make(map[*lockFn][]ssa.Instruction)
	insts := make(map[*lockFn]instance)
	var order []*lockFn
	for _, s := range lf.sites {
		next, ok := a.at(inst, s, fn)
		if !ok {
			continue // a call on another object
		}
		if prev, ok := insts[s.caller]; !ok {
			order = append(order, s.caller)
			insts[s.caller] = next
		} else if prev != next {
			insts[s.caller] = instance{field: inst.field}
		}
		callers[s.caller] = append(callers[s.caller], s.ev.instr)
	}
	visiting[fn] = true
	defer delete(visiting, fn)
	var up map[any]ssa.Instruction
	known := false
	for _, c := range order {
		if visiting[c.fn] {
			continue
		}
		memo := needKey{c.fn, fn, class, insts[c]}
		k, ok := a.needMemo[memo]
		if !ok {
			k = a.need(c.fn, callers[c], class, insts[c], visiting)
			a.needMemo[memo] = k
		}
		if k == nil {
			continue
		}
		if !known {
			up, known = k, true
		} else {
			up = a.intersectKeys(up, k)
		}
	}
	if len(up) == 0 {
		return keys
	}
	out := make(map[any]ssa.Instruction, len(keys)+len(up))
	for k, v := range up {
		out[k] = v
	}
	for k, v := range keys {
		if w, ok := out[k]; !ok || len(a.guards[w]) > 0 {
			out[k] = v
		}
	}
	return out
}

// root reports whether lf's function can start a goroutine's run, or be
// called where the package cannot see: a goroutine's body, a function
// used as a value, an exported function, one nothing in the package calls.
func (a *lockAnalysis) root(lf *lockFn) bool {
	fn := lf.fn
	if a.spawned[fn] || a.used[fn] || len(lf.sites) == 0 {
		return true
	}
	obj, ok := fn.Object().(*types.Func)
	return ok && fn.Parent() == nil && obj.Exported() && a.m.Entry(fn) // not a method outside code cannot reach (hidden.go)
}

// keysBefore returns the locks lf's function takes on the way to one of
// targets, in a way that can stop it there while another goroutine holds
// them: it holds them at the target; or takes them in a loop that runs
// the target too; or the target runs when the function returns (a
// deferred call), after everything it does; or the function is a
// goroutine's body that takes them before the target, when it may not
// have started yet. A lock taken and released once on the way, by a
// function called from elsewhere, has been released before anyone could
// wait for the target. Where the function publishes the channel of class
// c (stores it, or what holds it, where other goroutines can read it), a
// lock taken before that is taken before anyone could wait on it, and
// one taken after it, even once, may be: exactly those taken between a
// publication and the target count.
func (a *lockAnalysis) keysBefore(lf *lockFn, targets []ssa.Instruction, c *Class) map[any]ssa.Instruction {
	keys := make(map[any]ssa.Instruction)
	for _, t := range targets {
		if st := lf.stateAt(t); st != nil {
			for _, h := range st.held {
				if _, ok := keys[h.key]; !ok {
					keys[h.key] = h.inner
					a.callbackLocks[h.key] = nil
				}
			}
		}
	}
	exit := slices.ContainsFunc(targets, func(t ssa.Instruction) bool { _, ok := t.(*ssa.Defer); return ok })
	start := a.spawned[lf.fn]
	pubs := a.publications(lf.fn, c)
	for _, ev := range lf.events {
		if ev.kind != evAcquire || ev.doomed || ev.acq.dispatched || ev.from != nil && ev.from.invoke {
			continue
		}
		_, ok := keys[ev.acq.key]
		if fns, seen := a.callbackLocks[ev.acq.key]; ok && seen && fns == nil {
			continue // taken otherwise than in a callback already
		}
		if _, deferred := ev.instr.(*ssa.Defer); deferred {
			continue
		}
		if exit && (len(pubs) == 0 || slices.ContainsFunc(pubs, func(p ssa.Instruction) bool { return reachAvoiding(p, ev.instr, nil) })) ||
			!exit && slices.ContainsFunc(targets, func(t ssa.Instruction) bool {
				if !a.reaches(lf, ev.instr, t) {
					return false
				}
				if len(pubs) > 0 {
					return published(pubs, ev.instr, t)
				}
				return start || a.reaches(lf, t, ev.instr)
			}) {
			a.noteGuard(ev)
			if !ok || len(a.guards[keys[ev.acq.key]]) > 0 && len(a.guards[ev.acq.op]) == 0 {
				keys[ev.acq.key] = ev.acq.op
			}
			a.noteCallback(ev)
		}
	}
	return keys
}

// noteCallback records in callbackLocks whether acquisition ev, which a
// goroutine needs, is taken in a callback its function's callers pass.
func (a *lockAnalysis) noteCallback(ev *lockEvent) {
	key := ev.acq.key
	fns, seen := a.callbackLocks[key]
	switch {
	case ev.from == nil || !ev.from.param || ev.from.lf == nil:
		a.callbackLocks[key] = nil
	case !seen:
		a.callbackLocks[key] = map[*ssa.Function]bool{ev.from.lf.fn: true}
	case fns != nil:
		fns[ev.from.lf.fn] = true
	}
}

// publications returns the instructions of fn that make a channel of class
// c reachable by other goroutines: a store of it, or of a value holding it
// (a struct with a field of its class, a slice or map of those), outside
// fn's own variables, or a send of one. For a WaitGroup, they are fn's
// Adds: a Wait waits for a goroutine's Done only once the goroutine is
// counted, so a lock it takes to Add (mu.Lock(); wg.Add(1); mu.Unlock();
// defer wg.Done()) is not one a Wait under that lock waits for. A call
// of a function of the package that publishes one (a helper that appends
// a new waiter's channel to a field) is a publication too.
func (a *lockAnalysis) publications(fn *ssa.Function, c *Class) []ssa.Instruction {
	if c == nil {
		return nil
	}
	key := needKey{fn, nil, c, instance{}}
	if pubs, ok := a.pubMemo[key]; ok {
		return pubs
	}
	a.pubMemo[key] = nil // a recursive call publishes nothing more
	pubs := a.publishing(fn, c)
	a.pubMemo[key] = pubs
	return pubs
}

func (a *lockAnalysis) publishing(fn *ssa.Function, c *Class) []ssa.Instruction {
	var pubs []ssa.Instruction
	if c.Kind == WaitGroup {
		for _, o := range a.m.OpsIn(fn) {
			if o.Class == c && o.Op == Add {
				pubs = append(pubs, o.Instr)
			}
		}
		return pubs // storing it does not make a Wait wait for anyone
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			var v ssa.Value
			switch x := instr.(type) {
			case *ssa.Store:
				if alloc, ok := x.Addr.(*ssa.Alloc); ok && (!alloc.Heap || a.cellRunsInline(alloc)) {
					continue
				}
				v = x.Val
			case *ssa.Send:
				v = x.X
			case *ssa.Call:
				if g := bodyOf(x.Call.StaticCallee()); g != nil && g.Pkg == fn.Pkg && len(a.publications(g, c)) > 0 {
					pubs = append(pubs, instr)
				}
				continue
			default:
				continue
			}
			if a.m.ClassOf(v) == c || holdsClass(v.Type(), c, 0) {
				pubs = append(pubs, instr)
			}
		}
	}
	return pubs
}

// cellRunsInline reports whether alloc, a variable on the heap because
// closures capture it, is read only by its function and by closures that
// run on its goroutine before it returns (e.once.Do(func() { close(e.c)
// })): storing into it shows the value to no other goroutine.
func (a *lockAnalysis) cellRunsInline(alloc *ssa.Alloc) bool {
	for _, r := range Refs(alloc) {
		switch r := r.(type) {
		case *ssa.Store, *ssa.DebugRef:
		case *ssa.UnOp:
			if r.Op != token.MUL {
				return false
			}
		case *ssa.MakeClosure:
			if !a.m.closureCalledOnly(r) && !a.closureCalledBack(r) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// holdsClass reports whether values of type t hold channels of class c:
// structs with a field of its class, and pointers, slices, arrays and maps
// of those, to a small depth.
func holdsClass(t types.Type, c *Class, depth int) bool {
	if depth > 3 {
		return false
	}
	switch u := t.Underlying().(type) {
	case *types.Pointer:
		return holdsClass(u.Elem(), c, depth+1)
	case *types.Slice:
		return holdsClass(u.Elem(), c, depth+1)
	case *types.Array:
		return holdsClass(u.Elem(), c, depth+1)
	case *types.Map:
		return holdsClass(u.Elem(), c, depth+1)
	case *types.Struct:
		for i := range u.NumFields() {
			if f := u.Field(i); slices.Contains(c.Fields, f.Origin()) || holdsClass(f.Type(), c, depth+1) {
				return true
			}
		}
	}
	return false
}

// published reports whether instruction x can run after one of pubs and
// before t, with no other publication between: on the way from making a
// channel visible to waiting on it. When t is a call that publishes the
// channel itself, before it waits (the helper that lists a waiter's
// channel and receives from it), nothing of the caller runs between: what
// the callee takes on the way was judged in the callee.
func published(pubs []ssa.Instruction, x, t ssa.Instruction) bool {
	avoid := make(map[ssa.Instruction]bool, len(pubs))
	for _, p := range pubs {
		avoid[p] = true
	}
	for _, p := range pubs {
		if p != t && reachAvoiding(p, x, avoid) && reachAvoiding(x, t, avoid) {
			return true
		}
	}
	return false
}

// reachAvoiding reports whether a path of their function runs instruction
// to after instruction from without running one of avoid in between.
func reachAvoiding(from, to ssa.Instruction, avoid map[ssa.Instruction]bool) bool {
	seen := make(map[*ssa.BasicBlock]bool)
	var scan func(b *ssa.BasicBlock, i int) bool
	scan = func(b *ssa.BasicBlock, i int) bool {
		for _, instr := range b.Instrs[i:] {
			if instr == to {
				return true
			}
			if avoid[instr] {
				return false
			}
		}
		for _, s := range b.Succs {
			if !seen[s] {
				seen[s] = true
				if scan(s, 0) {
					return true
				}
			}
		}
		return false
	}
	return scan(from.Block(), indexOf(from.Block(), from)+1)
}

// stateAt returns the state of lf's function before instr, a channel or
// sync operation or a call, or nil.
func (lf *lockFn) stateAt(instr ssa.Instruction) *lockState {
	if st := lf.opState[instr]; st != nil {
		return st
	}
	for _, ev := range lf.events {
		if ev.instr == instr {
			return ev.st
		}
	}
	return nil
}

// reaches reports whether a path of lf's function runs instruction y
// after instruction x.
func (a *lockAnalysis) reaches(lf *lockFn, x, y ssa.Instruction) bool {
	bx, by := x.Block(), y.Block()
	if bx == by && indexOf(bx, x) < indexOf(by, y) {
		return true
	}
	if lf.reach == nil {
		lf.reach = make(map[*ssa.BasicBlock]map[*ssa.BasicBlock]bool)
	}
	r, ok := lf.reach[bx]
	if !ok {
		r = make(map[*ssa.BasicBlock]bool)
		stack := slices.Clone(bx.Succs)
		for len(stack) > 0 {
			b := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if !r[b] {
				r[b] = true
				stack = append(stack, b.Succs...)
			}
		}
		lf.reach[bx] = r
	}
	return r[by]
}

// entryHeld computes the locks every caller of lf's function holds when
// it calls it, in the function's terms; its callers are done first.
func (a *lockAnalysis) entryHeld(lf *lockFn) {
	if a.spawned[lf.fn] || a.used[lf.fn] || len(lf.sites) == 0 {
		return
	}
	// What tests hold when they call it does not say what the package's
	// own callers hold; only when tests alone call it do they count.
	sites := slices.DeleteFunc(slices.Clone(lf.sites), func(s *lockSite) bool { return a.m.InTest(s.ev.instr) })
	if len(sites) == 0 {
		sites = lf.sites
	}
	for i, s := range sites {
		var mapped []*heldLock
		for _, h := range a.fullHeld(s.caller, s.ev.st) {
			mapped = append(mapped, lowered(h, s.bind, s.ev.instr))
		}
		if i == 0 {
			lf.entry = mapped
			continue
		}
		lf.entry = slices.DeleteFunc(lf.entry, func(h *heldLock) bool {
			return !slices.ContainsFunc(mapped, func(x *heldLock) bool { return x.same(h.lockRef) })
		})
		if len(lf.entry) == 0 {
			return
		}
	}
}

// lowered returns lock h of a caller as its callee sees it, through the
// binding b of the call at site.
func lowered(h *heldLock, b binding, site ssa.Instruction) *heldLock {
	out := &heldLock{lockRef: h.lockRef, at: h.at, inner: h.inner, caller: true, site: site}
	if h.caller {
		out.at, out.site = h.at, h.site
	}
	if _, ok := h.path.root.(*ssa.Global); ok {
		return out
	}
	out.path = lockPath{}
	best := -1
	for root, v := range b {
		if rest, ok := h.path.under(v.path); ok && len(v.path.steps) > best {
			out.path = lockPath{root: root, steps: rest}
			best = len(v.path.steps)
		}
	}
	return out
}

// fullHeld returns the locks held in state st of lf's function: those it
// took, and those its callers hold that it has not released.
func (a *lockAnalysis) fullHeld(lf *lockFn, st *lockState) []*heldLock {
	held := slices.Clone(st.held)
	for _, h := range lf.entry {
		if slices.ContainsFunc(st.released, func(r lockRef) bool {
			return r.sameLock(h.lockRef) || (!h.path.known() || !r.path.exact()) && r.key == h.key
		}) {
			continue
		}
		held = append(held, h)
	}
	return held
}

// find computes the findings.
func (a *lockAnalysis) find() {
	edges := make(map[[2]any][]*lockEdge)
	var pairs [][2]any
	for _, lf := range a.order {
		for _, ev := range lf.events {
			switch ev.kind {
			case evAcquire:
				if ev.from != nil && ev.from.param {
					continue // judged at the caller that passes the function
				}
				a.doubleLock(lf, ev)
				if ev.doomed {
					continue
				}
				for _, e := range a.edges(lf, ev) {
					k := [2]any{e.held.key, e.acq.key}
					if _, ok := edges[k]; !ok {
						pairs = append(pairs, k)
					}
					if len(edges[k]) < 8 {
						edges[k] = append(edges[k], e)
					}
				}
			case evBlock:
				if !ev.doomed {
					keys := a.sensitive(ev.ops)
					a.heldAcross(lf, ev, ev.ops, nil, nil, keys, a.callbacksOf(ev.ops, keys), nil)
				}
			case evCall:
				if ev.doomed {
					continue
				}
				for _, c := range ev.calls {
					if c.lf == nil || c.invoke || c.param {
						continue
					}
					for _, b := range c.lf.blocks {
						if nilChanArg(c, b.ops) {
							continue
						}
						rel := slices.Clone(ev.st.released)
						for _, r := range b.released {
							rel = append(rel, a.substCallee(c, r))
						}
						keys, _ := a.atCall(ev.instr, b)
						a.heldAcross(lf, ev, b.ops, append([]ssa.Instruction{ev.instr}, b.via...), rel, keys, nil, c)
					}
				}
			}
		}
		a.unreleased(lf)
	}
	a.inversions(edges, pairs)
	a.conds()
	slices.SortStableFunc(a.findings, func(x, y *LockFinding) int { return cmp.Compare(x.Pos(), y.Pos()) })
}

// conflict reports whether a lock held in mode held stops a goroutine
// that wants it in mode want: anything but two read locks, and two read
// locks too when something write-locks it (a waiting Lock blocks new
// readers).
func (a *lockAnalysis) conflict(key any, held, want lockMode) bool {
	if held == lockRead && want == lockRead {
		_, ok := a.writers[key]
		return ok
	}
	return true
}

// doubleLock reports a lock taken while it is held.
func (a *lockAnalysis) doubleLock(lf *lockFn, ev *lockEvent) {
	acq := ev.acq
	if acq.cond || !acq.path.known() {
		return
	}
	held := a.fullHeld(lf, ev.st)
	if acq.modal {
		held = ev.st.held // its callers may hold it only in the other mode
	}
	for _, h := range held {
		if !h.sameLock(acq.lockRef) || !a.conflict(acq.key, h.mode, acq.mode) || acq.releasedOn(h) {
			continue
		}
		if h.mode == lockRead && acq.mode == lockRead {
			shared := a.takenShared(lf, h)
			if shared == nil {
				continue // no other goroutine has the value yet, so no Lock can wait in between
			}
			h = shared
		}
		if len(acq.via) > 0 && a.calleeKnows(ev, h) {
			return // the callee knows it is called with the lock held: reported there
		}
		f := &LockFinding{Kind: DoubleLock, At: ev.instr, Via: acq.via, Held: site(h),
			Takes: &LockSite{Instr: ev.instr, Inner: acq.op, Read: acq.mode == lockRead, Fields: acq.tail}}
		if len(acq.via) > 0 {
			f.Inner = acq.op
		}
		if ev.from != nil && ev.from.backOf != nil && len(acq.via) > 1 {
			// Taken in a callback the function passes: reported where
			// the callback, a function literal of its own, takes it.
			f.At, f.Via = acq.via[1], acq.via[1:]
			f.Takes.Instr = acq.via[1]
		}
		if h.mode == lockRead && acq.mode == lockRead {
			f.Writer = a.writers[acq.key]
		}
		a.report(f)
		return
	}
}

// takenShared returns h, a read lock lf's function holds, as taken on a
// value other goroutines may have; nil when it was taken by a method on
// its receiver that runs only on values its callers have just made (see
// RunsOnFresh), which no Lock can come to wait on. For a lock lf's callers
// hold, it is the lock as the first caller holding it on a shared value
// took it.
func (a *lockAnalysis) takenShared(lf *lockFn, h *heldLock) *heldLock {
	if !h.caller {
		if a.readsOwnFresh(lf.fn, h) {
			return nil
		}
		return h
	}
	sites := slices.DeleteFunc(slices.Clone(lf.sites), func(s *lockSite) bool { return a.m.InTest(s.ev.instr) })
	for _, site := range sites {
		held := a.fullHeld(site.caller, site.ev.st)
		i := slices.IndexFunc(held, func(x *heldLock) bool {
			return lowered(x, site.bind, site.ev.instr).same(h.lockRef)
		})
		if i < 0 || held[i].caller {
			return h
		}
		if !a.readsOwnFresh(site.caller.fn, held[i]) {
			return lowered(held[i], site.bind, site.ev.instr)
		}
	}
	if len(sites) == 0 {
		return h
	}
	return nil
}

// readsOwnFresh reports whether h, a read lock fn took itself, is its
// receiver's, and fn runs only on values its callers have just made.
func (a *lockAnalysis) readsOwnFresh(fn *ssa.Function, h *heldLock) bool {
	if h.mode != lockRead || fn.Signature.Recv() == nil || len(fn.Params) == 0 {
		return false
	}
	if _, ok := h.path.under(lockPath{root: fn.Params[0]}); !ok {
		return false
	}
	return a.m.RunsOnFresh(fn)
}

// calleeKnows reports whether the function ev calls knows that lock h of
// the caller is held when it is called: every call of it holds it.
func (a *lockAnalysis) calleeKnows(ev *lockEvent, h *heldLock) bool {
	c := ev.from
	if c == nil || c.lf == nil {
		return false
	}
	low := lowered(h, c.bind, ev.instr)
	return slices.ContainsFunc(c.lf.entry, func(x *heldLock) bool { return x.same(low.lockRef) })
}

// A lockEdge is a lock taken while another is held.
type lockEdge struct {
	fn   *lockFn
	held *heldLock
	acq  *lockAcq
	ev   *lockEvent
}

// edges returns the lock-order edges of acquisition event ev: the locks
// the function holds there, to the one it takes. Two instances of one
// type taken in the order of the function's arguments are reported here.
func (a *lockAnalysis) edges(lf *lockFn, ev *lockEvent) []*lockEdge {
	acq := ev.acq
	if acq.cond {
		return nil
	}
	var out []*lockEdge
	for _, h := range ev.st.held {
		if acq.releasedOn(h) {
			continue
		}
		if h.key != acq.key {
			out = append(out, &lockEdge{fn: lf, held: h, acq: acq, ev: ev})
			continue
		}
		p1, ok1 := h.path.root.(*ssa.Parameter)
		p2, ok2 := acq.path.root.(*ssa.Parameter)
		if !ok1 || !ok2 || p1 == p2 || !a.conflict(acq.key, h.mode, acq.mode) || ordered(lf.fn, p1, p2) || !a.concurrent(lf.fn, lf.fn) {
			continue
		}
		a.report(&LockFinding{Kind: Inversion, At: ev.instr, Via: acq.via, Held: site(h),
			Takes: &LockSite{Instr: ev.instr, Inner: acq.op, Read: acq.mode == lockRead, Fields: acq.tail}})
	}
	return out
}

// ordered reports whether fn compares something of x with something of y
// (x.id < y.id, uintptr(unsafe.Pointer(x)) < …): the order in which it
// locks them can follow it.
func ordered(fn *ssa.Function, x, y *ssa.Parameter) bool {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			cmp, ok := instr.(*ssa.BinOp)
			if !ok || cmp.Op != token.LSS && cmp.Op != token.GTR && cmp.Op != token.LEQ && cmp.Op != token.GEQ {
				continue
			}
			if derives(cmp.X, x, 0) && derives(cmp.Y, y, 0) || derives(cmp.X, y, 0) && derives(cmp.Y, x, 0) {
				return true
			}
		}
	}
	return false
}

// derives reports whether v is computed from p.
func derives(v ssa.Value, p *ssa.Parameter, depth int) bool {
	if v == p {
		return true
	}
	if depth > 5 {
		return false
	}
	instr, ok := v.(ssa.Instruction)
	if !ok {
		return false
	}
	var ops []*ssa.Value
	for _, op := range instr.Operands(ops) {
		if *op != nil && derives(*op, p, depth+1) {
			return true
		}
	}
	return false
}

// concurrent reports whether functions f and g can run at the same time:
// on two goroutines, or on one started more than once, or called from
// outside the package.
func (a *lockAnalysis) concurrent(f, g *ssa.Function) bool {
	up := a.m.Up(f, g)
	for fn := range up {
		if a.m.Entry(fn) && !processLifetimeFunc(fn) {
			return true
		}
	}
	gs := a.m.Goroutines(up)
	if len(gs) > 1 {
		return true
	}
	return len(gs) == 1 && gs[0].InLoop
}

// processLifetimeFunc reports whether fn is main or an init function: it
// runs once, on the main goroutine.
func processLifetimeFunc(fn *ssa.Function) bool {
	fn = outermost(fn)
	return fn.Pkg != nil && fn.Pkg.Pkg.Name() == "main" && fn.Name() == "main" || fn.Name() == "init" || fn.Synthetic == "package initializer"
}

// inversions reports pairs of locks taken in both orders.
func (a *lockAnalysis) inversions(edges map[[2]any][]*lockEdge, pairs [][2]any) {
	done := make(map[[2]any]bool)
	for _, k := range pairs {
		rk := [2]any{k[1], k[0]}
		if done[k] || done[rk] {
			continue
		}
		back, ok := edges[rk]
		if !ok {
			continue
		}
		done[k] = true
	search:
		for _, e1 := range edges[k] {
			for _, e2 := range back {
				if !a.conflict(k[0], e1.held.mode, e2.acq.mode) || !a.conflict(k[1], e2.held.mode, e1.acq.mode) {
					continue
				}
				if !a.concurrent(e1.fn.fn, e2.fn.fn) {
					continue
				}
				// Report where a function takes the second lock itself,
				// holding the first.
				if !e1.direct() && e2.direct() || !e1.direct() && !e2.direct() && e2.ev.instr.Pos() < e1.ev.instr.Pos() {
					e1, e2 = e2, e1
				}
				f := e1.finding()
				f.Other = e2.finding()
				if !e1.direct() {
					f.At = e1.acq.op // the operation that blocks
				}
				a.report(f)
				break search
			}
		}
	}
}

func (e *lockEdge) direct() bool { return e.acq.op == e.ev.instr }

func (e *lockEdge) finding() *LockFinding {
	f := &LockFinding{Kind: Inversion, At: e.ev.instr, Via: e.acq.via, Held: site(e.held),
		Takes: &LockSite{Instr: e.ev.instr, Inner: e.acq.op, Read: e.acq.mode == lockRead, Fields: e.acq.tail}}
	if !e.direct() {
		f.Inner = e.acq.op
	}
	return f
}

// heldAcross reports a lock held at blocking operation ops (reached
// through the calls via) that every partner of ops needs.
func (a *lockAnalysis) heldAcross(lf *lockFn, ev *lockEvent, ops []*Operation, via []ssa.Instruction, released []lockRef, keys map[any]ssa.Instruction, cbs map[any]map[*ssa.Function]bool, c *lockCallee) {
	if len(keys) == 0 {
		return
	}
	own, ok := a.condLocks(ops)
	if !ok {
		return
	}
	for _, h := range a.fullHeld(lf, ev.st) {
		need, ok := keys[h.key]
		if !ok || own[h.key] {
			continue
		}
		if a.closesGuard(lf, ev, h, a.guards[need]) {
			continue // the partners take it only while a channel is open that this side closed first
		}
		if slices.ContainsFunc(released, func(r lockRef) bool {
			return r.sameLock(h.lockRef) || (!h.path.known() || !r.path.exact()) && r.key == h.key
		}) {
			continue // the callee releases it first
		}
		if fns := cbs[h.key]; fns != nil && h.caller {
			// The callers hold it, and the partners need it only in
			// the callbacks some of them pass: name one of those.
			if h = a.callerPassing(lf, h, fns); h == nil {
				continue
			}
		}
		if c != nil {
			low := lowered(h, c.bind, ev.instr)
			if slices.ContainsFunc(c.lf.entry, func(x *heldLock) bool { return x.same(low.lockRef) }) {
				continue // the callee knows it is held: reported there
			}
		}
		f := &LockFinding{Kind: HeldAcross, At: ev.instr, Via: via, Held: site(h), Blocked: ops, Needs: need}
		if len(via) > 0 {
			f.Inner = ops[0].Instr
		}
		f.Partner = a.partner(ops)
		a.report(f)
		return
	}
}

// Open guards. A goroutine may take a lock only on the way where it
// found a channel open, in the default of a select that would have
// taken the channel's close:
//
//	select {
//	case <-s.stopc:
//	default:
//		s.mu.Lock() // reschedule
//		…
//	}
//
// A side that holds the lock and closes that channel before it waits for
// the goroutine (close(s.stopc); s.sched.Stop()) does not wait for a
// goroutine that needs the lock: once the goroutine sees the channel
// closed it does not take the lock (etcd's mvcc compactBarrier).

// noteGuard records for the acquisition of event ev the channel classes
// whose being open it needs: those of the receive cases of a select
// whose default dominates the acquisition, or the call that makes it.
// An acquisition reached once without a guard has none.
func (a *lockAnalysis) noteGuard(ev *lockEvent) {
	op := ev.acq.op
	gs := openGuards(a.m, op)
	if ev.instr != op {
		gs = append(gs, openGuards(a.m, ev.instr)...)
	}
	if prev, seen := a.guards[op]; seen {
		gs = slices.DeleteFunc(gs, func(c *Class) bool { return !slices.Contains(prev, c) })
	}
	a.guards[op] = gs
}

// openGuards returns the classes of the channels instr's way needs open:
// the receive cases of a select with a default that dominates instr.
func openGuards(m *Model, instr ssa.Instruction) []*Class {
	var out []*Class
	fn := instr.Parent()
	for _, b := range fn.Blocks {
		for _, x := range b.Instrs {
			sel, ok := x.(*ssa.Select)
			if !ok || sel.Blocking {
				continue
			}
			d := defaultBlock(sel)
			if d == nil || !d.Dominates(instr.Block()) {
				continue
			}
			for _, st := range sel.States {
				if st.Dir == types.RecvOnly {
					if c := m.ClassOf(st.Chan); c != nil {
						out = append(out, c)
					}
				}
			}
		}
	}
	return out
}

// defaultBlock returns the block a select with a default goes to when no
// case is ready, or nil.
func defaultBlock(sel *ssa.Select) *ssa.BasicBlock {
	n := len(sel.States)
	if n == 0 {
		return nil
	}
	e, ok := CaseEdge(sel, n-1)
	if !ok {
		return nil
	}
	d := e.From.Succs[1]
	if len(d.Preds) != 1 {
		return nil
	}
	return d
}

// closesGuard reports whether lf's function closes a channel of one of
// classes before ev on every way, while it holds h.
func (a *lockAnalysis) closesGuard(lf *lockFn, ev *lockEvent, h *heldLock, classes []*Class) bool {
	if len(classes) == 0 {
		return false
	}
	for _, c := range classes {
		for _, o := range c.Ops {
			if o.Op != Close || o.Fn() != lf.fn || !Dominates(o.Instr, ev.instr) {
				continue
			}
			if st := lf.stateAt(o.Instr); st != nil && slices.ContainsFunc(a.fullHeld(lf, st), func(x *heldLock) bool { return x.key == h.key }) {
				return true
			}
		}
	}
	return false
}

// callerPassing returns lock h, which every caller of lf's function
// holds, as held by a caller that passes one of the callbacks fns; h
// itself when a caller passes on a parameter that may be one of them; nil
// when none passes one.
func (a *lockAnalysis) callerPassing(lf *lockFn, h *heldLock, fns map[*ssa.Function]bool) *heldLock {
	onward := false
	for _, s := range lf.sites {
		b := &lockBlock{callbacks: map[any]map[*ssa.Function]bool{h.key: fns}, keys: map[any]ssa.Instruction{h.key: nil}}
		keys, cbs := a.atCall(s.ev.instr, b)
		switch {
		case len(cbs) > 0:
			onward = true
		case len(keys) > 0:
			for _, x := range a.fullHeld(s.caller, s.ev.st) {
				if low := lowered(x, s.bind, s.ev.instr); low.same(h.lockRef) {
					return low
				}
			}
		}
	}
	if onward {
		return h
	}
	return nil
}

// partner returns a partner of ops, for messages.
func (a *lockAnalysis) partner(ops []*Operation) *Operation {
	for _, op := range ops {
		partners, _ := a.m.Partners(op)
		for _, p := range partners {
			if !a.releasedBefore(op, p) {
				return p
			}
		}
	}
	return nil
}

// condLocks returns, for a Cond.Wait among ops, the lock of its Cond,
// which Wait releases; false if it is not known.
func (a *lockAnalysis) condLocks(ops []*Operation) (map[any]bool, bool) {
	own := make(map[any]bool)
	for _, op := range ops {
		if op.Op != Wait || op.Class.Kind != Cond {
			continue
		}
		if len(op.Class.Creations) == 0 {
			return nil, false
		}
		for _, v := range op.Class.Creations {
			call, ok := v.(*ssa.Call)
			if !ok || len(call.Call.Args) != 1 {
				return nil, false
			}
			arg := unconvert(call.Call.Args[0])
			if _, param := arg.(*ssa.Parameter); param || !isMutexPtr(arg.Type()) {
				// The caller's lock, or a struct that embeds its lock (a
				// promise whose Cond waits on the promise itself): which
				// lock Wait lets go is not known here.
				return nil, false
			}
			own[a.refOf(arg, lockWrite).key] = true
			// lock := new(sync.RWMutex); t.cond = sync.NewCond(lock);
			// t.lock = lock: the Cond's lock is t.lock too.
			if alloc, ok := arg.(*ssa.Alloc); ok {
				for _, r := range *alloc.Referrers() {
					if st, ok := r.(*ssa.Store); ok && st.Val == alloc {
						if ch := chainOf(st.Addr); len(ch) > 0 {
							own[a.chainKey(ch)] = true
						}
					}
				}
			}
		}
	}
	return own, true
}

// isMutexPtr reports whether t is *sync.Mutex or *sync.RWMutex.
func isMutexPtr(t types.Type) bool {
	p, ok := t.(*types.Pointer)
	return ok && (objectKind(p.Elem()) == Mutex || objectKind(p.Elem()) == RWMutex)
}

// unreleased reports the locks lf's function takes and releases on some
// paths but not on another that returns.
func (a *lockAnalysis) unreleased(lf *lockFn) {
	for _, ev := range lf.events {
		if ev.kind != evAcquire || ev.acq.op != ev.instr {
			continue
		}
		if _, deferred := ev.instr.(*ssa.Defer); deferred {
			continue
		}
		r := ev.acq.lockRef
		if ev.from != nil && !a.returnsHolding(ev.from, r) {
			continue // another package's function that takes it and lets it go
		}
		if slices.ContainsFunc(ev.st.defers, func(d *ssa.Defer) bool { may, _ := a.releases(d, r, false); return may }) {
			continue // a deferred call registered before releases it
		}
		if slices.ContainsFunc(ev.st.released, func(x lockRef) bool { return x.sameLock(r) }) {
			continue // taken back after releasing the callers' lock: theirs to release
		}
		held, released, loop := a.leakPaths(lf, ev.instr, r)
		if len(held) == 0 || len(released) == 0 || handoff(held, released) {
			continue // never released (a handoff), or always
		}
		f := &LockFinding{Kind: Unreleased, At: ev.instr, Held: &LockSite{Instr: ev.instr, Inner: ev.instr, Read: r.mode == lockRead, Fields: r.tail}, Return: held[0], Loop: loop}
		for _, b := range lf.fn.Blocks {
			for _, instr := range b.Instrs {
				call, ok := instr.(ssa.CallInstruction)
				if !ok {
					continue
				}
				switch op, v := lockCall(call.Common()); op {
				case Unlock, RUnlock:
					if a.refOf(v, r.mode).sameLock(r) {
						f.Unlocks = append(f.Unlocks, call)
					}
				case Lock, RLock:
					if call != ev.instr && a.refOf(v, r.mode).sameLock(r) {
						f.Relocks = true
					}
				}
			}
		}
		// A lock this call made is made anew by the next call: only code
		// it reaches in this call (a closure, a callee that keeps it) can
		// take it after the return.
		fresh := freshIn(r.path, lf.fn)
		for _, o := range lf.events {
			if !fresh && o.kind == evAcquire && o.acq.key == r.key && o.instr != ev.instr {
				f.Next = o.acq.op
				break
			}
		}
		if f.Next == nil {
			for _, other := range a.order {
				if other == lf {
					continue
				}
				for _, o := range other.events {
					if o.kind == evAcquire && o.acq.key == r.key && f.Next == nil {
						f.Next = o.acq.op
					}
				}
			}
		}
		if fresh && f.Next == nil {
			continue // nothing else can take it
		}
		a.report(f)
	}
}

// freshIn reports whether the lock at p lives in a variable of fn itself,
// made anew by each call of fn.
func freshIn(p lockPath, fn *ssa.Function) bool {
	alloc, ok := p.root.(*ssa.Alloc)
	return ok && alloc.Parent() == fn && !strings.Contains(p.steps, "*;")
}

// returnsHolding reports whether callee c returns holding lock r (in its
// caller's terms).
func (a *lockAnalysis) returnsHolding(c *lockCallee, r lockRef) bool {
	rets, _ := c.handoffs(a)
	return slices.ContainsFunc(rets, func(h *heldLock) bool { return a.substCallee(c, h.lockRef).key == r.key })
}

// leakPaths walks lf's function from lock, which takes r: it returns the
// returns reached with r still held, those reached after releasing it,
// and whether the first of the former goes round a loop first (after
// which a release of r by the same path no longer releases the same lock).
//
// A path that takes r again while it holds it blocks there, and returns
// nowhere. A path that hands r to the next turn of its loop (the root of
// r's path becomes the loop's variable) is locking hand over hand, and is
// not followed. Tests that decided the way to lock are taken the same
// way again (if b == 10 { mu.Lock() } … if b == 10 { mu.Unlock() }), those
// made in a loop only until the path goes round it. A path that takes r
// back after releasing it (unlocking around a wait) is not followed
// further: its own Lock is judged from there. Nor is one through a call
// that may release r, or not, or that passes a callback releasing it. A
// path that records in a flag that it holds r, for a function that tests
// the flag before unlocking r, hands r over; so does one that keeps the
// locked object, or its lock, where other code finds it (a slice, a map,
// a field, a channel), and one that returns it.
func (a *lockAnalysis) leakPaths(lf *lockFn, lock ssa.Instruction, r lockRef) (held, released []*ssa.Return, loop bool) {
	const (
		holding = iota
		stale   // holding, but r's path names another lock by now
		free
		deferred // free, by a deferred call: at every return, whatever comes between
	)
	type node struct {
		b       *ssa.BasicBlock
		mode    int
		flagged bool
		turned  bool // gone round a loop since the lock
		tests   int  // the tests decided on the way, in chain
	}
	// A return that hands back the object r lives in, holding r, hands r
	// over with it (return n, nil after n.mu.Lock()): the caller unlocks
	// what it got. Unless the function also returns that object unlocked
	// on some way in the same turn: then the caller cannot tell.
	var handed []*ssa.Return
	ownerFree := false
	// Tests that decided the way to the lock, and those the path decides
	// after it, decide the same way again (if a == nil && b == nil {
	// return } … if a != nil { … } else if b != nil { … }), until the
	// path goes round a loop: a test computed in a loop may give another
	// answer on the next turn, and the path's own tests are forgotten.
	chain := newTestChain()
	retest, ok := a.retested[lf.fn]
	if !ok {
		retest = retested(lf.fn)
		a.retested[lf.fn] = retest
	}
	known, again := 0, 0
	for c, v := range knownAt(lock.Block()) {
		known = chain.add(known, c, v)
		if instr, ok := c.(ssa.Instruction); !ok || !a.m.InLoop(instr) {
			again = chain.add(again, c, v)
		}
	}
	var recv ssa.Value
	if call, ok := lock.(ssa.CallInstruction); ok {
		_, recv = lockCall(call.Common())
	}
	thisTurn := reachableInTurn(lock.Block())
	unlocksEach := a.unlockLoops(lf, lock, r)
	seen := make(map[node]bool)
	var queue []node
	walk := func(b *ssa.BasicBlock, from, mode int, flagged, turned bool, tests int) {
		for _, instr := range b.Instrs[from:] {
			switch x := instr.(type) {
			case *ssa.Return:
				returnsOwner := slices.ContainsFunc(x.Results, func(v ssa.Value) bool { return carriesLock(pathOf(v), r.path) })
				switch {
				case returnsOwner && mode == holding && !flagged:
					if !slices.Contains(handed, x) {
						handed = append(handed, x)
					}
					return
				case returnsOwner && mode >= free && !turned:
					ownerFree = true
				}
				switch {
				case mode >= free || flagged:
					if !slices.Contains(released, x) {
						released = append(released, x)
					}
				case !slices.Contains(held, x):
					held = append(held, x)
					if len(held) == 1 {
						loop = mode == stale
					}
				}
				return
			case *ssa.Panic:
				return
			case *ssa.Store:
				if mode < free && !flagged && (a.flagFor(x, r) || carriesLock(pathOf(x.Val), r.path)) {
					flagged = true
				}
			case *ssa.MapUpdate, *ssa.Send:
				// Keeping the locked object (or its lock) where other code
				// finds it hands the lock over with it, as returning it does.
				var ops [3]*ssa.Value
				if mode < free && !flagged && slices.ContainsFunc(x.Operands(ops[:0])[1:], func(v *ssa.Value) bool { return carriesLock(pathOf(*v), r.path) }) {
					flagged = true
				}
				if send, ok := x.(*ssa.Send); ok && mode < free && !flagged && a.sendsOver(send.Chan, r) {
					flagged = true // the message takes the lock: its receiver lets it go
				}
			case *ssa.Select:
				if mode < free && slices.ContainsFunc(x.States, func(st *ssa.SelectState) bool { return st.Dir == types.SendOnly && a.sendsOver(st.Chan, r) }) {
					return // it may send the message that takes the lock, or not: this path tells nothing
				}
			case ssa.CallInstruction:
				if isNoReturn(x.Common()) {
					return
				}
				op, v := lockCall(x.Common())
				relock := (op == Lock || op == RLock) && a.refOf(v, r.mode).sameLock(r)
				if mode == free && relock {
					return // it takes the lock back (unlocked around a wait): from here on, that Lock is judged
				}
				if mode == free && a.retakes(lf, x, r) {
					return // it tries again, and returns holding r's lock anew: handed over
				}
				if mode >= free {
					continue
				}
				if a.handsOver(x, r) {
					return // a callback it passes releases r: r goes with it
				}
				if !flagged && keepsLocked(x.Common(), r.path) {
					flagged = true // it keeps the locked object for others (a pool): the lock goes with it
				}
				if may, sure := a.releases(x, r, mode == stale); sure {
					mode = free
					if _, ok := x.(*ssa.Defer); ok {
						mode = deferred
					}
					continue
				} else if may {
					return // it may release r or not: this path tells nothing
				}
				if mode == holding && relock {
					return // it would lock again, and block
				}
			}
		}
		succs := b.Succs
		if ifInstr, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If); ok {
			if x, eql, ok := nilTest(ifInstr.Cond); ok && !turned && lockedThrough(x, recv, thisTurn) {
				succs = []*ssa.BasicBlock{nilBranch(b, !eql)} // it holds the lock taken, not nil
			}
			if v, ok := chain.decides(tests, ifInstr.Cond); ok && len(succs) == 2 {
				if v {
					succs = succs[:1]
				} else {
					succs = succs[1:]
				}
			}
		}
		if mode < free && len(succs) == 2 && unlocksEach[b] {
			succs = succs[:1] // it unlocks each member it locked: the loop runs
		}
		if ifInstr, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If); ok && len(succs) == 2 {
			if _, ok := ifInstr.Cond.(*ssa.Const); !ok {
				// A test decided by what a value is (an error its function
				// never returns) has one way; a constant one is the code's
				// own switch, a flag it never sets being the bug itself.
				succs = slices.DeleteFunc(slices.Clone(succs), func(s *ssa.BasicBlock) bool { return a.m.deadEdge(b, s) })
			}
		}
		for i, s := range succs {
			m, t, d := mode, turned, tests
			if c := b.Instrs[len(b.Instrs)-1]; len(succs) == 2 && retest[c.(*ssa.If).Cond] && len(seen) < 64*len(lf.fn.Blocks) {
				d = chain.add(d, c.(*ssa.If).Cond, i == 0)
			}
			if phi, v, ok := flagSet(b, s); ok && retest[phi] && len(seen) < 64*len(lf.fn.Blocks) {
				d = chain.add(d, phi, v) // lockHeld = true … if lockHeld { mu.Unlock() }
			}
			if s.Dominates(b) {
				t, d = true, again
				if m < free && carried(r.path, b, s) {
					continue // handed to the next turn: hand over hand
				}
				if m == holding && variantIn(r.path, s) {
					m = stale
				}
			}
			n := node{s, m, flagged, t, d}
			if !seen[n] {
				seen[n] = true
				queue = append(queue, n)
			}
		}
	}
	walk(lock.Block(), indexOf(lock.Block(), lock)+1, holding, false, false, known)
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		walk(n.b, 0, n.mode, n.flagged, n.turned, n.tests)
	}
	if ownerFree {
		for _, x := range handed {
			if !slices.Contains(held, x) {
				held = append(held, x)
			}
		}
	}
	return held, released, loop
}

// unlockLoops returns the headers of the loops of lf's function that
// unlock each member of the collection lock locks each member of: lock
// runs on every turn of a range over a map or slice, on the member it
// gives, and each returned loop ranges over the same collection and
// releases a lock of r's key on every turn. The first loop locked one
// member or more, so the second runs as often: a path holding r does not
// skip it (for _, s := range c.states { s.RLock() } … for _, s := range
// c.states { s.RUnlock() }).
func (a *lockAnalysis) unlockLoops(lf *lockFn, lock ssa.Instruction, r lockRef) map[*ssa.BasicBlock]bool {
	coll, h := rangedMember(r.path.root)
	if coll == nil || !eachIteration(h, lock.Block()) {
		return nil
	}
	locked := pathOf(coll)
	var hs map[*ssa.BasicBlock]bool
	for _, b := range lf.fn.Blocks {
		if c := rangedValue(b); c == nil || b == h || pathOf(c) != locked {
			continue
		}
		for _, rb := range lf.fn.Blocks {
			if !eachIteration(b, rb) {
				continue
			}
			for _, instr := range rb.Instrs {
				call, ok := instr.(ssa.CallInstruction)
				if !ok {
					continue
				}
				if op, v := lockCall(call.Common()); (op == Unlock || op == RUnlock) && a.refOf(v, r.mode).key == r.key {
					if root, _ := rangedMember(pathOf(v).root); root != nil && pathOf(root) == locked {
						if hs == nil {
							hs = make(map[*ssa.BasicBlock]bool)
						}
						hs[b] = true
					}
				}
			}
		}
	}
	return hs
}

// rangedMember returns the map or slice that v is a member of, as the
// value a range loop over it gives each turn (or, for a slice, the
// address of that value), and the loop's header.
func rangedMember(v any) (ssa.Value, *ssa.BasicBlock) {
	switch v := v.(type) {
	case *ssa.Extract: // v of k, v, ok := next(range m)
		if next, ok := v.Tuple.(*ssa.Next); ok && v.Index == 2 && !next.IsString {
			if r, ok := next.Iter.(*ssa.Range); ok && rangedValue(next.Block()) == r.X {
				return r.X, next.Block()
			}
		}
	case *ssa.IndexAddr: // &s[i], for range s, whose i is the header's i+1
		i := v.Index
		if inc, ok := i.(*ssa.BinOp); ok && inc.Op == token.ADD {
			i = inc.X
		}
		if phi, ok := i.(*ssa.Phi); ok && rangedValue(phi.Block()) == v.X {
			return v.X, phi.Block()
		}
	}
	return nil, nil
}

// retakes reports whether call, made after lf's function let r go, takes
// a lock like r again and returns holding it: a retry, as when a keyed
// lock finds it locked a stale mutex, lets it go and calls itself (or a
// slow path) to lock the current one. The function itself counts as
// returning holding r: on its other paths it does, or r is reported there.
func (a *lockAnalysis) retakes(lf *lockFn, call ssa.CallInstruction, r lockRef) bool {
	cs := a.calleesOf(call)
	return len(cs) > 0 && !slices.ContainsFunc(cs, func(c *lockCallee) bool {
		return c.lf != lf && !a.returnsHolding(c, r)
	})
}

// carriesLock reports whether a value at path v carries the lock at path
// p: p lies under v (v points to p's object), or v is loaded from where
// p's object lies (the struct *r whose field node leads to p).
func carriesLock(v, p lockPath) bool {
	if _, ok := p.under(v); ok {
		return true
	}
	base, ok := strings.CutSuffix(v.steps, "*;")
	if !ok {
		return false
	}
	rest, ok := p.under(lockPath{root: v.root, steps: base})
	return ok && rest != ""
}

// flagSet returns the boolean φ of block to that the edge from block from
// gives a constant, and that constant: the path has set a flag it may
// test later. It keeps to one such φ, the first.
func flagSet(from, to *ssa.BasicBlock) (*ssa.Phi, bool, bool) {
	for _, instr := range to.Instrs {
		phi, ok := instr.(*ssa.Phi)
		if !ok {
			break
		}
		if v, ok := boolEdge(phi, from); ok {
			return phi, v, true
		}
	}
	return nil, false, false
}

// lockedThrough reports whether x, a φ tested against nil, is on this
// turn the pointer recv that was locked (var mu *sync.Mutex; if … { mu =
// m; mu.Lock() } … if mu != nil { mu.Unlock() }): every way into x's
// block that the path from the lock can take in this turn (the blocks of
// turn) brings recv.
func lockedThrough(x, recv ssa.Value, turn map[*ssa.BasicBlock]bool) bool {
	phi, ok := x.(*ssa.Phi)
	if !ok || recv == nil {
		return false
	}
	any := false
	for i, e := range phi.Edges {
		if !turn[phi.Block().Preds[i]] {
			continue
		}
		if e != recv {
			return false
		}
		any = true
	}
	return any
}

// reachableInTurn returns the blocks reachable from b without going round
// a loop: no edge to a block that dominates its source.
func reachableInTurn(b *ssa.BasicBlock) map[*ssa.BasicBlock]bool {
	seen := map[*ssa.BasicBlock]bool{b: true}
	stack := []*ssa.BasicBlock{b}
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, y := range x.Succs {
			if !seen[y] && !y.Dominates(x) {
				seen[y] = true
				stack = append(stack, y)
			}
		}
	}
	return seen
}

// carried reports whether the lock at p flows, on the edge from b to the
// loop header h, into a φ of h: the next turn of the loop reaches it
// through the φ (y = l after locking l.mu).
func carried(p lockPath, b, h *ssa.BasicBlock) bool {
	i := slices.Index(h.Preds, b)
	for _, instr := range h.Instrs {
		phi, ok := instr.(*ssa.Phi)
		if !ok {
			break
		}
		if i < 0 || i >= len(phi.Edges) {
			continue
		}
		if _, ok := p.under(pathOf(phi.Edges[i])); ok {
			return true
		}
	}
	return false
}

// sameCond reports whether conditions x and y compute the same thing: the
// same value, or the same comparison of the same values and constants,
// or loads of the same variable or field.
func sameCond(x, y ssa.Value) bool {
	if x == y {
		return true
	}
	switch x := x.(type) {
	case *ssa.BinOp:
		y, ok := y.(*ssa.BinOp)
		return ok && x.Op == y.Op && sameCond(x.X, y.X) && sameCond(x.Y, y.Y)
	case *ssa.UnOp:
		y, ok := y.(*ssa.UnOp)
		if !ok || x.Op != y.Op {
			return false
		}
		if x.Op == token.MUL {
			return sameAddress(x.X, y.X)
		}
		return x.Op != token.ARROW && sameCond(x.X, y.X)
	case *ssa.Call:
		// len or cap of the same thing: if len(tw.changes) != 0 { … }
		// … if len(tw.changes) != 0 { … }
		y, ok := y.(*ssa.Call)
		if !ok {
			return false
		}
		bx, okx := x.Call.Value.(*ssa.Builtin)
		by, oky := y.Call.Value.(*ssa.Builtin)
		return okx && oky && bx.Name() == by.Name() && (bx.Name() == "len" || bx.Name() == "cap") &&
			len(x.Call.Args) == 1 && len(y.Call.Args) == 1 && sameCond(x.Call.Args[0], y.Call.Args[0])
	case *ssa.Const:
		y, ok := y.(*ssa.Const)
		return ok && types.Identical(x.Type(), y.Type()) &&
			(x.Value == nil && y.Value == nil || x.Value != nil && y.Value != nil && constant.Compare(x.Value, token.EQL, y.Value))
	}
	return false
}

// flagFor reports whether store st sets a field that another function
// tests before it releases a lock of r's key: the lock is handed over
// through the flag (rs.closemuScanHold = true … if rs.closemuScanHold {
// rs.closemu.RUnlock() }). A field set to a value that is never nil is
// such a flag too, for a function that tests it against nil (c.pending =
// &comp … if c.pending == nil { return }; c.pending = nil; c.pendingMu.Unlock()).
func (a *lockAnalysis) flagFor(st *ssa.Store, r lockRef) bool {
	fa, ok := st.Addr.(*ssa.FieldAddr)
	if !ok {
		return false
	}
	if _, ok := st.Val.(*ssa.Const); (!ok || !isBool(st.Val.Type())) && !a.m.neverNil(st.Val) {
		return false
	}
	f := fieldVar(fa.X.Type(), fa.Field)
	if a.flags == nil {
		a.findFlags()
	}
	for _, fn := range a.flags[[2]any{f, r.key}] {
		if fn != st.Parent() {
			return true
		}
	}
	return false
}

// findFlags fills a.flags: for each boolean field and lock key, the
// functions that test the field before they release a lock of the key.
func (a *lockAnalysis) findFlags() {
	a.flags = make(map[[2]any][]*ssa.Function)
	for _, lf := range a.order {
		for _, b := range lf.fn.Blocks {
			var guards []guardField
			for _, instr := range b.Instrs {
				call, ok := instr.(ssa.CallInstruction)
				if !ok {
					continue
				}
				op, v := lockCall(call.Common())
				if op != Unlock && op != RUnlock {
					continue
				}
				if guards == nil {
					guards = guardFieldsOf(b)
				}
				key := a.refOf(v, 0).key
				for _, g := range guards {
					k := [2]any{g.field, key}
					if !slices.Contains(a.flags[k], lf.fn) {
						a.flags[k] = append(a.flags[k], lf.fn)
					}
				}
			}
		}
	}
}

// variantIn reports whether the root of p is computed anew by each run of
// the loop headed by header.
func variantIn(p lockPath, header *ssa.BasicBlock) bool {
	b := rootBlock(p)
	return b != nil && header.Dominates(b)
}

// releases reports whether call may release lock r: unlocks it, or calls
// a function that releases its caller's lock r on some path. It is sure
// when call unlocks r itself, or calls functions that all release r on
// every path, through paths that name it. When stale, r's path no longer
// names the lock taken, and any release of a lock of its key counts.
func (a *lockAnalysis) releases(call ssa.CallInstruction, r lockRef, stale bool) (may, sure bool) {
	match := func(x lockRef) bool {
		if x.key != r.key {
			return false
		}
		return stale || !r.path.exact() || !x.path.exact() || x.path == r.path
	}
	if op, v := lockCall(call.Common()); op != 0 {
		rel := (op == Unlock || op == RUnlock) && match(a.refOf(v, r.mode))
		return rel, rel
	}
	cs := a.calleesOf(call)
	sure = len(cs) > 0
	for _, c := range cs {
		_, rels := c.handoffs(a)
		every := slices.ContainsFunc(rels, func(x lockRef) bool {
			x = a.substCallee(c, x)
			return match(x) && (stale || x.path.exact() && x.path == r.path)
		})
		sure = sure && every
		if c.lf != nil {
			rels = c.lf.mayRel // a release on some path is enough to doubt
		}
		may = may || slices.ContainsFunc(rels, func(x lockRef) bool { return match(a.substCallee(c, x)) })
	}
	return may, may && sure
}

// handsOver reports whether call passes a function that may release a
// lock of r's kind (a callback that unlocks it when the work it starts is
// done): the lock goes with the callback.
func (a *lockAnalysis) handsOver(call ssa.CallInstruction, r lockRef) bool {
	for _, arg := range call.Common().Args {
		var fn *ssa.Function
		switch v := arg.(type) {
		case *ssa.MakeClosure:
			fn, _ = v.Fn.(*ssa.Function)
		case *ssa.Function:
			fn = v
		}
		if lf := a.fns[fn]; fn != nil && lf != nil && slices.ContainsFunc(lf.mayRel, func(x lockRef) bool { return x.key == r.key }) {
			return true
		}
	}
	return false
}

// sendsOver reports whether a message sent on ch hands over a lock of
// r's kind: a function that receives from ch lets such a lock go, itself
// or in what it calls (a worker that runs the chain it receives and
// unlocks the read lock its sender took before publishing it).
func (a *lockAnalysis) sendsOver(ch ssa.Value, r lockRef) bool {
	c := a.m.ClassOf(ch)
	if c == nil {
		return false
	}
	for _, o := range c.Ops {
		if o.Op != Recv && o.Op != Range {
			continue
		}
		if lf := a.fns[o.Fn()]; lf != nil && slices.ContainsFunc(lf.mayRel, func(x lockRef) bool { return x.key == r.key }) {
			return true
		}
	}
	return false
}

// keepsLocked reports whether call hands the object that holds the lock
// at p to where other code finds it, as a send does: to sync.Pool's Put
// (whose Get hands it out again), to a sync.Map or an atomic.Value (a
// lock per listing, kept by id for the worker that unlocks it when done),
// or to a function of the package that
// puts, sends or stores its parameter so (a pool's Put wrapper that clears
// the object first).
func keepsLocked(call *ssa.CallCommon, p lockPath) bool {
	callee := Callee(call)
	args := CallArgs(call)
	for i, arg := range args {
		if !carriesLock(pathOf(arg), p) {
			continue
		}
		if IsFunc(callee, "sync", "Pool.Put") || IsFunc(callee, "sync", "Map.Store") || IsFunc(callee, "sync", "Map.LoadOrStore") ||
			IsFunc(callee, "sync", "Map.Swap") || IsFunc(callee, "sync/atomic", "Value.Store") {
			return true // kept where other code finds it, and lets it go
		}
		if fn := call.StaticCallee(); fn != nil && !call.IsInvoke() && i < len(fn.Params) && len(fn.Blocks) > 0 && keepsParam(fn.Params[i], 2) {
			return true
		}
	}
	return false
}

// keepsParam reports whether p's function puts it in a sync.Pool, sends it
// on a channel, or stores it outside its frame (a field, a global, a
// slice or map element), itself or through the functions with bodies it
// passes p to (a pool type of the package wrapping a sync.Pool), depth
// calls deep.
func keepsParam(p *ssa.Parameter, depth int) bool {
	values := []ssa.Value{p}
	for _, ref := range Refs(p) {
		if mi, ok := ref.(*ssa.MakeInterface); ok {
			values = append(values, mi)
		}
	}
	for _, v := range values {
		for _, ref := range Refs(v) {
			switch x := ref.(type) {
			case *ssa.Send:
				if x.X == v {
					return true
				}
			case *ssa.MapUpdate:
				if x.Value == v {
					return true
				}
			case *ssa.Store:
				if x.Val == v {
					switch x.Addr.(type) {
					case *ssa.FieldAddr, *ssa.Global, *ssa.IndexAddr:
						return true
					}
				}
			case *ssa.Call:
				if IsFunc(Callee(&x.Call), "sync", "Pool.Put") {
					return true
				}
				fn := x.Call.StaticCallee()
				if fn == nil || depth == 0 || len(fn.Blocks) == 0 {
					continue
				}
				for i, a := range x.Call.Args {
					if a == v && i < len(fn.Params) && keepsParam(fn.Params[i], depth-1) {
						return true
					}
				}
			}
		}
	}
	return false
}

// handoff reports whether the results of a function tell its callers
// whether it returns holding the lock: a boolean that is constant and
// different on the two kinds of returns, an error that is nil exactly
// when it is held, a pointer that is nil exactly when it is not.
func handoff(held, released []*ssa.Return) bool {
	for _, r := range held {
		if slices.Contains(released, r) {
			return false // the same return, either way
		}
	}
	results := held[0].Parent().Signature.Results()
	for i := range results.Len() {
		t := results.At(i).Type()
		all := func(rets []*ssa.Return, p func(ssa.Value) bool) bool {
			for _, r := range rets {
				if i >= len(r.Results) || !p(r.Results[i]) {
					return false
				}
			}
			return true
		}
		isTrue := func(v ssa.Value) bool {
			b, ok := boolConst(v)
			return ok && b
		}
		isFalse := func(v ssa.Value) bool {
			b, ok := boolConst(v)
			return ok && !b
		}
		notNil := func(v ssa.Value) bool { return !IsNil(v) }
		switch {
		case isBool(t):
			if all(held, isTrue) && all(released, isFalse) || all(held, isFalse) && all(released, isTrue) {
				return true
			}
		case IsError(t):
			if all(held, IsNil) && all(released, notNil) {
				return true // locked when it succeeds
			}
		default:
			switch t.Underlying().(type) {
			case *types.Pointer, *types.Interface, *types.Signature, *types.Map, *types.Chan, *types.Slice:
				if all(held, notNil) && all(released, IsNil) {
					return true
				}
			}
		}
	}
	return false
}
