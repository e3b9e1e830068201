package model

import (
	"container/heap"
	"go/constant"
	"go/token"
	"go/types"
	"maps"
	"slices"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// An Abandon explains how a blocking operation can wait forever although
// the package has operations that can release it: every goroutine or
// function that can release it may return without doing so first.
type Abandon struct {
	Op *Operation // the operation that blocks
	// By is the function that returns without releasing Op, on Path: the
	// function that started Op's goroutine or made its channel, or the
	// body of a goroutine that releases it (then Thread is that goroutine).
	By     *ssa.Function
	Path   *Path
	Thread *Spawn
	// From is where By became responsible for releasing Op: the go
	// statement that started Op's goroutine, the call that returned its
	// channel, the send that handed the channel over; for a Wait, the Add
	// that counts Thread, which a helper may not start (see countedMaybe),
	// or that counts more than the goroutines started (countedShort).
	From ssa.Instruction
	// Later is set when the only goroutine that can release Op is started
	// after it, by the goroutine that blocks.
	Later *Spawn
	// Once is set when By releases Op a fixed number of times on Path, but
	// Op's goroutine is started in a loop and each one needs its partner.
	Once bool
	// Nth is set when Op is the Nth receive on a path of By while the
	// goroutines sending on its channel send only Sends times in all; for
	// a Wait, Nth is what By adds and Sends the most Dones its goroutines
	// make.
	Nth, Sends int
}

// Abandoned returns how blocking operation op can wait forever although
// something in the package can release it: one Abandon for each function
// that owns op's channel and can return without releasing it (each
// owner's channel is its own), or one for the goroutines that should
// release it, or none.
func (m *Model) Abandoned(op *Operation) []*Abandon { return m.abandons[op] }

func (m *Model) findAbandons() {
	m.abandons = make(map[*Operation][]*Abandon)
	for _, c := range m.Classes() {
		if c.Kind == WaitGroup {
			for _, op := range c.Ops {
				if a := m.waitAbandon(op); a != nil && m.Stuck(op) == NotStuck {
					m.abandons[op] = []*Abandon{a}
				}
			}
		}
		if c.Kind != Chan {
			continue
		}
		for _, op := range c.Ops {
			if st := m.Stuck(op); !op.Blocking() || op.Callee != nil || st != NotStuck && st != Unshared {
				continue // a stuck operation needs no abandoning
			}
			if as := m.abandon(op); len(as) > 0 {
				m.abandons[op] = as
			}
		}
	}
}

// A releaser is a goroutine, or a function on its caller's goroutine, that
// can release a blocked operation.
type releaser struct {
	fn    *ssa.Function
	spawn *Spawn            // for a goroutine
	from  []ssa.Instruction // for a function: where it becomes responsible
	edges []Edge            // or the select cases that make it so
}

func (m *Model) abandon(b *Operation) []*Abandon {
	c := b.Class
	if b.Op == Send && !c.Unbuffered() {
		// The buffer holds what it sends, unless the sends on one channel
		// can outnumber its capacity (buffers.go): in a loop, or on a
		// channel kept in a field, made again and again (below).
		switch {
		case m.carried(c):
			return nil
		case m.InLoop(b.Instr):
			if !m.overfills(b) {
				return nil
			}
		case len(c.Fields) == 0:
			return nil
		}
	}
	if m.tokenPaired(b) {
		return nil // it takes back the token its own side put in
	}
	if m.takesWhatIsThere(b) {
		return nil // it takes only what len(ch) found in the buffer
	}
	partners, outside := m.Partners(b)
	if outside && !(c.OutsideFresh && c.DoneOf == nil) || len(partners) == 0 {
		// Outside code may release it; but not a channel the package's
		// own callers got afresh, which are all that partners are about.
		return nil
	}
	var pfns []*ssa.Function
	for _, p := range partners {
		pfns = append(pfns, p.Fn())
	}
	up := m.Up(pfns...) // what runs a partner inline
	bUp := m.Up(b.Fn()) // what runs b inline
	bSpawns := m.Goroutines(bUp)
	inline := false // b can run on the goroutine of a caller the package does not see
	api := false    // one that calls it by name, as often as it likes
	for f := range bUp {
		if m.Entry(f) {
			inline = true
			api = api || !m.valued[f] || f.Parent() == nil && f.Object() != nil && f.Object().Exported()
		}
	}
	// Whether b can block several times on one channel: in a loop, on
	// several goroutines, or on repeated calls from outside when the
	// channel is not made anew by each.
	spawnedMany := len(bSpawns) > 1 || len(bSpawns) == 1 && bSpawns[0].InLoop
	loops := m.InLoop(b.Instr) || m.repeatedInline(bUp)
	many := loops || spawnedMany || api && !m.madeIn(c, bUp)
	// Or only because its function may be called again: then a partner
	// that returns on receiving b's message has taken it, and only a
	// second call would find no partner. Such a message is a stop, given
	// once as a channel is closed once: calling Close again is undefined
	// behaviour by io.Closer's contract, as closing twice panics.
	again := many && !loops && !spawnedMany
	if b.Op == Send && !c.Unbuffered() && !loops && (!many || again) {
		return nil // a field channel sent on once, or once per call
	}

	// The goroutines that release b: judged first, since a function that
	// starts one that always releases b releases it too.
	var goroutines []*Spawn
	failing := make(map[*Spawn]*Path)
	shares := make(map[*Spawn]bool)
	answered := m.answeredByMaker(b, partners, bUp)
	for _, s := range m.Goroutines(up) {
		if s.Body == nil || slices.Contains(bSpawns, s) && !s.InLoop {
			continue // b's own goroutine cannot release it
		}
		goroutines = append(goroutines, s)
		// A goroutine that b's side starts (again) when it needs one is not
		// expected to outlive its share.
		if slices.Contains(bSpawns, s) || s.InLoop && !m.InLoop(b.Instr) && !spawnedMany {
			shares[s] = true // one of several that share the work: any may release b
			continue
		}
		if answered {
			continue // a run of s that makes b's channel answers it
		}
		if p := m.stopsReleasing(s, b, partners, up, bUp, many && !bUp[s.Start.Parent()], again); p != nil && !m.repliesTo(s, b) {
			failing[s] = p
		}
	}

	// A channel b's side makes on each run is not released by a goroutine
	// that another function, which b's side does not call, starts with a
	// channel it makes itself: the two share a class (both reach the
	// body's parameter), not a channel.
	other := func(s *Spawn) bool { f := s.Start.Parent(); return !bUp[f] && m.owns(f, c) }
	if slices.ContainsFunc(goroutines, other) && m.madeIn(c, bUp) {
		calls := make(map[*ssa.Function]bool)
		for f := range bUp {
			maps.Copy(calls, runsInline(f, f.Pkg))
		}
		goroutines = slices.DeleteFunc(goroutines, func(s *Spawn) bool { return other(s) && !calls[s.Start.Parent()] })
	}

	// Functions that own b's channel: they made it, or got it from a call,
	// and handed it to b's goroutine; each owner's channel is its own, so
	// one owner that can return without releasing it is enough.
	if inline && m.madeIn(c, bUp) {
		// Each run has its own channel: goroutines of earlier runs are
		// not its partners.
		if a := m.startedAfter(b, bUp, goroutines, partners); a != nil {
			return []*Abandon{a}
		}
	}
	if a := m.countReceives(b, goroutines); a != nil {
		return []*Abandon{a}
	}
	if s := m.fewerSure(b, goroutines, failing, shares); s != nil {
		return []*Abandon{{Op: b, By: s.Body, Path: failing[s], Thread: s}}
	}
	if slices.ContainsFunc(goroutines, func(s *Spawn) bool { return failing[s] == nil && !shares[s] }) {
		return nil // a goroutine always releases it
	}
	if inline && !api && len(bSpawns) == 0 {
		return nil // run through a function value: when, the package cannot tell
	}

	covered := make(map[*ssa.Function]bool)
	var found []*Abandon
	closedAfter := m.closedOnlyAfter(b, bSpawns) || m.closedAtExit(c, bSpawns)
	for _, f := range m.sortedFuncs(up) {
		if !m.owns(f, c) && !slices.ContainsFunc(bSpawns, func(s *Spawn) bool { return s.Parent == f }) {
			continue
		}
		if bUp[f] {
			continue // b runs on f's own goroutine: f cannot release it
		}
		r := m.handoffs(f, b, bSpawns)
		if m.leftToCaller(f, c, r, partners) {
			continue
		}
		if inline {
			// b also runs when callers outside the package say, not only
			// on the goroutines f starts: only a channel f makes and hands
			// over in a message (a reply channel) is f's to release.
			r.from = slices.DeleteFunc(r.from, func(x ssa.Instruction) bool {
				_, send := x.(*ssa.Send)
				return !send
			})
		}
		if len(r.from) == 0 && len(r.edges) == 0 {
			continue
		}
		covered[f] = true
		if b.Op == Send && m.ClosesOnReturn(f, c, r.from) {
			continue // a send left over when f returns panics, it does not wait
		}
		costs, sites := m.releaseCosts(f, r.from, partners, up, goroutines, failing, spawnedMany || m.InLoop(b.Instr))
		if b.Op == Send {
			m.priceCounted(f, c, costs)
		}
		for _, o := range m.OpsIn(f) {
			if o.Class != c && o.Op == Recv && m.signalledOnlyBy(o.Class, bUp, f) {
				priceOp(costs, o) // a signal from b's goroutine, which is past b then
			}
			if closedAfter && o.Class == c && o.Op == Recv || o.Class != c && o.Op == Recv && m.closedAtExit(o.Class, bSpawns) {
				priceClosed(o, costs) // closed: b's goroutine is past b
			}
			if o.Class == c && (o.Op == Recv || o.Op == Range) {
				m.priceFinalMessages(o, b, costs) // its last message: b's goroutine sends no more
				if lastSent(c, bSpawns) {
					priceTestsOf(f, received(o), costs) // the message says stop
				}
			}
		}
		for _, e := range exitedEdges(f, b, bSpawns, bUp) {
			costs.AddEdge(e, Never) // b's goroutine has returned
		}
		r.from = slices.DeleteFunc(r.from, func(from ssa.Instruction) bool {
			// Released before it was handed over: a send into the buffer,
			// or a close, that comes first on every path or only before.
			return slices.ContainsFunc(sites, func(site ssa.Instruction) bool {
				return site != from && (Dominates(site, from) || b.Op == Recv && site.Parent() == from.Parent() && onlyBefore(site, from))
			})
		})
		for _, from := range r.from {
			if call, ok := from.(*ssa.Call); ok && slices.ContainsFunc(bSpawns, func(s *Spawn) bool {
				// For a result other than an error, PriceFailure prices only
				// the answers statusEdges has checked mean "started none".
				return FailsOnlyBefore(call, s.Start) || s.Start.Parent() == call.Call.StaticCallee() && !ReturnsError(call.Call.Signature()) ||
					s.Start == call && s.Reports || // a helper that said it started none
					m.dropsOnFailure(call, s.Start) // the constructor's to stop, as it keeps what it started
			}) {
				PriceFailure(call, costs) // it failed before it started b's goroutine, or said it started none
			}
		}
		if p, from := r.returnWithout(costs); p != nil {
			if !m.enders[f] { // else the process ends: nothing is left blocked
				p = givingUp(f, from, p, partners, costs)
				found = append(found, &Abandon{Op: b, By: f, Path: p, From: from})
			}
			continue
		}
		own := slices.DeleteFunc(slices.Clone(bSpawns), func(s *Spawn) bool { return !m.startedFor(f, s) })
		if len(own) == 1 && own[0].InLoop && b.Op == Send && len(sites) > 0 && !slices.ContainsFunc(sites, func(site ssa.Instruction) bool { return m.repeats(site, partners) }) && len(r.from) > 0 {
			// Goroutines started in a loop, each sending once, against a
			// fixed number of receives: fewer than the loop's constant
			// count, or one against a count known only at run time.
			n := MaxOnPath(f, sites)
			if k, ok := tripCount(own[0].Start); ok && n < k || !ok && n == 1 {
				var c Costs
				m.PriceGiveUps(f, &c)
				if p := CheapestReturn(r.from[0], &c); p != nil {
					found = append(found, &Abandon{Op: b, By: f, Path: p, From: r.from[0], Once: true})
				}
			}
		}
	}
	if len(found) > 0 {
		return found
	}
	// Every partner must be accounted for by a goroutine or an owner; one
	// that callers outside the package can run releases b whenever they
	// call, which the package cannot judge.
	for _, p := range partners {
		fnUp := m.Up(p.Fn())
		ok := slices.ContainsFunc(goroutines, func(s *Spawn) bool { return fnUp[s.Body] })
		for f := range fnUp {
			if covered[f] {
				ok = true
			} else if m.Entry(f) && !slices.ContainsFunc(goroutines, func(s *Spawn) bool { return s.Body == f }) {
				// Callers outside the package may run it whenever they
				// like, unless it is the body of a goroutine the package
				// starts (go n.Run()): that is how it runs.
				return nil
			}
		}
		if !ok {
			return nil
		}
	}
	if len(covered) > 0 {
		return nil // its owners always release it
	}
	if len(goroutines) == 0 {
		return nil
	}
	// Shared channels: every goroutine that releases b can stop first.
	if slices.ContainsFunc(goroutines, func(s *Spawn) bool { return failing[s] == nil }) {
		return nil
	}
	// Name one that b's own side starts, if any: the class may hold the
	// channels of other functions' go statements too.
	s := goroutines[0]
	if i := slices.IndexFunc(goroutines, func(g *Spawn) bool { return bUp[g.Start.Parent()] }); i >= 0 {
		s = goroutines[i]
	}
	return []*Abandon{{Op: b, By: s.Body, Path: failing[s], Thread: s}}
}

// dropsOnFailure reports whether call, of a constructor whose goroutine
// only a method of what it makes stops (StoppedBy), starts it at start
// and returns nil in place of that value on every failure after: its
// caller got nothing to stop, and the constructor owes the stop there.
func (m *Model) dropsOnFailure(call *ssa.Call, start ssa.Instruction) bool {
	fn := call.Call.StaticCallee()
	if fn == nil || start.Parent() != fn || !ReturnsError(call.Call.Signature()) || len(m.StoppedBy(funcObject(fn))) == 0 {
		return false
	}
	return !anyFrom([]*ssa.BasicBlock{start.Block()}, func(b *ssa.BasicBlock) bool {
		ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		return ok && len(ret.Results) > 1 && !IsNil(Returned(ret, len(ret.Results)-1)) && !IsNil(ret.Results[0])
	})
}

// repeatedInline reports whether a function of up (the functions that
// run an operation on their goroutine, from Up) calls another of them in a
// loop that runs until told to stop, on the same operands each time (s.sendPacket() in a loop of
// s.sendPackets): the operation runs again and again on that goroutine,
// though its own function has no loop. A loop that calls it on a new
// value each time (for _, w := range ws { w.Close() }) runs it once per
// value.
func (m *Model) repeatedInline(up map[*ssa.Function]bool) bool {
	for h := range up {
		for _, instr := range m.Sites(h, up) {
			call, ok := instr.(ssa.CallInstruction)
			if !ok || !m.InLoop(instr) {
				continue
			}
			loop := loopOf(instr.Block())
			if m.elementBound(loop) != nil {
				continue // once per element, or up to a count: the buffer may hold them
			}
			if !slices.ContainsFunc(holders(call.Common()), func(v ssa.Value) bool { return !m.invariantIn(v, loop) }) {
				return true
			}
		}
	}
	return false
}

// holders returns the arguments of call that can hold a channel for it to
// use: the receiver of a method, and pointers and channels. The data it
// is given (the packet to send) may change from call to call.
func holders(call *ssa.CallCommon) []ssa.Value {
	var vs []ssa.Value
	for i, v := range call.Args {
		switch v.Type().Underlying().(type) {
		case *types.Pointer, *types.Chan:
			vs = append(vs, v)
			continue
		}
		if i == 0 && call.Signature().Recv() != nil {
			vs = append(vs, v)
		}
	}
	return vs
}

// sortedFuncs returns the functions of a set in source order.
func (m *Model) sortedFuncs(set map[*ssa.Function]bool) []*ssa.Function {
	var fns []*ssa.Function
	for f := range set {
		fns = append(fns, f)
	}
	slices.SortFunc(fns, func(a, b *ssa.Function) int { return int(a.Pos() - b.Pos()) })
	return fns
}

// owns reports whether f makes channels of class c, or gets them from a
// call of a function of the package.
func (m *Model) owns(f *ssa.Function, c *Class) bool {
	for _, v := range c.Creations {
		if instr, ok := v.(ssa.Instruction); ok && instr.Parent() == f {
			return true
		}
	}
	for _, b := range f.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(*ssa.Call)
			if !ok || bodyOf(call.Call.StaticCallee()) == nil {
				continue
			}
			if carries(m, call, c) {
				return true
			}
			for _, r := range Refs(call) {
				if x, ok := r.(*ssa.Extract); ok && carries(m, x, c) {
					return true
				}
			}
		}
	}
	return false
}

// repeats reports whether release site (a partner of partners, or a call
// of a function that runs one) can release more than once: it is in a
// loop, or it runs a partner that is, such as a helper that ranges over the
// channel until it has all it wants.
func (m *Model) repeats(site ssa.Instruction, partners []*Operation) bool {
	if m.InLoop(site) {
		return true
	}
	var callee *ssa.Function
	if call, ok := site.(ssa.CallInstruction); ok {
		callee = call.Common().StaticCallee()
	}
	for _, p := range partners {
		switch {
		case p.Instr == site:
			if p.Op == Range { // another package's helper ranges over it
				return true
			}
		case callee != nil && p.Fn() != site.Parent() && m.Up(p.Fn())[callee]:
			if p.Op == Range || m.InLoop(p.Instr) {
				return true
			}
		}
	}
	return false
}

// leftToCaller reports whether f, an owner of b's channel of class c
// (handed over at r), leaves releasing it to its callers: the channel is
// kept in a field of a value that f's callers hold too (f reaches it from a
// parameter, a free variable or a global), and a partner runs in an
// exported function that f does not run. A Setup that fails after
// starting a process, or a cluster's Start that calls it, leaves the
// process to the Teardown its callers run whatever Start returned; a value
// f made itself, and keeps only on success, has no such caller.
func (m *Model) leftToCaller(f *ssa.Function, c *Class, r releaser, partners []*Operation) bool {
	if len(c.Fields) == 0 || len(r.edges) > 0 {
		return false
	}
	var holders []ssa.Value // what f reaches the channel through
	for _, v := range c.Creations {
		if instr, ok := v.(ssa.Instruction); ok && instr.Parent() == f {
			for _, ref := range Refs(v) {
				if st, ok := ref.(*ssa.Store); ok && st.Val == v {
					holders = append(holders, st.Addr)
				}
			}
		}
	}
	for _, from := range r.from {
		call, ok := from.(*ssa.Call)
		if !ok {
			if _, ok := from.(*ssa.Go); ok {
				continue // f's own goroutine: the field holds its channel
			}
			return false // a message: the channel is handed over
		}
		for _, arg := range call.Call.Args {
			if carries(m, arg, c) {
				holders = append(holders, arg)
			}
		}
	}
	if len(holders) == 0 {
		return false
	}
	for _, h := range holders {
		switch pathOf(h).root.(type) {
		case *ssa.Parameter, *ssa.FreeVar, *ssa.Global:
		default:
			return false
		}
	}
	for _, p := range partners {
		up := m.Up(p.Fn())
		if up[f] {
			continue // f runs it
		}
		for g := range up {
			if m.Entry(g) && g.Object() != nil && g.Object().Exported() {
				return true
			}
		}
	}
	return false
}

// handoffs returns where f becomes responsible for releasing b: the go
// statements by which f starts b's goroutine, the calls of functions that
// start it, the sends of a value that carries the channel (a request with
// a reply channel).
func (m *Model) handoffs(f *ssa.Function, b *Operation, bSpawns []*Spawn) releaser {
	r := releaser{fn: f}
	starters := make(map[*ssa.Function]bool) // calls of these start it
	for _, s := range bSpawns {
		if s.Parent == f {
			r.from = append(r.from, s.Start)
		} else {
			maps.Copy(starters, m.leftRunning(s))
		}
	}
	if len(starters) > 0 {
		r.from = append(r.from, m.Sites(f, starters)...)
		// A goroutine f starts that starts b's goroutine (a coordinator
		// that fans out and waits for them) hands b over for f.
		for _, s := range m.Goroutines(starters) {
			if s.Parent == f {
				r.from = append(r.from, s.Start)
			}
		}
	}
	r.from = append(r.from, m.published(f, b.Class)...)
	for _, blk := range f.Blocks {
		for _, instr := range blk.Instrs {
			switch x := instr.(type) {
			case *ssa.Send:
				if carries(m, x.X, b.Class) {
					r.from = append(r.from, x)
				}
			case *ssa.Select:
				for i, st := range x.States {
					if st.Dir == types.SendOnly && carries(m, st.Send, b.Class) {
						if e, ok := CaseEdge(x, i); ok {
							r.edges = append(r.edges, e)
						} else {
							r.from = append(r.from, x)
						}
					}
				}
			}
		}
	}
	return r
}

// startedFor reports whether f starts goroutine s: itself, in a function
// it calls, or in a goroutine it starts (a coordinator that fans out).
func (m *Model) startedFor(f *ssa.Function, s *Spawn) bool {
	up := m.Up(s.Parent)
	if up[f] {
		return true
	}
	return slices.ContainsFunc(m.Goroutines(up), func(c *Spawn) bool { return c.Parent == f })
}

// published returns the places where f puts a channel it makes into a
// collection that a struct field keeps (nc.pongs = append(nc.pongs, ch),
// c.pending[id] = ch), itself or through a call of a function of the
// package that does (c.track(id, ch)): a pending request, whose reply
// whoever takes the channel from there owes, as if f had sent it in a
// message. The channel may travel inside a request f builds
// (cb.put(&sizeRequest{resp})), into a collection of such requests or of
// interfaces.
func (m *Model) published(f *ssa.Function, c *Class) []ssa.Instruction {
	var made []ssa.Value
	for _, v := range c.Creations {
		if mc, ok := v.(*ssa.MakeChan); ok && mc.Parent() == f {
			made = append(made, mc)
		}
	}
	if len(made) == 0 {
		return nil
	}
	t := made[0].Type()
	// carrier reports whether v, a value of f, is a made channel or a
	// request f builds around one.
	carrier := func(v ssa.Value) bool {
		return slices.ContainsFunc(cargo(v), func(x ssa.Value) bool { return slices.Contains(made, x) })
	}
	// stores returns the stores of g into collections that fields keep
	// and that can hold what carries channels of type t.
	stores := func(g *ssa.Function) []ssa.Instruction {
		var at []ssa.Instruction
		for _, blk := range g.Blocks {
			for _, instr := range blk.Instrs {
				switch x := instr.(type) {
				case *ssa.Store:
					if fv := FieldOf(x.Addr); fv != nil && collects(fv.Type(), t, c) {
						at = append(at, x)
					}
				case *ssa.MapUpdate:
					if fv := loadedField(x.Map); fv != nil && collects(fv.Type(), t, c) {
						at = append(at, x)
					}
				}
			}
		}
		return at
	}
	at := stores(f)
	for _, blk := range f.Blocks {
		for _, instr := range blk.Instrs {
			call, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue
			}
			g := call.Common().StaticCallee()
			if g == nil || g.Pkg != m.pkg || g.Blocks == nil {
				continue
			}
			if slices.ContainsFunc(call.Common().Args, carrier) && len(stores(g)) > 0 {
				at = append(at, instr)
			}
		}
	}
	return at
}

// collects reports whether a field of type ft is a slice or map whose
// elements can carry channels of type t and class c: the channels
// themselves, requests with a field of class c, or interfaces.
func collects(ft, t types.Type, c *Class) bool {
	var elem types.Type
	switch u := ft.Underlying().(type) {
	case *types.Slice:
		elem = u.Elem()
	case *types.Map:
		elem = u.Elem()
	default:
		return false
	}
	return types.Identical(elem.Underlying(), t.Underlying()) || types.IsInterface(elem) || hasFieldOf(elem, c)
}

// elemCarries reports whether what receive o gets carries channels of
// class c: is one (a channel of channels), or is a struct, or a pointer to
// one, with a field of class c.
func (m *Model) elemCarries(o *Operation, c *Class) bool {
	var ch types.Type
	switch x := o.Instr.(type) {
	case *ssa.UnOp:
		ch = x.X.Type()
	case *ssa.Select:
		ch = x.States[o.Case].Chan.Type()
	default:
		return false
	}
	t, ok := ch.Underlying().(*types.Chan)
	if !ok {
		return false
	}
	if _, ok := t.Elem().Underlying().(*types.Chan); ok {
		v := received(o)
		return v != nil && m.ClassOf(v) == c
	}
	if types.IsInterface(t.Elem()) {
		// A channel of interfaces carries what the package sends on it.
		return slices.ContainsFunc(o.Class.Ops, func(s *Operation) bool {
			v := sent(s)
			return v != nil && carries(m, v, c)
		})
	}
	return hasFieldOf(t.Elem(), c)
}

// sent returns the value send s sends.
func sent(s *Operation) ssa.Value {
	switch x := s.Instr.(type) {
	case *ssa.Send:
		return x.X
	case *ssa.Select:
		if st := x.States[s.Case]; st.Dir == types.SendOnly {
			return st.Send
		}
	}
	return nil
}

// carried reports whether channels of class c travel in messages, or
// wait in a queue of pending requests (see published), as reply channels
// do: each is made for one request.
func (m *Model) carried(c *Class) bool {
	if v, ok := m.carriedBy[c]; ok {
		return v
	}
	if m.carriedBy == nil {
		m.carriedBy = make(map[*Class]bool)
	}
	for _, v := range c.Creations {
		if mc, ok := v.(*ssa.MakeChan); ok && len(m.published(mc.Parent(), c)) > 0 {
			m.carriedBy[c] = true
			return true
		}
	}
	for _, k := range m.Classes() {
		for _, o := range k.Ops {
			if (o.Op == Recv || o.Op == Range) && k != c && m.elemCarries(o, c) {
				m.carriedBy[c] = true
				return true
			}
		}
	}
	m.carriedBy[c] = false
	return false
}

// received returns the value receive o gets, if it is used.
func received(o *Operation) ssa.Value {
	index := 0 // of the value in the result: a select's come after index and recvOk
	switch x := o.Instr.(type) {
	case *ssa.UnOp:
		if !x.CommaOk {
			return x
		}
	case *ssa.Select:
		index = 2
		for _, st := range x.States[:o.Case] {
			if st.Dir == types.RecvOnly {
				index++
			}
		}
	default:
		return nil
	}
	for _, r := range Refs(o.Instr.(ssa.Value)) {
		if e, ok := r.(*ssa.Extract); ok && e.Index == index {
			return e
		}
	}
	return nil
}

// carries reports whether v is a channel of class c, or a struct (or
// pointer to one) with a field of class c.
func carries(m *Model, v ssa.Value, c *Class) bool {
	v = concrete(v) // a request sent as an interface (a chan any)
	return m.ClassOf(v) == c || hasFieldOf(v.Type(), c)
}

// Carries reports whether v is a channel of class c or a request built
// around one (&request{resp}), itself or in an interface.
func (m *Model) Carries(v ssa.Value, c *Class) bool {
	return slices.ContainsFunc(cargo(v), func(x ssa.Value) bool { return m.ClassOf(x) == c })
}

// cargo returns what v carries to whoever gets it: v itself, out of
// the interface it may be in, and, for a request its function builds as
// a composite literal, the values of its fields.
func cargo(v ssa.Value) []ssa.Value {
	v = concrete(v)
	vs := []ssa.Value{v}
	for _, f := range fieldsOf(v) {
		vs = append(vs, f)
	}
	return vs
}

// concrete returns the value an interface is made of, or v.
func concrete(v ssa.Value) ssa.Value {
	if mi, ok := v.(*ssa.MakeInterface); ok {
		return mi.X
	}
	return v
}

// hasFieldOf reports whether t is a struct, or a pointer to one, with a
// field of class c.
func hasFieldOf(t types.Type, c *Class) bool {
	st, ok := deref(t).Underlying().(*types.Struct)
	if !ok {
		return false
	}
	for i := range st.NumFields() {
		if slices.Contains(c.Fields, st.Field(i).Origin()) {
			return true
		}
	}
	return false
}

// onlyBefore reports whether instruction a, of the same function as b,
// can run before b but never after it: b is reachable from a, and a is
// not reachable from b (a loop that fills a buffer before the workers
// start).
func onlyBefore(a, b ssa.Instruction) bool {
	return a.Block() != b.Block() && reaches(a.Block(), b.Block()) && !reaches(b.Block(), a.Block())
}

// reaches reports whether block to can be reached from block from.
func reaches(from, to *ssa.BasicBlock) bool { return ReachesAvoiding(from, to, nil) }

// ReachesAvoiding reports whether block to can be reached from block from
// without passing block avoid.
func ReachesAvoiding(from, to, avoid *ssa.BasicBlock) bool {
	seen := map[*ssa.BasicBlock]bool{from: true, avoid: true}
	stack := []*ssa.BasicBlock{from}
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, y := range x.Succs {
			if y == to {
				return true
			}
			if !seen[y] {
				seen[y] = true
				stack = append(stack, y)
			}
		}
	}
	return false
}

// tripCount returns how many times the loop around instr runs when it
// counts to a constant K (see countBound).
func tripCount(instr ssa.Instruction) (int, bool) {
	n, ok := intConst(countBound(loopOf(instr.Block())))
	return int(n), ok
}

// opDominates reports whether operation o is made on every path to
// instr: for a select case, whether taking the case does.
func opDominates(o *Operation, instr ssa.Instruction) bool {
	if o.Select == nil {
		return Dominates(o.Instr, instr)
	}
	e, ok := CaseEdge(o.Select, o.Case)
	return ok && len(e.To.Preds) == 1 && (e.To == instr.Block() || e.To.Dominates(instr.Block()))
}

// returnWithout returns a path on which r's function returns without
// passing a place costs prices Never, from one of the places where it
// became responsible, and that place. Branches that contradict how the
// path got there are not taken (see Correlated).
func (r releaser) returnWithout(costs *Costs) (*Path, ssa.Instruction) {
	for _, from := range r.from {
		if p := FeasibleReturn(from, costs); p != nil {
			return p, from
		}
	}
	for _, e := range r.edges {
		if p := EdgeReturn(e, costs); p != nil {
			return p, e.From.Instrs[len(e.From.Instrs)-1]
		}
	}
	return nil, nil
}

// givingUp returns, in place of path p from instruction from, a path that
// leaves f through a select that gives up on one of partners (case <-ch
// against case <-ctx.Done()), when one is feasible: that is where f
// abandons b for all to see, where p may be an early return on which
// nothing reaches b yet.
func givingUp(f *ssa.Function, from ssa.Instruction, p *Path, partners []*Operation, costs *Costs) *Path {
	if sel, _ := p.SelectCase(); sel != nil {
		return p
	}
	for _, o := range partners {
		if o.Fn() != f || o.Select == nil {
			continue
		}
		c := costs.Clone()
		for _, blk := range f.Blocks {
			if ret, ok := blk.Instrs[len(blk.Instrs)-1].(*ssa.Return); ok && !Dominates(o.Select, ret) {
				c.AddInstr(ret, detour)
			}
		}
		if q := FeasibleReturn(from, c); q != nil && q.Cost < detour {
			return q
		}
	}
	return p
}

// detour is the price that steers a path away from a place without
// forbidding it.
const detour = 1 << 20

// releaseCosts prices Never, in f, the places where f releases b: the
// partner operations it makes, the calls that reach one, and the go
// statements of goroutines that always release it.
//
// A release in a loop is priced on the whole loop: passing the loop, even
// for no iteration, counts as releasing, since a loop that receives as
// often as goroutines were started (for range urls) runs no iteration
// exactly when none was started.
//
// When b needs a single release (many is false), one release anywhere,
// even in a loop left right after it, is enough.
func (m *Model) releaseCosts(f *ssa.Function, from []ssa.Instruction, partners []*Operation, up map[*ssa.Function]bool, goroutines []*Spawn, failing map[*Spawn]*Path, many bool) (*Costs, []ssa.Instruction) {
	costs := &Costs{}
	m.PriceGiveUps(f, costs)
	var sites []ssa.Instruction
	// A loop of its own releases as often as it runs; a release in the
	// loop that also hands the channel over is one per iteration.
	ownLoop := func(site ssa.Instruction) bool {
		if !m.InLoop(site) {
			return false
		}
		loop := loopOf(site.Block())
		return !slices.ContainsFunc(from, func(x ssa.Instruction) bool { return slices.Contains(loop, x.Block()) })
	}
	for _, p := range partners {
		if p.Fn() != f {
			continue
		}
		if ownLoop(p.Instr) {
			PriceLoop(costs, p.Instr, CaseTo(p.Select, p.Case))
			if p.Op == Range {
				// A range in a loop over channels (for _, ch := range chans
				// { for v := range ch {…} }): the outer loop drains one
				// channel per turn, and ends when all are.
				if outer := enteredFrom(p.Instr.Block()); outer != nil && ownLoop(outer) {
					PriceLoop(costs, outer, nil)
				}
			}
		}
		if !ownLoop(p.Instr) || !many {
			priceOp(costs, p)
		}
		sites = append(sites, p.Instr)
	}
	var calls []ssa.Instruction
	calls = append(calls, m.Sites(f, up)...)
	for _, s := range goroutines {
		if failing[s] == nil && s.Start.Parent() == f {
			calls = append(calls, s.Start)
		}
	}
	for _, site := range calls {
		if ownLoop(site) {
			PriceLoop(costs, site, nil)
		}
		if !ownLoop(site) || !many {
			costs.AddInstr(site, Never)
		}
	}
	return costs, append(sites, calls...)
}

// enteredFrom returns the last instruction of the block that enters the
// loop headed by h from outside it, if one block does.
func enteredFrom(h *ssa.BasicBlock) ssa.Instruction {
	var from *ssa.BasicBlock
	for _, p := range h.Preds {
		if !h.Dominates(p) { // not a back edge
			if from != nil {
				return nil
			}
			from = p
		}
	}
	if from == nil {
		return nil
	}
	return from.Instrs[len(from.Instrs)-1]
}

// PriceLoop prices Never the natural ends of the loop around instr: the
// exits its condition takes, and the edge that skips it when its
// condition fails at once (for range n tests before its first
// iteration). A loop that releases b once per goroutine started (for
// range urls) has released all it owes when it ends, or runs no iteration
// exactly when none was started; a return or break from inside it leaves
// the rest unreleased.
//
// A loop with no condition (for {}) around a plain receive ends when it
// has counted what it waited for: every exit is natural there. Around a
// select (caseTo is the block of the release's case), the exits after
// that case are, but for a test of an error (a failure ends it early),
// and so are exits that test a count the case changes (see countedIn);
// the other cases are the early ways out. A case with an empty body goes
// straight back to the loop's head: no exit comes after it.
func PriceLoop(costs *Costs, instr ssa.Instruction, caseTo *ssa.BasicBlock) {
	loop := loopOf(instr.Block())
	natural := naturalExit
	if !slices.ContainsFunc(loop, func(x *ssa.BasicBlock) bool {
		return slices.ContainsFunc(x.Succs, func(y *ssa.BasicBlock) bool { return !slices.Contains(loop, y) && naturalExit(x, y) })
	}) {
		after := caseTo != nil && !caseTo.Dominates(instr.Block()) // a case with a body of its own
		natural = func(x, y *ssa.BasicBlock) bool {                // a count-down
			return caseTo == nil || after && caseTo.Dominates(x) && !failed(x) || countedIn(x, caseTo)
		}
	}
	for _, x := range loop {
		for _, y := range x.Succs {
			if !slices.Contains(loop, y) && natural(x, y) {
				costs.AddEdge(Edge{x, y}, Never)
			}
		}
		for _, pred := range x.Preds {
			if slices.Contains(loop, pred) {
				continue
			}
			for _, y := range pred.Succs {
				if !slices.Contains(loop, y) && natural(pred, y) {
					costs.AddEdge(Edge{pred, y}, Never)
				}
			}
		}
	}
}

// failed reports whether block x ends in a test of an error against nil:
// a way out on a failure, however many answers came.
func failed(x *ssa.BasicBlock) bool {
	ifInstr, ok := x.Instrs[len(x.Instrs)-1].(*ssa.If)
	if !ok {
		return false
	}
	v, _, ok := nilTest(ifInstr.Cond)
	return ok && IsError(v.Type())
}

// countedIn reports whether the test that ends block x compares a count
// that the select case starting at caseTo changes (pending-- in the case,
// if pending == 0 { break } after the select): the loop ends when the
// count says every answer came, whichever case took each.
func countedIn(x, caseTo *ssa.BasicBlock) bool {
	ifInstr, ok := x.Instrs[len(x.Instrs)-1].(*ssa.If)
	if !ok {
		return false
	}
	cmp, ok := ifInstr.Cond.(*ssa.BinOp)
	if !ok {
		return false
	}
	for _, v := range []ssa.Value{cmp.X, cmp.Y} {
		phi, ok := v.(*ssa.Phi)
		if !ok {
			continue
		}
		for _, e := range phi.Edges {
			if step, ok := e.(*ssa.BinOp); ok && (step.Op == token.ADD || step.Op == token.SUB) &&
				(step.Block() == caseTo || caseTo.Dominates(step.Block())) {
				return true
			}
		}
	}
	return false
}

// naturalExit reports whether the edge from x to y leaves a loop because
// its condition is false: a conditional branch to the block after the
// loop (a break jumps there unconditionally), or, from a loop's header,
// its false branch, which goes straight to the header of an enclosing loop
// when nothing follows the inner one.
func naturalExit(x, y *ssa.BasicBlock) bool {
	_, cond := x.Instrs[len(x.Instrs)-1].(*ssa.If)
	return cond && (strings.HasSuffix(y.Comment, ".done") || strings.HasSuffix(x.Comment, ".loop") && y == x.Succs[1])
}

// loopOf returns the blocks of the innermost loop around b: the natural
// loop of a back edge (to a header that dominates its source) whose body
// holds b, the smallest one.
func loopOf(b *ssa.BasicBlock) []*ssa.BasicBlock {
	var best []*ssa.BasicBlock
	for _, x := range b.Parent().Blocks {
		for _, h := range x.Succs {
			if !h.Dominates(x) || !h.Dominates(b) {
				continue
			}
			// The body of back edge x->h: h, and what reaches x without
			// passing h.
			body := map[*ssa.BasicBlock]bool{h: true}
			stack := []*ssa.BasicBlock{x}
			for len(stack) > 0 {
				y := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				if body[y] {
					continue
				}
				body[y] = true
				stack = append(stack, y.Preds...)
			}
			if !body[b] || best != nil && len(body) >= len(best) {
				continue
			}
			best = best[:0]
			for _, y := range b.Parent().Blocks {
				if body[y] {
					best = append(best, y)
				}
			}
		}
	}
	return best
}

// nthReceive returns which receive b is on its function's paths: one
// more than the receives on its channel, outside loops, that come before
// it on every path.
func (m *Model) nthReceive(b *Operation) int {
	nth := 1
	for _, o := range m.OpsIn(b.Fn()) {
		if o != b && o.Class == b.Class && o.Op == Recv && !m.InLoop(o.Instr) && opDominates(o, b.Instr) {
			nth++
		}
	}
	return nth
}

// fewerSure returns a goroutine that can stop without releasing b, when
// b is the nth plain receive of the function that makes its channel and
// fewer than n of the goroutines it starts are sure to send: each sends
// once at most, and only those that release b on every way count. The
// first receive takes the one sure send; the second waits for the
// goroutine that may stop first. Nil if that cannot be told.
func (m *Model) fewerSure(b *Operation, goroutines []*Spawn, failing map[*Spawn]*Path, shares map[*Spawn]bool) *Spawn {
	f := b.Fn()
	if b.Op != Recv || b.Select != nil || m.InLoop(b.Instr) || !m.owns(f, b.Class) {
		return nil
	}
	nth := m.nthReceive(b)
	if nth < 2 {
		return nil
	}
	sure := 0
	var stops *Spawn
	for _, s := range goroutines {
		if s.InLoop || shares[s] || s.Start.Parent() != f || !Dominates(s.Start, b.Instr) {
			return nil
		}
		var sends []ssa.Instruction
		for _, o := range b.Class.Ops {
			switch {
			case o.Op == Close:
				return nil
			case o.Op == Send && o.Fn() == s.Body:
				sends = append(sends, o.Instr)
			case o.Op == Send && m.Up(o.Fn())[s.Body]:
				return nil // sent in a function it calls: not counted here
			}
		}
		if MaxOnPath(s.Body, sends) > 1 || slices.ContainsFunc(sends, func(x ssa.Instruction) bool { return m.InLoop(x) }) {
			return nil
		}
		if failing[s] == nil {
			sure++
		} else if stops == nil {
			stops = s
		}
	}
	if sure >= nth || stops == nil {
		return nil
	}
	return stops
}

// madeIn reports whether the channels of c are made (or got from a call)
// by a function of fns: each run of it has a channel of its own.
func (m *Model) madeIn(c *Class, fns map[*ssa.Function]bool) bool {
	for f := range fns {
		if m.owns(f, c) {
			return true
		}
	}
	return false
}

// countReceives reports b, a receive on the goroutine that made its
// channel, when it is the Nth receive on its path and the goroutines that
// send on the channel, each started at most once, send fewer than N times
// in all on some path to it: two receives for two senders of which only
// one is started on a path (if useStdout { go … } if useStderr { go … }).
func (m *Model) countReceives(b *Operation, goroutines []*Spawn) *Abandon {
	f := b.Fn()
	if b.Op != Recv || b.Select != nil || m.InLoop(b.Instr) || !m.owns(f, b.Class) || len(goroutines) == 0 {
		return nil
	}
	weights := make(map[ssa.Instruction]int) // the sends each go statement brings
	for _, s := range goroutines {
		if s.InLoop || s.Start.Parent() != f {
			return nil
		}
		var instrs []ssa.Instruction
		for _, o := range b.Class.Ops {
			switch {
			case o.Op == Close:
				return nil
			case o.Op == Send && o.Fn() == s.Body:
				if m.InLoop(o.Instr) {
					return nil
				}
				instrs = append(instrs, o.Instr)
			}
		}
		for _, o := range b.Class.Ops {
			if o.Op == Send && o.Fn() != s.Body {
				if fnUp := m.Up(o.Fn()); fnUp[s.Body] {
					instrs = append(instrs, m.Sites(s.Body, fnUp)...)
				}
			}
		}
		if !s.Maybe { // a helper that may not start it brings none for sure
			weights[s.Start] += MaxOnPath(s.Body, instrs)
		}
	}
	// Every send must be one of theirs.
	for _, o := range b.Class.Ops {
		if o.Op == Send && !slices.ContainsFunc(goroutines, func(s *Spawn) bool { return m.Up(o.Fn())[s.Body] }) {
			return nil
		}
	}
	// A go statement that every path to b passes, as its guard says
	// (if p != nil { <-done } where p is set where the goroutine starts).
	base := 0
	for start, w := range weights {
		if impliesPassed(b.Instr, start.Block()) {
			base += w
			delete(weights, start)
		}
	}
	nth := m.nthReceive(b)
	sends := minTo(b.Instr, weights)
	if sends < 0 || nth <= base+sends {
		return nil
	}
	sends += base
	return &Abandon{Op: b, By: f, Nth: nth, Sends: sends, Thread: goroutines[0]}
}

// minTo returns the least total weight of the instructions a path from the
// entry of instr's function passes before it, or -1 if none reaches it.
func minTo(instr ssa.Instruction, weights map[ssa.Instruction]int) int {
	fn := instr.Parent()
	blockWeight := func(b *ssa.BasicBlock) int {
		w := 0
		for _, x := range b.Instrs {
			if x == instr {
				break
			}
			w += weights[x]
		}
		return w
	}
	dist := map[*ssa.BasicBlock]int{fn.Blocks[0]: blockWeight(fn.Blocks[0])}
	q := &blockQueue{{pathNode{fn.Blocks[0], -1}, dist[fn.Blocks[0]]}}
	done := make(map[*ssa.BasicBlock]bool)
	for q.Len() > 0 {
		b := heap.Pop(q).(blockCost).n.b
		if done[b] {
			continue
		}
		done[b] = true
		if b == instr.Block() {
			return dist[b]
		}
		for _, s := range b.Succs {
			d := dist[b] + blockWeight(s)
			if old, seen := dist[s]; seen && old <= d {
				continue
			}
			dist[s] = d
			heap.Push(q, blockCost{pathNode{s, -1}, d})
		}
	}
	return -1
}

// priceOp prices operation o Never: its select case, or its instruction.
func priceOp(costs *Costs, o *Operation) {
	if o.Select != nil {
		if e, ok := CaseEdge(o.Select, o.Case); ok {
			costs.AddEdge(e, Never)
			return
		}
	}
	costs.AddInstr(o.Instr, Never)
}

// stopsReleasing returns a path on which goroutine s returns without
// releasing b: without releasing it at all, or, when b can block more
// than once (many) and s releases it in a loop, after its last release.
// Paths that end because b's side is done (a range over b's channel ends,
// a receive sees it closed, a signal only b's goroutine gives arrives)
// are how s is meant to stop, and do not count; nor, when b blocks again
// only on another call of its function (again), does a return right
// after a release: that release was b's stop.
func (m *Model) stopsReleasing(s *Spawn, b *Operation, partners []*Operation, up, bUp map[*ssa.Function]bool, many, again bool) *Path {
	if g := forwardsTo(s.Body); g != nil && up[g] {
		// go func() { p.loop() }(), or the method value p.loop: the
		// goroutine is the method's.
		inner := *s
		inner.Body = g
		s = &inner
	}
	body := s.Body
	for _, p := range partners {
		if p.Op != Close {
			continue
		}
		d := m.deferOf(body, p)
		if d == nil {
			continue
		}
		if p.Fn() != body {
			// A deferred function that closes: on each of its ways?
			var inner Costs
			inner.AddInstr(p.Instr, Never)
			m.priceSeenClosed(p.Fn(), b.Class, &inner)
			if EntryReturn(p.Fn(), &inner) != nil {
				continue
			}
		}
		var c Costs
		c.AddInstr(d, Never)
		if EntryReturn(body, &c) == nil {
			return nil // defer close(ch), or a deferred function that closes it, on every way: every return releases b
		}
	}
	costs := &Costs{}
	var sites []ssa.Instruction
	var siteEdges []Edge
	for _, p := range partners {
		if p.Fn() != body {
			continue
		}
		priceOp(costs, p)
		if p.Op == Close {
			continue // a close releases b for good
		}
		if p.Select != nil {
			if e, ok := CaseEdge(p.Select, p.Case); ok {
				siteEdges = append(siteEdges, e)
				continue
			}
		}
		sites = append(sites, p.Instr)
	}
	// Calls that reach a partner; only those that reach one that is not a
	// close can be followed by more releases.
	openUp := make(map[*ssa.Function]bool)
	for _, p := range partners {
		if p.Op != Close {
			for f := range m.Up(p.Fn()) {
				openUp[f] = true
			}
		}
	}
	// A call releases b if the function it calls does on every path: a
	// helper that returns early without releasing leaves b waiting.
	memo := make(map[*ssa.Function]bool)
	rel := releaseInstrs(body, partners)
	for g, instrs := range m.threads.sites[body] {
		if up[g] && m.releasesAlways(g, b, partners, memo) {
			for _, site := range instrs {
				costs.AddInstr(site, Never)
			}
			rel = append(rel, instrs...)
		}
	}
	m.priceMemberLoops(body, b.Class, rel, costs)
	sites = append(sites, m.Sites(body, openUp)...)
	m.priceNaturalEnds(body, b, bUp, costs)
	m.PriceEndlessRanges(body, costs) // a range over a Ticker's channel never ends
	m.priceInFlight(body, b, costs)
	m.priceSetFields(s, b, costs)
	priceReleaseFlags(s, costs)
	priceConstArgs(s, costs)
	m.priceClosedAfterRelease(body, b, partners, costs)
	m.priceSeenClosed(body, b.Class, costs)
	m.priceExclusiveFields(body, partners, costs)
	// A goroutine that gets b's channel in a message (a request with a
	// reply channel) owes a release from the moment it receives one.
	// When b's side hands the channel over on a channel of its own before
	// it waits (install <- sub; <-sub.installed), only a message on that
	// one is the request b waits on.
	handed := m.handedOver(b)
	var carriers []*Operation
	for _, o := range m.OpsIn(body) {
		if (o.Op == Recv || o.Op == Range) && o.Class != b.Class && m.elemCarries(o, b.Class) && (len(handed) == 0 || slices.Contains(handed, o.Class)) {
			carriers = append(carriers, o)
		}
	}
	for _, o := range carriers {
		var p *Path
		switch blk := o.Instr.Block(); {
		case o.Op == Range:
			// From the loop's body: the message has arrived.
			if _, ok := blk.Instrs[len(blk.Instrs)-1].(*ssa.If); ok {
				p = cheapestReturn(blk.Succs[0], 0, costs)
			}
		case o.Select == nil:
			p = CheapestReturn(o.Instr, costs)
		default:
			if e, ok := CaseEdge(o.Select, o.Case); ok {
				p = cheapestReturn(e.To, 0, costs)
			}
		}
		if p != nil {
			return p
		}
	}
	if len(carriers) > 0 {
		return nil
	}
	if p, ok := m.checkedInReturn(s, b, costs); ok {
		return p
	}
	if b.Op == Send {
		m.priceCounted(body, b.Class, costs) // s counts b's goroutine
	}
	// Releasing in a loop that runs as often as b's side needs: leaving
	// it when its condition fails, even at once, is its end.
	loops := costs.Clone()
	for _, site := range sites {
		if m.InLoop(site) {
			PriceLoop(loops, site, nil)
		}
	}
	for _, e := range siteEdges {
		if sel := e.From.Instrs[len(e.From.Instrs)-1]; m.InLoop(sel) {
			PriceLoop(loops, sel, e.To)
		}
	}
	if p := EntryReturn(body, loops); p != nil {
		return p
	}
	if !many {
		return nil
	}
	// A goroutine that releases b once and returns has done its share; one
	// that releases it in a loop serves b for as long as it runs, and
	// returning early leaves b without a partner. Leaving the loop when
	// its condition fails (as many times as b's side loops) or its count
	// is done is not early.
	for _, site := range sites {
		if !m.InLoop(site) || again && !reaches(site.Block(), site.Block()) {
			continue
		}
		if p := leftEarly(costs, site, nil); p != nil {
			return p
		}
	}
	for _, e := range siteEdges {
		sel := e.From.Instrs[len(e.From.Instrs)-1]
		if !m.InLoop(sel) || again && !reaches(e.To, e.From) {
			continue
		}
		if p := leftEarly(costs, sel, e.To); p != nil {
			return p
		}
	}
	if again {
		return nil
	}
	// The same for the loop of a function the goroutine calls once (go
	// func() { _ = w.Run() }()): when that function returns early, so
	// does the goroutine, and the path named is the function's.
	for _, site := range m.Sites(body, up) {
		call, ok := site.(ssa.CallInstruction)
		if !ok || m.InLoop(site) {
			continue
		}
		if g := call.Common().StaticCallee(); g != nil && g != body && up[g] {
			if p := m.leavesLoopEarly(g, b, partners, bUp); p != nil {
				return p
			}
		}
	}
	return nil
}

// leavesLoopEarly returns a path on which fn, which makes partners of b
// in a loop, returns from inside that loop other than by its natural end
// (the loop's condition failing, a range over b's channel ending), or
// nil.
func (m *Model) leavesLoopEarly(fn *ssa.Function, b *Operation, partners []*Operation, bUp map[*ssa.Function]bool) *Path {
	costs := &Costs{}
	m.PriceGiveUps(fn, costs)
	var looped []*Operation
	for _, p := range partners {
		if p.Fn() == fn {
			priceOp(costs, p)
			if m.InLoop(p.Instr) {
				looped = append(looped, p)
			}
		}
	}
	m.priceNaturalEnds(fn, b, bUp, costs)
	m.PriceEndlessRanges(fn, costs)
	m.priceInFlight(fn, b, costs)
	if m.inFlight(b.Class) != nil && b.Op == Send {
		// A reply is owed only to the request in flight: a loop left
		// early to take that reply, if any, owes no other.
		memo := make(map[*ssa.Function]bool)
		for g, instrs := range m.threads.sites[fn] {
			if m.releasesAlways(g, b, partners, memo) {
				for _, site := range instrs {
					costs.AddInstr(site, Never)
				}
			}
		}
	}
	for _, p := range looped {
		var caseTo *ssa.BasicBlock
		if p.Select != nil {
			if caseTo = CaseTo(p.Select, p.Case); caseTo == nil {
				continue
			}
		}
		if path := leftEarly(costs, p.Instr, caseTo); path != nil {
			return path
		}
	}
	return nil
}

// leftEarly returns the cheapest path, given costs, that leaves the loop
// around site (from caseTo, for a select case) other than at its end
// (see PriceLoop), or nil.
func leftEarly(costs *Costs, site ssa.Instruction, caseTo *ssa.BasicBlock) *Path {
	c := costs.Clone()
	PriceLoop(c, site, caseTo)
	if caseTo != nil {
		return cheapestReturn(caseTo, 0, c)
	}
	return CheapestReturn(site, c)
}

// handedOver returns the classes of the channels on which b's function
// sends a value carrying b's channel before b, on every path to it: the
// request b waits for a reply to.
func (m *Model) handedOver(b *Operation) []*Class {
	var cs []*Class
	add := func(ch ssa.Value) {
		if c := m.ClassOf(ch); c != nil && !slices.Contains(cs, c) {
			cs = append(cs, c)
		}
	}
	for _, blk := range b.Fn().Blocks {
		for _, instr := range blk.Instrs {
			switch x := instr.(type) {
			case *ssa.Send:
				if x != b.Instr && carries(m, x.X, b.Class) && Dominates(x, b.Instr) {
					add(x.Chan)
				}
			case *ssa.Select:
				for i, st := range x.States {
					if st.Dir != types.SendOnly || x == b.Instr || !carries(m, st.Send, b.Class) {
						continue
					}
					if e, ok := CaseEdge(x, i); ok && e.To.Dominates(b.Instr.Block()) {
						add(st.Chan)
					}
				}
			}
		}
	}
	return cs
}

// forwardsTo returns the function of the package that fn only calls and
// returns from, with nothing else done, and no other way: a closure
// func() { p.loop() }, the wrapper of a method value p.loop. What fn's
// goroutine does, g does.
func forwardsTo(fn *ssa.Function) *ssa.Function {
	if fn == nil || len(fn.Blocks) != 1 {
		return nil
	}
	var g *ssa.Function
	for _, instr := range fn.Blocks[0].Instrs {
		switch x := instr.(type) {
		case *ssa.Call:
			callee := bodyOf(x.Call.StaticCallee())
			if g != nil || callee == nil || callee.Pkg != fn.Pkg && fn.Pkg != nil || x.Call.IsInvoke() {
				return nil
			}
			g = callee
		case *ssa.UnOp:
			if x.Op != token.MUL {
				return nil
			}
		case *ssa.FieldAddr, *ssa.DebugRef, *ssa.Return:
		default:
			return nil
		}
	}
	return g
}

// releasesAlways reports whether every path of fn that returns makes one
// of the partner operations, or calls a function that does. b, the
// operation they release, may be nil.
func (m *Model) releasesAlways(fn *ssa.Function, b *Operation, partners []*Operation, memo map[*ssa.Function]bool) bool {
	if v, ok := memo[fn]; ok {
		return v
	}
	memo[fn] = false // a cycle of calls releases nothing by itself
	v := EntryReturn(fn, m.releasingCosts(fn, b, partners, memo)) == nil
	memo[fn] = v
	return v
}

// releasingCosts prices, for releasesAlways, the instructions of fn that
// release b: the partners fn makes itself and the calls of functions that
// always make one, and the branches that owe no release.
func (m *Model) releasingCosts(fn *ssa.Function, b *Operation, partners []*Operation, memo map[*ssa.Function]bool) *Costs {
	costs := &Costs{}
	for _, p := range partners {
		if p.Fn() == fn {
			priceOp(costs, p)
		}
	}
	// Branches that owe no release: if ch != nil { close(ch) }, a channel
	// set to nil once released; if alive.Add(-1) == 0 { close(out) }, the
	// last worker closes for all.
	if len(partners) > 0 {
		for _, blk := range fn.Blocks {
			ifInstr, ok := blk.Instrs[len(blk.Instrs)-1].(*ssa.If)
			if !ok {
				continue
			}
			if x, eql, ok := nilTest(ifInstr.Cond); ok && m.ClassOf(x) == partners[0].Class {
				costs.AddEdge(Edge{blk, nilBranch(blk, eql)}, Never)
			}
			if rest, ok := countdownRest(blk); ok {
				costs.AddEdge(Edge{blk, rest}, Never)
			}
		}
	}
	if b != nil {
		m.priceInFlight(fn, b, costs) // if reading { <-replies }
	}
	rel := releaseInstrs(fn, partners)
	for g, instrs := range m.threads.sites[fn] {
		if m.releasesAlways(g, b, partners, memo) {
			for _, instr := range instrs {
				costs.AddInstr(instr, Never)
			}
			rel = append(rel, instrs...)
		}
	}
	if len(partners) > 0 {
		m.priceMemberLoops(fn, partners[0].Class, rel, costs)
	}
	return costs
}

// answeredByMaker reports whether receive b waits on a channel that the
// function making it releases on every way out once it is made: a
// handler that makes a completion channel, publishes it (in a set, a
// field) and sends on it in a deferred call. Whoever finds such a
// channel finds its message; a goroutine that can return without sending
// on it has simply made none on that run. b must not run inline in the
// maker, nor receive twice in a loop, as one message answers one receive.
func (m *Model) answeredByMaker(b *Operation, partners []*Operation, bUp map[*ssa.Function]bool) bool {
	c := b.Class
	if b.Op != Recv || c.Kind != Chan || len(c.Creations) == 0 || c.Direct.Has(Recv) || m.InLoop(b.Instr) {
		return false
	}
	memo := make(map[*ssa.Function]bool)
	for _, v := range c.Creations {
		mk, ok := v.(*ssa.MakeChan)
		if !ok || bUp[mk.Parent()] {
			return false
		}
		if CheapestReturn(mk, m.releasingCosts(mk.Parent(), b, partners, memo)) != nil {
			return false
		}
	}
	return true
}

// releaseInstrs returns the partners that fn makes itself, but for select
// cases: the instructions that release on their own.
func releaseInstrs(fn *ssa.Function, partners []*Operation) []ssa.Instruction {
	var rel []ssa.Instruction
	for _, p := range partners {
		if p.Fn() == fn && p.Select == nil {
			rel = append(rel, p.Instr)
		}
	}
	return rel
}

// countdownRest returns, for block b ending in a test that a count of
// workers shared by them all reached zero (alive.Add(-1) == 0,
// atomic.AddInt32(&n, -1) != 0), the branch every worker but the last
// takes: the last one to leave acts for all of them.
func countdownRest(b *ssa.BasicBlock) (*ssa.BasicBlock, bool) {
	ifInstr, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
	if !ok {
		return nil, false
	}
	cmp, ok := ifInstr.Cond.(*ssa.BinOp)
	if !ok || cmp.Op != token.EQL && cmp.Op != token.NEQ {
		return nil, false
	}
	x, zero := cmp.X, cmp.Y
	if isZero(x) {
		x, zero = zero, x
	}
	call, ok := x.(*ssa.Call)
	if !ok || !isZero(zero) {
		return nil, false
	}
	fn := Callee(&call.Call)
	args := call.Call.Args
	switch {
	case IsFunc(fn, "sync/atomic", "Int32.Add"), IsFunc(fn, "sync/atomic", "Int64.Add"),
		IsFunc(fn, "sync/atomic", "AddInt32"), IsFunc(fn, "sync/atomic", "AddInt64"):
	default:
		return nil, false
	}
	if len(args) != 2 {
		return nil, false
	}
	if k, ok := args[1].(*ssa.Const); !ok || k.Value == nil || k.Value.Kind() != constant.Int || k.Int64() != -1 {
		return nil, false
	}
	if cmp.Op == token.EQL {
		return b.Succs[1], true
	}
	return b.Succs[0], true
}

// priceNaturalEnds prices Never the ways fn stops because the other side
// of b is done: the exit of a range over b's channel, the branch taken
// when a receive from it reports it closed, and a receive (or select case)
// on a channel that only the goroutine of b, or the function that starts
// it, signals.
func (m *Model) priceNaturalEnds(fn *ssa.Function, b *Operation, bUp map[*ssa.Function]bool, costs *Costs) {
	// The goroutine of b, and the functions that start it, coordinate its
	// end: a signal from them comes once b needs no more releases.
	var parents []*ssa.Function
	for _, s := range m.Goroutines(bUp) {
		parents = append(parents, s.Parent)
	}
	coordinators := m.Up(parents...)
	for f := range bUp {
		coordinators[f] = true
	}
	for _, o := range m.OpsIn(fn) {
		switch {
		case o.Class == b.Class && o.Op == Range:
			if e, ok := RangeEnd(o); ok {
				costs.AddEdge(e, Never)
			}
		case o.Class == b.Class && o.Op == Recv:
			priceClosed(o, costs)
		case o.Class != b.Class && o.Op == Recv && m.signalledOnlyBy(o.Class, coordinators, fn):
			priceOp(costs, o)
		case o.Class != b.Class && o.Op == Recv && !m.InTest(b.Instr) && m.signalledOnlyInTests(o.Class):
			priceOp(costs, o) // in the program, nothing gives that signal
		}
	}
}

// signalledOnlyInTests reports whether only tests can send on or close
// the channels of class c: every function that does runs only when a test
// calls it.
func (m *Model) signalledOnlyInTests(c *Class) bool {
	if c.Kind != Chan || c.Outside.Has(Send) || c.Outside.Has(Close) || c.Timer || c.DoneOf != nil {
		return false
	}
	any := false
	for _, o := range c.Ops {
		if o.Op == Send || o.Op == Close {
			if !m.testOnly(o.Fn()) {
				return false
			}
			any = true
		}
	}
	return any
}

// testOnly reports whether fn runs only in tests: everything that runs it
// inline is a test, or is called only by tests, and nothing else can call
// it (it is not exported, used as a value, or left uncalled).
func (m *Model) testOnly(fn *ssa.Function) bool {
	for f := range m.Up(fn) {
		if (m.Entry(f) || len(m.threads.callers[f]) == 0) && !m.isTest(f) {
			return false
		}
	}
	return true
}

// closedOnlyAfter reports whether b's channel is closed only by the one
// goroutine that runs b, after b: once a receive sees it closed, b is
// done (a producer that closes its channel after its last send).
func (m *Model) closedOnlyAfter(b *Operation, bSpawns []*Spawn) bool {
	return len(bSpawns) == 1 && !bSpawns[0].InLoop && m.closedOnlyIn(b.Class, b.Instr)
}

// closedAtExit reports whether the channels of c are closed only by the
// deferred calls of the one goroutine that runs b (defer close(errc)),
// which run once it is past every operation: a receive that finds c
// closed comes after b, however b's side hands out its results.
func (m *Model) closedAtExit(c *Class, bSpawns []*Spawn) bool {
	if len(bSpawns) != 1 || bSpawns[0].InLoop || bSpawns[0].Body == nil {
		return false
	}
	return m.closedOnly(c, func(x ssa.Instruction) bool {
		d, ok := x.(*ssa.Defer)
		return ok && d.Parent() == bSpawns[0].Body
	})
}

// SeenClosedAfter reports whether instruction after runs only once its
// function has seen closed a channel that only before's function closes,
// after before: a producer that counts its work (wg.Add) and closes its
// channel when done, and a consumer that waits (wg.Wait) only when a
// receive finds the channel closed or its range over it ends.
func (m *Model) SeenClosedAfter(before, after ssa.Instruction) bool {
	for _, o := range m.OpsIn(after.Parent()) {
		var ends []Edge // the ways on once o has seen the channel closed
		switch {
		case o.Op == Range:
			if e, ok := RangeEnd(o); ok {
				ends = append(ends, e)
			}
		case o.Op == Recv:
			ends = closedEdges(o)
		}
		seen := slices.ContainsFunc(ends, func(e Edge) bool {
			return len(e.To.Preds) == 1 && e.To.Dominates(after.Block())
		})
		if seen && m.closedOnlyIn(o.Class, before) {
			return true
		}
	}
	return false
}

// closedOnlyIn reports whether the channels of c are closed only in the
// function of instr, after it, and not by code outside the package.
func (m *Model) closedOnlyIn(c *Class, instr ssa.Instruction) bool {
	return m.closedOnly(c, func(x ssa.Instruction) bool { return x.Parent() == instr.Parent() && onlyBefore(instr, x) })
}

// closedOnly reports whether the channels of c are closed, by the package
// only, and every close is one that at accepts.
func (m *Model) closedOnly(c *Class, at func(close ssa.Instruction) bool) bool {
	if c.Outside.Has(Close) {
		return false
	}
	closes := 0
	for _, o := range c.Ops {
		if o.Op != Close {
			continue
		}
		if !at(o.Instr) {
			return false
		}
		closes++
	}
	return closes > 0
}

// priceClosed prices Never the branches taken when receive o, of the
// v, ok := <-ch form, finds its channel closed.
func priceClosed(o *Operation, costs *Costs) {
	for _, e := range closedEdges(o) {
		costs.AddEdge(e, Never)
	}
}

// priceClosedAfterRelease prices Never, in fn, the receives (and select
// cases) on a channel that nothing sends on and that only another
// function closes, after it released b: after another partner's release
// (err := <-h.exit; close(h.done)), or after or right before closing b's
// own channel, which releases a send too, by a panic (close(t.reset);
// close(t.stop), or close(t.stop); close(t.reset)).
// A goroutine that sees it closed comes after that release, so b is not
// left waiting by that way out.
func (m *Model) priceClosedAfterRelease(fn *ssa.Function, b *Operation, partners []*Operation, costs *Costs) {
	var releases, closes []ssa.Instruction
	for _, p := range partners {
		if p.Fn() != fn && p.Op != Close && p.Select == nil {
			releases = append(releases, p.Instr)
		}
	}
	if b.Class != nil {
		for _, o := range b.Class.Ops {
			if o.Op == Close && o.Fn() != fn {
				closes = append(closes, o.Instr)
			}
		}
	}
	for _, o := range m.OpsIn(fn) {
		if o.Op != Recv || o.Class == nil || o.Class == b.Class || !m.closeOnly(o.Class) {
			continue
		}
		if slices.ContainsFunc(releases, func(r ssa.Instruction) bool { return m.closedAfterOnly(o.Class, r) }) ||
			slices.ContainsFunc(closes, func(r ssa.Instruction) bool { return m.closedWith(o.Class, r) }) {
			priceOp(costs, o)
		}
	}
}

// closedWith reports whether the channels of c are closed only after
// instr, or right before it: earlier in its block, with nothing between
// them that could block, call out or return (close(b.stop); close(b.in)).
// A goroutine that sees c closed then comes after instr, or just before it
// with instr certain to follow.
func (m *Model) closedWith(c *Class, instr ssa.Instruction) bool {
	return m.closedOnly(c, func(x ssa.Instruction) bool {
		if x != instr && Dominates(instr, x) {
			return true
		}
		if x.Block() != instr.Block() || !before(x, instr) {
			return false
		}
		instrs := x.Block().Instrs
		return !slices.ContainsFunc(instrs[slices.Index(instrs, x)+1:slices.Index(instrs, instr)], func(y ssa.Instruction) bool { return !plain(y) })
	})
}

// priceSeenClosed prices Never, in fn, the receives (and select cases) on
// the channels of c when nothing sends on them: one that proceeds finds
// its channel closed, so whatever waits on it is released. This is the
// close-once idiom, select { case <-done: default: close(done) }.
func (m *Model) priceSeenClosed(fn *ssa.Function, c *Class, costs *Costs) {
	if c == nil || !m.closeOnly(c) {
		return
	}
	for _, o := range m.OpsIn(fn) {
		if o.Op == Recv && o.Class == c {
			priceOp(costs, o)
		}
	}
}

// closeOnly reports whether nothing sends on the channels of c, in the
// package or outside it: they are only ever closed.
func (m *Model) closeOnly(c *Class) bool {
	return !c.Outside.Has(Send) && !m.hasOp(c, Send)
}

// closedAfterOnly reports whether the channels of c are closed only
// after instr, on every way to their close, and not by code outside the
// package.
func (m *Model) closedAfterOnly(c *Class, instr ssa.Instruction) bool {
	return m.closedOnly(c, func(x ssa.Instruction) bool { return x != instr && Dominates(instr, x) })
}

// priceConstArgs prices Never, in goroutine s's body, the branches its go
// statement's constant arguments rule out: go listen(l, false, errc)
// never takes the ways of if isUnixSocket { … }, whatever another go
// statement of the same function does.
func priceConstArgs(s *Spawn, costs *Costs) {
	if s.Go == nil || s.Go.Call.IsInvoke() || len(s.Go.Call.Args) != len(s.Body.Params) {
		return
	}
	for i, arg := range s.Go.Call.Args {
		v, ok := boolConst(arg)
		if !ok {
			continue
		}
		p := s.Body.Params[i]
		for _, blk := range s.Body.Blocks {
			ifInstr, ok := blk.Instrs[len(blk.Instrs)-1].(*ssa.If)
			if !ok || blk.Succs[0] == blk.Succs[1] {
				continue
			}
			taken, ok := implied(p, v, ifInstr.Cond) // if unix, if !unix
			if !ok {
				continue
			}
			dead := blk.Succs[1] // the false way
			if !taken {
				dead = blk.Succs[0]
			}
			costs.AddEdge(Edge{blk, dead}, Never)
		}
	}
}

// priceReleaseFlags prices Never, in goroutine s's body, the branches
// taken on a boolean that gets that value only after something already
// priced Never, a release: a flag cleared as the goroutine closes the
// channel (if first { close(ready); first = false }). Taking the branch
// means the release is behind.
func priceReleaseFlags(s *Spawn, costs *Costs) {
	body := s.Body
	released := func(at ssa.Instruction) bool {
		for x, c := range costs.Instrs {
			if c >= Never && Dominates(x, at) {
				return true
			}
		}
		return false
	}
	for _, blk := range body.Blocks {
		ifInstr, ok := blk.Instrs[len(blk.Instrs)-1].(*ssa.If)
		if !ok || blk.Succs[0] == blk.Succs[1] {
			continue
		}
		for i, v := range []bool{true, false} {
			if setOnlyAfter(ifInstr.Cond, v, released, s) {
				costs.AddEdge(Edge{blk, blk.Succs[i]}, Never)
			}
		}
	}
}

// setOnlyAfter reports whether boolean x, read in goroutine s's body, can
// be v only where released says a release is behind: x is a variable of
// s's spawner that only the body sets to v, there, and that no other
// goroutine started by the same statement shares. (A variable of the
// body's own, a φ, is followed by the paths already.)
func setOnlyAfter(x ssa.Value, v bool, released func(ssa.Instruction) bool, s *Spawn) bool {
	isV := func(y ssa.Value) (is, known bool) {
		val, known := boolConst(y)
		return known && val == v, known
	}
	load, ok := x.(*ssa.UnOp)
	if !ok || load.Op != token.MUL || s.Go == nil || s.InLoop {
		return false
	}
	fv, ok := load.X.(*ssa.FreeVar)
	mc, isClosure := s.Go.Call.Value.(*ssa.MakeClosure)
	i := slices.Index(s.Body.FreeVars, fv)
	if !ok || !isClosure || mc.Fn != s.Body || i < 0 {
		return false
	}
	cell, ok := mc.Bindings[i].(*ssa.Alloc)
	if !ok || !isCell(cell) {
		return false
	}
	for _, r := range Refs(cell) {
		switch r := r.(type) {
		case *ssa.Store:
			if is, known := isV(r.Val); !known || is {
				return false // the spawner sets it to v, or to what it does not know
			}
		case *ssa.MakeClosure:
			if r != mc {
				return false // another function may set it
			}
		}
	}
	set := false
	for _, r := range Refs(fv) {
		switch r := r.(type) {
		case *ssa.MakeClosure:
			return false // a literal of the body may set it
		case *ssa.Store:
			is, known := isV(r.Val)
			if !known || is && !released(r) {
				return false
			}
			set = set || is
		}
	}
	return set
}

// exitedEdges returns the branches of f taken when a variable of f is
// set that only the body of one of spawns, b's goroutines, sets, each
// time on its way out: from there it returns, and can reach b no more
// (if err != nil { decodeErr = err; return }). When f sees it set, that
// goroutine is past b for good.
func exitedEdges(f *ssa.Function, b *Operation, spawns []*Spawn, bUp map[*ssa.Function]bool) []Edge {
	var edges []Edge
	for _, blk := range f.Blocks {
		ifInstr, ok := blk.Instrs[len(blk.Instrs)-1].(*ssa.If)
		if !ok {
			continue
		}
		x, set := ifInstr.Cond, blk.Succs[0] // if flag
		if v, eql, ok := nilTest(x); ok {
			x, set = v, nilBranch(blk, !eql) // if err != nil
		} else if t, ok := x.Type().Underlying().(*types.Basic); !ok || t.Kind() != types.Bool {
			continue
		}
		load, ok := x.(*ssa.UnOp)
		if !ok || load.Op != token.MUL {
			continue
		}
		cell, ok := load.X.(*ssa.Alloc)
		if !ok || cell.Parent() != f || !isCell(cell) || !setOnExit(cell, b, spawns, bUp) {
			continue
		}
		edges = append(edges, Edge{blk, set})
	}
	return edges
}

// setOnExit reports whether the only stores of something other than the
// zero value into cell, directly or through the closures that capture
// it, are made by the body of one of spawns just before it returns: no
// way from them reaches b, or a call or deferred call that may run it.
func setOnExit(cell *ssa.Alloc, b *Operation, spawns []*Spawn, bUp map[*ssa.Function]bool) bool {
	all, whole := cellStoreInstrs(cell)
	if !whole {
		return false
	}
	var stores []*ssa.Store
	for _, st := range all {
		if val, isBool := boolConst(st.Val); !IsNil(st.Val) && !(isBool && !val) {
			stores = append(stores, st) // not nil, nor false
		}
	}
	if len(stores) == 0 {
		return false
	}
	for _, st := range stores {
		g := st.Parent()
		if !slices.ContainsFunc(spawns, func(s *Spawn) bool { return s.Body == g }) || !exitsAfter(st, b, bUp) {
			return false
		}
	}
	return true
}

// exitsAfter reports whether every way from st returns from its function
// without reaching operation b, or a call that may run it, and whether
// none of the calls the function defers may run it.
func exitsAfter(st ssa.Instruction, b *Operation, bUp map[*ssa.Function]bool) bool {
	mayRun := func(call ssa.CallInstruction) bool {
		common := call.Common()
		if _, ok := common.Value.(*ssa.Builtin); ok {
			return false
		}
		g := common.StaticCallee()
		if mc, ok := common.Value.(*ssa.MakeClosure); ok {
			g = mc.Fn.(*ssa.Function)
		}
		return g == nil || bUp[bodyOf(g)]
	}
	for _, blk := range st.Parent().Blocks {
		for _, instr := range blk.Instrs {
			if d, ok := instr.(*ssa.Defer); ok && mayRun(d) {
				return false
			}
		}
	}
	return allAfter(st, func(instr ssa.Instruction) bool {
		call, ok := instr.(ssa.CallInstruction)
		_, isGo := instr.(*ssa.Go)
		return instr != b.Instr && (!ok || isGo || !mayRun(call))
	})
}

// closedEdges returns the branches taken when receive o, of the v, ok :=
// <-ch form, finds its channel closed: where ok, or !ok, is tested. For
// a case of a select (case v, ok := <-ch:), the select's ok is tested in
// the case's own branch.
func closedEdges(o *Operation) []Edge {
	var within *ssa.BasicBlock // the case's branch, for a select
	switch x := o.Instr.(type) {
	case *ssa.UnOp:
		if !x.CommaOk {
			return nil
		}
	case *ssa.Select:
		e, ok := CaseEdge(x, o.Case)
		if !ok || len(e.To.Preds) != 1 {
			return nil
		}
		within = e.To
	default:
		return nil
	}
	var edges []Edge
	add := func(blk, to *ssa.BasicBlock) {
		if within == nil || within.Dominates(blk) {
			edges = append(edges, Edge{blk, to})
		}
	}
	for _, r := range Refs(o.Instr.(ssa.Value)) {
		x, ok := r.(*ssa.Extract)
		if !ok || x.Index != 1 {
			continue
		}
		for _, r := range Refs(x) {
			switch y := r.(type) {
			case *ssa.If:
				add(y.Block(), y.Block().Succs[1])
			case *ssa.UnOp:
				if y.Op == token.NOT {
					for _, rr := range Refs(y) {
						if ifInstr, ok := rr.(*ssa.If); ok {
							add(ifInstr.Block(), ifInstr.Block().Succs[0])
						}
					}
				}
			}
		}
	}
	return edges
}

// signalledOnlyBy reports whether every send and close on the channels of
// c is made by a function of fns, and code outside the package makes none.
// A close that recv, the receiving function, defers comes after its
// receive, and does not count (defer close(done) next to <-done). For the
// Done channel of a context, every call of its cancel functions must be
// made by fns as they return.
func (m *Model) signalledOnlyBy(c *Class, fns map[*ssa.Function]bool, recv *ssa.Function) bool {
	ops, outside := m.readiers(c)
	if outside || c.Timer {
		return false
	}
	if c.DoneOf != nil {
		// ctx.Done(), closed by the context's cancel functions: past all
		// the goroutine does when it cancels as it returns (go func() {
		// err = fetch(ch); cancel() }()).
		if len(ops) == 0 {
			return false
		}
		for _, o := range ops {
			if m.deferOf(recv, o) != nil {
				continue // it comes after recv's receive
			}
			if !fns[o.Fn()] || !m.lastActOf(o.Fn(), o) {
				return false
			}
		}
		return true
	}
	any := false
	for _, o := range ops {
		if o.Op == Close && m.deferOf(recv, o) != nil {
			continue // it comes after recv's receive
		}
		if !fns[o.Fn()] {
			return false
		}
		any = true
	}
	return any
}

// readiers returns the operations that ready the channels of class c for
// a receive: its sends and closes, or, for the Done channel of a context,
// the calls of its cancel functions (Cancellers). Outside is set when
// code the package does not see can ready them too.
func (m *Model) readiers(c *Class) (ops []*Operation, outside bool) {
	outside = c.Outside.Has(Send) || c.Outside.Has(Close)
	if c.DoneOf != nil {
		cancels, out := m.Cancellers(c.DoneOf)
		return cancels, outside || out
	}
	for _, o := range c.Ops {
		if o.Op == Send || o.Op == Close {
			ops = append(ops, o)
		}
	}
	return ops, outside
}

// lastActOf reports whether f makes o as it returns: deferred, or as the
// last thing it does (close(done); return).
func (m *Model) lastActOf(f *ssa.Function, o *Operation) bool {
	return m.deferOf(f, o) != nil || o.Fn() == f && o.Select == nil && lastAct(o.Instr)
}

// PriceNotStarted prices Never, for goroutine s that a call of another
// package's function starts and u a use it makes, the ways taken when that
// call failed, if per its Summary it fails only before it starts its
// goroutines, or when a helper that reports whether it started s said it
// did not: then nothing runs.
func PriceNotStarted(s *Spawn, u *Use, costs *Costs) {
	if call, ok := s.Start.(*ssa.Call); ok && s.Via != nil && (u.FailsFirst || s.Reports) {
		PriceFailure(call, costs)
	}
}

// PriceExited prices as never taken, among fn's ways to return, those
// through a receive from a channel that only goroutine s closes, as it
// returns (defer close(done), or in a function it defers), or sends on as
// the last thing it does: past it, s is over and waits for nothing. A
// close fn itself defers comes after its receive, and does not count.
func (m *Model) PriceExited(fn *ssa.Function, s *Spawn, costs *Costs) {
	for _, o := range m.OpsIn(fn) {
		if o.Op == Recv && m.closedOnExit(o.Class, s, fn) {
			priceOp(costs, o)
		}
	}
}

// PriceExcluded prices as never taken, among fn's ways to return, those
// through a receive from a channel that goroutine s alone sends on or
// closes, each time on a way that excludes every one of ops (its sends on
// another channel): the goroutine either reports a failure or says it is
// ready, never both, so past the receive it makes none of ops.
//
//	if err != nil {
//		errc <- err
//		return
//	}
//	close(ready)
func (m *Model) PriceExcluded(fn *ssa.Function, s *Spawn, ops []ssa.Instruction, costs *Costs) {
	if s.Body == nil || len(ops) == 0 {
		return
	}
	g := ops[0].Parent()
	if slices.ContainsFunc(ops, func(x ssa.Instruction) bool { return x.Parent() != g || m.InLoop(x) }) || !m.calledOnce(s, g) {
		return
	}
	// ready reports whether x, a send or close, is made by g, once, on
	// no way that makes one of ops.
	ready := func(x ssa.Instruction) bool {
		return x.Parent() == g && !m.InLoop(x) && !slices.ContainsFunc(ops, func(y ssa.Instruction) bool { return !Apart(x, y) })
	}
	excludes := func(c *Class) bool {
		if c.Outside.Has(Send) || c.Outside.Has(Close) {
			return false
		}
		any := false
		for _, o := range c.Ops {
			if o.Op != Send && o.Op != Close {
				continue
			}
			if !ready(o.Instr) {
				return false
			}
			any = true
		}
		return any
	}
	// Or the one channel fn made and gave s: that one no other code sends
	// on, even when its class takes channels from outside as well (an
	// exported function's parameter, which s runs).
	made := func(o *Operation) bool {
		obj := m.ObjectOf(opChan(o))
		if obj == nil || obj.Fn != fn || obj.Escape != nil {
			return false
		}
		any := false
		for _, u := range obj.Uses {
			if u.Op != Send && u.Op != Close {
				continue
			}
			if u.Spawn != s || !ready(u.Instr) {
				return false
			}
			any = true
		}
		return any
	}
	for _, o := range m.OpsIn(fn) {
		if o.Op == Recv && (excludes(o.Class) || made(o)) {
			priceOp(costs, o)
		}
	}
}

// before reports whether instruction y can run after x in one call of
// their function (x comes before y on some way).
func before(x, y ssa.Instruction) bool {
	if x.Block() == y.Block() {
		return indexOf(x.Block(), x) < indexOf(y.Block(), y) || reaches(x.Block(), y.Block())
	}
	return reaches(x.Block(), y.Block())
}

// Apart reports whether no run of their function makes both x and y.
func Apart(x, y ssa.Instruction) bool { return !before(x, y) && !before(y, x) }

// calledOnce reports whether goroutine s runs g once at most: g is its
// function, or one its functions call from a single place outside loops,
// itself run once.
func (m *Model) calledOnce(s *Spawn, g *ssa.Function) bool {
	runs := m.Runs(s)
	for range 4 {
		if g == s.Body {
			return true
		}
		var site ssa.Instruction
		for f := range runs {
			for _, instr := range Instrs(f) {
				if call, ok := instr.(ssa.CallInstruction); ok && call.Common().StaticCallee() == g {
					if site != nil {
						return false
					}
					site = instr
				}
			}
		}
		if site == nil || m.InLoop(site) {
			return false
		}
		g = site.Parent()
	}
	return false
}

// HandsOver returns the calls of fn that pass a function value making
// operation op on class c (a closure that calls wg.Done, handed to a
// cleanup object, t.Cleanup or context.AfterFunc): whoever gets it makes
// the operation, when fn can no longer tell, so from the call on fn owes
// it no more. Callbacks run before the call returns count too: they make
// it then. So do the calls of the package's functions that make it once
// on every way through them (r.execute(job), which ends in
// job.done.Done()).
func (m *Model) HandsOver(fn *ssa.Function, c *Class, op Op) []ssa.Instruction {
	var calls []ssa.Instruction
	always := make(map[*ssa.Function]bool)
	makesIt := func(g *ssa.Function) bool {
		if v, ok := always[g]; ok {
			return v
		}
		n, every := m.makesOnEveryWay(g, func(o *Operation) bool { return o.Class == c && o.Op == op })
		always[g] = n > 0 && every
		return always[g]
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(*ssa.Call)
			if !ok {
				continue
			}
			if g := bodyOf(call.Call.StaticCallee()); g != nil && g != fn && makesIt(g) {
				calls = append(calls, call)
				continue
			}
			if slices.ContainsFunc(call.Call.Args, func(arg ssa.Value) bool {
				g := bodyOf(funcOfValue(m, arg))
				return g != nil && slices.ContainsFunc(m.OpsIn(g), func(o *Operation) bool { return o.Class == c && o.Op == op })
			}) {
				calls = append(calls, call)
			}
		}
	}
	return calls
}

// makesOnEveryWay returns how many operations of fn match, and whether fn
// makes one on every way through it, none of them in a loop (or in a
// select, where another case may be taken). An operation of a function
// that fn defers counts where the defer is (defer func() { errc <- err }()).
func (m *Model) makesOnEveryWay(fn *ssa.Function, match func(*Operation) bool) (int, bool) {
	var costs Costs
	n := 0
	for _, o := range m.OpsIn(fn) {
		if match(o) {
			if o.Select != nil || m.InLoop(o.Instr) {
				return n, false
			}
			costs.AddInstr(o.Instr, Never)
			n++
		}
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			d, ok := instr.(*ssa.Defer)
			if !ok {
				continue
			}
			callee := bodyOf(funcOfValue(m, d.Call.Value))
			if callee == nil || callee == fn || callee.Parent() != fn {
				continue
			}
			k, every := m.makesOnEveryWay(callee, match)
			if k == 0 {
				continue
			}
			if !every || m.InLoop(d) {
				return n + k, false
			}
			costs.AddInstr(d, Never)
			n += k
		}
	}
	return n, n > 0 && EntryReturn(fn, &costs) == nil
}

// ClosesOnReturn reports whether f closes the channels of c at every
// return after each of from: a deferred close(ch), or a close in a
// function literal it defers, whose defer statement comes before them.
func (m *Model) ClosesOnReturn(f *ssa.Function, c *Class, from []ssa.Instruction) bool {
	if c == nil || len(from) == 0 {
		return false
	}
	for _, o := range c.Ops {
		if o.Op != Close {
			continue
		}
		if d := m.deferOf(f, o); d != nil && !slices.ContainsFunc(from, func(x ssa.Instruction) bool { return !Dominates(d, x) }) {
			return true
		}
	}
	return false
}

// deferOf returns the defer statement of f that runs operation o: o
// itself (defer close(ch)), or one deferring the function literal o is
// made in; nil if none.
func (m *Model) deferOf(f *ssa.Function, o *Operation) *ssa.Defer {
	if d, ok := o.Instr.(*ssa.Defer); ok {
		if d.Parent() == f {
			return d
		}
		return nil
	}
	for _, instr := range Instrs(f) {
		if d, ok := instr.(*ssa.Defer); ok && bodyOf(funcOfValue(m, d.Call.Value)) == o.Fn() {
			return d
		}
	}
	return nil
}

// closedOnExit reports whether every send or close of class c is a
// close that goroutine s defers, or one that s makes last, right before
// it returns: past it, s is over. A close that fn, the receiving
// function, defers is left out. The Done channel of a context is closed
// by its cancel functions, judged the same way.
func (m *Model) closedOnExit(c *Class, s *Spawn, fn *ssa.Function) bool {
	ops, outside := m.readiers(c)
	if s.Body == nil || outside {
		return false
	}
	any := false
	for _, o := range ops {
		if o.Op != Send && m.deferOf(fn, o) != nil {
			continue
		}
		if !m.lastActOf(s.Body, o) {
			return false
		}
		any = true
	}
	return any
}

// plain reports whether instr can neither block nor call out: it is no
// call, go or defer statement, send, receive or select.
func plain(instr ssa.Instruction) bool {
	switch x := instr.(type) {
	case ssa.CallInstruction, *ssa.Send, *ssa.Select:
		return false
	case *ssa.UnOp:
		return x.Op != token.ARROW
	}
	return true
}

// lastAct reports whether instr is the last thing its function does on
// every way on from it: nothing but plain instructions follow it, up to a
// return (errc <- err; return).
func lastAct(instr ssa.Instruction) bool {
	b := instr.Block()
	i := slices.Index(b.Instrs, instr)
	for range 3 {
		for _, x := range b.Instrs[i+1:] {
			switch x.(type) {
			case *ssa.Return:
				return true
			case *ssa.Jump:
				b, i = b.Succs[0], -1
			default:
				if !plain(x) {
					return false
				}
			}
		}
		if i >= 0 {
			return false // a branch
		}
	}
	return false
}

// startedAfter reports b when every goroutine of gs that can release it
// is started only after it, on the goroutine that blocks in b: a go
// statement that b (or a call that reaches b) dominates, in a function
// that runs b inline. A partner that neither b's side nor those
// goroutines make (a constructor that puts a token in, which each call's
// goroutine later puts back) can release b first.
func (m *Model) startedAfter(b *Operation, bUp map[*ssa.Function]bool, gs []*Spawn, partners []*Operation) *Abandon {
	runs := make(map[*ssa.Function]bool) // what the goroutines of gs run
	for _, s := range gs {
		maps.Copy(runs, m.Runs(s))
	}
	for _, p := range partners {
		if !bUp[p.Fn()] && !runs[p.Fn()] {
			return nil // released elsewhere too: a constructor that puts a token in
		}
	}
	var a *Abandon
	for _, s := range gs {
		f := s.Start.Parent()
		if !bUp[f] || s.InLoop || len(m.threads.spawns[s.Body]) != 1 {
			return nil
		}
		before := slices.DeleteFunc(m.Sites(f, bUp), func(x ssa.Instruction) bool {
			_, deferred := x.(*ssa.Defer)
			return deferred // runs when f returns
		})
		if f == b.Fn() {
			before = append(before, b.Instr)
		}
		i := slices.IndexFunc(before, func(x ssa.Instruction) bool { return Dominates(x, s.Start) })
		if i < 0 {
			return nil
		}
		if a == nil {
			a = &Abandon{Op: b, By: f, From: before[i], Later: s}
		}
	}
	return a
}

// FeasibleReturn is CheapestReturn from instr, on paths that take no
// branch that contradicts how control reached instr (see Correlated).
func FeasibleReturn(instr ssa.Instruction, costs *Costs) *Path {
	c := *costs
	c.Edges = maps.Clone(costs.Edges)
	for _, e := range Correlated(instr) {
		c.AddEdge(e, Never)
	}
	for _, e := range nilUnreachable(instr, &c) {
		c.AddEdge(e, Never)
	}
	for _, e := range flagsSet(instr) {
		c.AddEdge(e, Never)
	}
	return CheapestReturn(instr, &c)
}

// FeasibleReach reports whether a run of their function, given costs,
// gets from instruction from to instruction to: along edges not priced
// Never and past no instruction priced Never, leaving out, as
// FeasibleReturn does, the branches the way to from rules out.
func FeasibleReach(from, to ssa.Instruction, costs *Costs) bool {
	c := costs.Clone()
	for _, e := range Correlated(from) {
		c.AddEdge(e, Never)
	}
	for _, e := range flagsSet(from) {
		c.AddEdge(e, Never)
	}
	b := from.Block()
	for _, instr := range b.Instrs[indexOf(b, from)+1:] {
		if instr == to {
			return true
		}
		if c.Instrs[instr] >= Never {
			return false
		}
	}
	var next []*ssa.BasicBlock
	for _, s := range b.Succs {
		if c.Edges[Edge{b, s}] < Never {
			next = append(next, s)
		}
	}
	reached := false
	walkReached(next, c, func(instr ssa.Instruction) { reached = reached || instr == to })
	return reached
}

// flagsSet returns the branches of instr's function taken when a boolean
// is false that instr's block sets, and nothing reached from there resets
// (wait := false; for … { wg.Add(1); wait = true; go … } if wait {
// wg.Wait() }): a φ whose incoming values are other such φs, true, true
// from instr's block, and false only from blocks no way from instr comes
// through. The flag is true as instr's block ends, and stays so.
func flagsSet(instr ssa.Instruction) []Edge {
	start := instr.Block()
	var out []Edge
	for _, b := range instr.Parent().Blocks {
		if len(b.Instrs) == 0 {
			continue
		}
		x, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
		if !ok {
			continue
		}
		cond, when := x.Cond, true
		if not, ok := cond.(*ssa.UnOp); ok && not.Op == token.NOT {
			cond, when = not.X, false
		}
		phi, ok := cond.(*ssa.Phi)
		if !ok {
			continue
		}
		set, ok := setFrom(phi, start, make(map[*ssa.Phi]bool))
		if !ok || !set {
			continue
		}
		unset := b.Succs[1] // the flag is false
		if !when {
			unset = b.Succs[0]
		}
		out = append(out, Edge{From: b, To: unset})
	}
	return out
}

// setFrom reports whether φ, and the φs it takes values from, take only
// true, each other, or false from blocks no way from start comes
// through (ok), and whether one takes true from start itself (set).
func setFrom(phi *ssa.Phi, start *ssa.BasicBlock, seen map[*ssa.Phi]bool) (set, ok bool) {
	if seen[phi] {
		return false, true
	}
	seen[phi] = true
	for i, e := range phi.Edges {
		pred := phi.Block().Preds[i]
		switch e := e.(type) {
		case *ssa.Phi:
			s, ok := setFrom(e, start, seen)
			if !ok {
				return false, false
			}
			set = set || s
		case *ssa.Const:
			v, isBool := boolConst(e)
			switch {
			case !isBool:
				return false, false
			case v:
				set = set || pred == start
			case pred == start || reaches(start, pred):
				return false, false // reset, or never set, on a way from start
			}
		default:
			return false, false
		}
	}
	return set, true
}

// boolConst returns the value of v when it is a boolean constant.
func boolConst(v ssa.Value) (val, ok bool) {
	c, ok := v.(*ssa.Const)
	if !ok || c.Value == nil || c.Value.Kind() != constant.Bool {
		return false, false
	}
	return constant.BoolVal(c.Value), true
}

// nilUnreachable returns the nil branches of tests that no path from
// instr can take under costs: the variable tested is a φ that every way
// from instr to the test sets anew, to values made non-nil, or to nil
// only through edges no such way takes. A scheduler that forgets its
// worker's channels once the worker is over (case <-done: stop = nil)
// still holds them on every way that has not seen the worker end.
func nilUnreachable(instr ssa.Instruction, costs *Costs) []Edge {
	start := instr.Block()
	reach := make(map[Edge]bool)
	seen := map[*ssa.BasicBlock]bool{start: true}
	queue := []*ssa.BasicBlock{start}
	for len(queue) > 0 {
		b := queue[0]
		queue = queue[1:]
		if b != start && slices.ContainsFunc(b.Instrs, func(x ssa.Instruction) bool { return costs.Instrs[x] >= Never }) {
			continue
		}
		for _, s := range b.Succs {
			e := Edge{b, s}
			if costs.Edges[e] >= Never {
				continue
			}
			reach[e] = true
			if !seen[s] {
				seen[s] = true
				queue = append(queue, s)
			}
		}
	}
	var never []Edge
	for _, b := range start.Parent().Blocks {
		ifInstr, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
		if !ok || !seen[b] {
			continue
		}
		if x, eql, ok := nilTest(ifInstr.Cond); ok && madeAfter(x, start, b, reach, make(map[*ssa.Phi]bool)) {
			never = append(never, Edge{b, nilBranch(b, eql)})
		}
	}
	return never
}

// madeAfter reports whether v, used in block at, is non-nil on every way
// from start to at that takes only edges of reach: a value made non-nil,
// or a φ that every such way passes, whose edges of reach bring such
// values (or the φ itself again, round a loop).
func madeAfter(v ssa.Value, start, at *ssa.BasicBlock, reach map[Edge]bool, visiting map[*ssa.Phi]bool) bool {
	switch v := v.(type) {
	case *ssa.MakeChan, *ssa.MakeMap, *ssa.Alloc, *ssa.MakeClosure:
		return true
	case *ssa.Phi:
		if visiting[v] {
			return true // round a loop: the value it already has
		}
		if len(visiting) > 4 || !onEveryWay(start, at, v.Block()) {
			return false
		}
		visiting[v] = true
		defer delete(visiting, v)
		for i, x := range v.Edges {
			pred := v.Block().Preds[i]
			if !reach[Edge{pred, v.Block()}] {
				continue // no way from start brings this value
			}
			if IsNil(x) || !madeAfter(x, start, pred, reach, visiting) {
				return false
			}
		}
		return true
	}
	return testedNonNil(v, at)
}

// testedNonNil reports whether v is not nil in block at because a test
// of it decides the way there (see knownAt): at lies in the branch of an
// if v != nil (if err := apply(n); err != nil { applyErr = err; break }).
func testedNonNil(v ssa.Value, at *ssa.BasicBlock) bool {
	for cond, val := range knownAt(at) {
		if x, eql, ok := nilTest(cond); ok && (x == v || sameLoad(x, v)) && val != eql {
			return true
		}
	}
	return false
}

// sameLoad reports whether x and y load the same field of the same value
// (if s.done != nil { <-s.done } loads it twice).
func sameLoad(x, y ssa.Value) bool {
	lx, ok := x.(*ssa.UnOp)
	if !ok || lx.Op != token.MUL {
		return false
	}
	fa, ok := lx.X.(*ssa.FieldAddr)
	return ok && sameField(y, fa)
}

// onEveryWay reports whether every way from the end of block start to
// block to passes block via (after start), or ends there.
func onEveryWay(start, to, via *ssa.BasicBlock) bool {
	return via != start && (via == to || !ReachesAvoiding(start, to, via))
}

// Correlated returns the branches that no path from instr can take,
// given how control reached instr: the other branch of a test that
// decided the way to instr, when the same condition is tested again
// (if cond { go f() } … if cond { <-ch }); and the branch taken when a
// variable is nil, when only the paths through instr set it to non-nil
// (if a { p = open(); go use(p) } … if p != nil { <-done }).
func Correlated(instr ssa.Instruction) []Edge {
	fn := instr.Parent()
	start := instr.Block()
	known := knownAt(start)
	var never []Edge
	for _, b := range fn.Blocks {
		ifInstr, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
		if !ok || b == start || b.Dominates(start) {
			continue
		}
		if v, ok := knownCond(known, ifInstr.Cond); ok {
			if v {
				never = append(never, Edge{b, b.Succs[1]})
			} else {
				never = append(never, Edge{b, b.Succs[0]})
			}
			continue
		}
		if x, eql, ok := nilTest(ifInstr.Cond); ok && setOnlyThrough(x, start) {
			never = append(never, Edge{b, nilBranch(b, eql)})
		}
	}
	return never
}

// impliesPassed reports whether reaching instr implies having passed
// block blk: blk dominates it, or a test on the way to instr checks a
// variable that only blk sets (if p != nil), or the condition that led to
// blk.
func impliesPassed(instr ssa.Instruction, blk *ssa.BasicBlock) bool {
	if blk.Dominates(instr.Block()) {
		return true
	}
	guards := knownAt(blk)
	for cond, v := range knownAt(instr.Block()) {
		if test, ok := cond.(ssa.Instruction); ok && test.Block().Dominates(blk) {
			continue // tested before blk: it says nothing of passing it
		}
		if g, ok := knownCond(guards, cond); ok && g == v {
			return true
		}
		if x, eql, ok := nilTest(cond); ok && v != eql && setOnlyThrough(x, blk) {
			return true // x is not nil here, and only blk sets it
		}
	}
	return false
}

// nilTest returns the value cond compares with nil (x != nil, nil == x),
// and whether it tests equality, so that its true branch is the nil one.
func nilTest(cond ssa.Value) (x ssa.Value, eql, ok bool) {
	cmp, ok := cond.(*ssa.BinOp)
	if !ok || cmp.Op != token.NEQ && cmp.Op != token.EQL {
		return nil, false, false
	}
	switch {
	case IsNil(cmp.Y):
		x = cmp.X
	case IsNil(cmp.X):
		x = cmp.Y
	default:
		return nil, false, false
	}
	return x, cmp.Op == token.EQL, true
}

// nilBranch returns the successor of b, which ends in a test against nil,
// taken when the value is nil.
func nilBranch(b *ssa.BasicBlock, eql bool) *ssa.BasicBlock {
	if eql {
		return b.Succs[0]
	}
	return b.Succs[1]
}

// knownAt returns the conditions known on entry to block start: the
// branches of its dominators that lead to it.
func knownAt(start *ssa.BasicBlock) map[ssa.Value]bool {
	known := make(map[ssa.Value]bool)
	for b := start; b.Idom() != nil; b = b.Idom() {
		d := b.Idom()
		ifInstr, ok := d.Instrs[len(d.Instrs)-1].(*ssa.If)
		if !ok {
			continue
		}
		// A branch decides the way to b if its block has no other way in
		// and leads to b.
		then, els := d.Succs[0], d.Succs[1]
		switch {
		case len(then.Preds) == 1 && then.Dominates(b):
			known[ifInstr.Cond] = true
		case len(els.Preds) == 1 && els.Dominates(b):
			known[ifInstr.Cond] = false
		}
	}
	return known
}

// knownCond returns the value of cond if known says it, directly or as
// the same test computed again (see implied).
func knownCond(known map[ssa.Value]bool, cond ssa.Value) (bool, bool) {
	if v, ok := known[cond]; ok {
		return v, true
	}
	for k, v := range known {
		if w, ok := implied(k, v, cond); ok {
			return w, true
		}
	}
	return false, false
}

// implied returns the value of cond when test c is known to be v: the
// same test computed again (see sameCond), its negation, or the other
// test of the same value against nil (x == nil decides x != nil).
func implied(c ssa.Value, v bool, cond ssa.Value) (bool, bool) {
	if sameCond(c, cond) {
		return v, true
	}
	if not, ok := cond.(*ssa.UnOp); ok && not.Op == token.NOT && sameCond(c, not.X) {
		return !v, true
	}
	if not, ok := c.(*ssa.UnOp); ok && not.Op == token.NOT && sameCond(not.X, cond) {
		return !v, true
	}
	if x1, eq1, ok := nilTest(c); ok {
		if x2, eq2, ok := nilTest(cond); ok && sameCond(x1, x2) {
			isNil := v == eq1
			return isNil == eq2, true
		}
	}
	return false, false
}

// retested returns the tests of fn's branches that another branch of fn
// tests again (see implied): the only ones worth remembering on a path.
func retested(fn *ssa.Function) map[ssa.Value]bool {
	var conds []ssa.Value
	for _, b := range fn.Blocks {
		if len(b.Instrs) == 0 {
			continue
		}
		if x, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If); ok {
			conds = append(conds, x.Cond)
		}
	}
	out := make(map[ssa.Value]bool)
	for i, c := range conds {
		for _, d := range conds[i+1:] {
			if _, ok := implied(c, true, d); ok {
				out[c], out[d] = true, true
			}
		}
	}
	return out
}

// A testChain holds, for a search over a function's blocks, the tests a
// path has decided on its way, each as a chain back to the first: paths
// that decided the same tests in the same order share an id, which the
// search keeps in its nodes. Id 0 is the chain with no test.
type testChain struct {
	links []testLink
	index map[testLink]int
}

type testLink struct {
	up   int
	cond ssa.Value
	val  bool
	n    int // tests in the chain
}

// maxTests bounds a chain: a path that decided more is taken to decide
// nothing more, which can only let it go more ways.
const maxTests = 16

func newTestChain() *testChain {
	return &testChain{links: []testLink{{up: -1}}, index: make(map[testLink]int)}
}

// add returns chain id with cond decided as val.
func (t *testChain) add(id int, cond ssa.Value, val bool) int {
	n := t.links[id].n + 1
	if n > maxTests {
		return id
	}
	l := testLink{up: id, cond: cond, val: val, n: n}
	if x, ok := t.index[l]; ok {
		return x
	}
	t.links = append(t.links, l)
	t.index[l] = len(t.links) - 1
	return len(t.links) - 1
}

// decides returns the value the tests of chain id give cond, if any.
func (t *testChain) decides(id int, cond ssa.Value) (bool, bool) {
	for ; id > 0; id = t.links[id].up {
		if v, ok := implied(t.links[id].cond, t.links[id].val, cond); ok {
			return v, true
		}
	}
	return false, false
}

// sameAddress reports whether two addresses are the same field of the
// same value, or the same variable; the value may be loaded afresh each
// time from one variable (s.mu in a closure that captured s, which loads
// s before each use).
func sameAddress(a, b ssa.Value) bool {
	if a == b {
		return true
	}
	if la, ok := a.(*ssa.UnOp); ok && la.Op == token.MUL {
		lb, ok := b.(*ssa.UnOp)
		return ok && lb.Op == token.MUL && sameAddress(la.X, lb.X)
	}
	fa, ok1 := a.(*ssa.FieldAddr)
	fb, ok2 := b.(*ssa.FieldAddr)
	return ok1 && ok2 && fa.Field == fb.Field && sameAddress(fa.X, fb.X)
}

// setOnlyThrough reports whether v is non-nil only when control went
// through block start: v is a phi whose incoming values other than nil
// come from blocks that start dominates, or a load of a local variable
// that is only set in such blocks (and never set to nil).
func setOnlyThrough(v ssa.Value, start *ssa.BasicBlock) bool {
	through := func(b *ssa.BasicBlock) bool { return b == start || start.Dominates(b) }
	switch v := v.(type) {
	case *ssa.Phi:
		any := false
		for i, e := range v.Edges {
			if IsNil(e) {
				if through(v.Block().Preds[i]) {
					return false // nil after start too (var err error, after the go statement)
				}
				continue
			}
			if !through(v.Block().Preds[i]) {
				return false
			}
			any = true
		}
		return any
	case *ssa.UnOp:
		cell, ok := v.X.(*ssa.Alloc)
		if !ok || v.Op != token.MUL || !isCell(cell) {
			return false
		}
		any := false
		for _, r := range Refs(cell) {
			if st, ok := r.(*ssa.Store); ok && st.Addr == cell {
				if IsNil(st.Val) || !through(st.Block()) {
					return false
				}
				any = true
			}
		}
		return any
	}
	return false
}
