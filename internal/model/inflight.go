package model

import (
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// An inFlight is a request/reply protocol whose client tracks, in a
// boolean field, whether a reply is pending (beats' disk queue: the core
// loop sends a read request, sets reading, and clears it when the reply
// comes; its shutdown receives the reply only if reading is set):
//
//   - the server replies on the reply channel at most once to each
//     request it takes from req, and (answersAll) once before it takes the
//     next or returns;
//   - every send on req is followed, on every way on, by flag = true;
//   - flag = true is set only so, and flag = false only after a receive
//     of a reply.
//
// So the flag is true exactly while a reply is pending: a client that
// skips the reply when the flag is false leaves no server blocked, and a
// client that waits for it when the flag is true gets it from a server
// that returns only once req is closed.
type inFlight struct {
	flag *types.Var
	req  *Class
	// answersAll: the server replies to each request it takes before it
	// takes the next or returns; without it, it replies at most once.
	answersAll bool
}

// findInFlights finds the protocol of every channel class that has one.
func (m *Model) findInFlights() {
	m.inFlights = make(map[*Class]*inFlight)
	for _, c := range m.Classes() {
		if p := m.findInFlight(c); p != nil {
			m.inFlights[c] = p
		}
	}
}

// inFlight returns the protocol that tracks the replies on channels of
// class reply, or nil.
func (m *Model) inFlight(reply *Class) *inFlight { return m.inFlights[reply] }

func (m *Model) findInFlight(reply *Class) *inFlight {
	if reply.Kind != Chan || reply.Direct.Has(Send) || reply.Direct.Has(Recv) {
		return nil
	}
	// The server: each reply dominated by a plain comma-ok receive of a
	// request whose ok way reaches neither a return nor that receive again
	// without passing the reply.
	var req *Class
	var recvs []*Operation // the client's receives of replies
	answersAll := true
	for _, o := range reply.Ops {
		if m.testOnly(o.Fn()) {
			continue
		}
		switch o.Op {
		case Recv:
			recvs = append(recvs, o)
			continue
		case Send:
		default:
			return nil
		}
		if o.Select != nil {
			return nil
		}
		r, all := m.requestOf(o)
		if r == nil || req != nil && r != req {
			return nil
		}
		req = r
		answersAll = answersAll && all
	}
	if req == nil || len(recvs) == 0 || req.Direct.Has(Send) {
		return nil
	}
	// The client: every request followed by flag = true.
	var flags []*types.Var
	first := true
	for _, o := range req.Ops {
		if o.Op != Send || m.testOnly(o.Fn()) {
			continue
		}
		if o.Select != nil {
			return nil
		}
		set := flagsSetAfter(o.Instr)
		if first {
			flags, first = set, false
		} else {
			flags = slices.DeleteFunc(flags, func(f *types.Var) bool { return !slices.Contains(set, f) })
		}
	}
	for _, flag := range flags {
		if m.tracksReplies(flag, req, recvs) {
			return &inFlight{flag: flag, req: req, answersAll: answersAll}
		}
	}
	return nil
}

// tracksReplies reports whether every store into flag sets it to true
// after a request of class req, or to false after one of recvs.
func (m *Model) tracksReplies(flag *types.Var, req *Class, recvs []*Operation) bool {
	if m.stores.open[flag] {
		return false
	}
	for _, st := range m.stores.stores[flag] {
		fn := st.Parent()
		if m.testOnly(fn) {
			continue
		}
		v, ok := boolConst(st.Val)
		switch {
		case !ok:
			return false
		case v && !m.afterAll(fn, st, func(at ssa.Instruction) bool {
			return slices.ContainsFunc(req.Ops, func(o *Operation) bool { return o.Op == Send && o.Fn() == at.Parent() && Dominates(o.Instr, at) })
		}):
			return false
		case !v && !m.afterAll(fn, st, func(at ssa.Instruction) bool {
			return slices.ContainsFunc(recvs, func(o *Operation) bool { return o.Fn() == at.Parent() && opDominates(o, at) })
		}):
			return false
		}
	}
	return true
}

// requestOf returns the class of the request channel whose receive
// precedes reply send s in its function as inFlight requires, or nil, and
// whether the server also replies to every request it takes before it
// takes another or returns.
func (m *Model) requestOf(s *Operation) (*Class, bool) {
	fn := s.Fn()
	sb := s.Instr.Block()
	for _, r := range m.OpsIn(fn) {
		if r.Op != Recv || r.Select != nil || r.Class == s.Class || !Dominates(r.Instr, s.Instr) {
			continue
		}
		okTo, _ := commaOkEdges(r.Instr)
		if okTo == nil || ReachesAvoiding(sb, sb, r.Instr.Block()) {
			continue // a second reply to the same request
		}
		all := okTo == sb || !ReachesAvoiding(okTo, r.Instr.Block(), sb) && !slices.ContainsFunc(fn.Blocks, func(b *ssa.BasicBlock) bool {
			_, ret := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
			return ret && (b == okTo || ReachesAvoiding(okTo, b, sb))
		})
		return r.Class, all
	}
	return nil, false
}

// commaOkEdges returns, for v, ok := <-ch tested at once (if !ok), the
// blocks the test enters when a value came and when ch was closed.
func commaOkEdges(recv ssa.Instruction) (okTo, closedTo *ssa.BasicBlock) {
	u, ok := recv.(*ssa.UnOp)
	if !ok || !u.CommaOk {
		return nil, nil
	}
	for _, r := range Refs(u) {
		x, ok := r.(*ssa.Extract)
		if !ok || x.Index != 1 {
			continue
		}
		for _, rr := range Refs(x) {
			if ifInstr, ok := rr.(*ssa.If); ok && ifInstr.Block() == u.Block() {
				return ifInstr.Block().Succs[0], ifInstr.Block().Succs[1]
			}
		}
	}
	return nil, nil
}

// flagsSetAfter returns the boolean fields that every way on from instr
// sets to true before it returns: in instr's function, or in a function
// it calls there, on each of that function's ways.
func flagsSetAfter(instr ssa.Instruction) []*types.Var {
	var flags []*types.Var
	for _, b := range instr.Parent().Blocks {
		for _, x := range b.Instrs {
			var f *types.Var
			switch x := x.(type) {
			case *ssa.Store:
				f = trueStore(x)
			case *ssa.Call:
				if g := x.Call.StaticCallee(); g != nil {
					f = setsTrue(g)
				}
			}
			if f != nil && Dominates(instr, x) && !returnsAvoiding(instr, x) && !slices.Contains(flags, f) {
				flags = append(flags, f)
			}
		}
	}
	return flags
}

// trueStore returns the boolean field st sets to true, if it does.
func trueStore(st *ssa.Store) *types.Var {
	fa, ok := st.Addr.(*ssa.FieldAddr)
	if v, known := boolConst(st.Val); !ok || !known || !v {
		return nil
	}
	if f := FieldOf(fa); f != nil {
		return f.Origin()
	}
	return nil
}

// setsTrue returns the boolean field that g sets to true on each of its
// ways, if there is one.
func setsTrue(g *ssa.Function) *types.Var {
	for _, b := range g.Blocks {
		for _, x := range b.Instrs {
			st, ok := x.(*ssa.Store)
			if !ok {
				continue
			}
			if f := trueStore(st); f != nil && !returnsAvoiding(g.Blocks[0].Instrs[0], st) {
				return f
			}
		}
	}
	return nil
}

// returnsAvoiding reports whether a return can be reached from instr
// without passing instruction x, later in instr's block or in another.
func returnsAvoiding(instr, x ssa.Instruction) bool {
	from, xb := instr.Block(), x.Block()
	if from == xb {
		return !before(instr, x)
	}
	for _, b := range from.Parent().Blocks {
		if _, ret := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ret && b != xb && (b == from || ReachesAvoiding(from, b, xb)) {
			return true
		}
	}
	return false
}

// afterAll reports whether instr, in fn, comes after something ok
// accepts: in fn, or, one call up, at every call of fn outside tests.
func (m *Model) afterAll(fn *ssa.Function, instr ssa.Instruction, ok func(ssa.Instruction) bool) bool {
	if ok(instr) {
		return true
	}
	if m.Entry(fn) || len(m.valueRefs[fn]) > 0 {
		return false
	}
	calls := 0
	for _, byCaller := range m.threads.sites {
		for _, site := range byCaller[fn] {
			if m.testOnly(site.Parent()) {
				continue // tests drive the protocol by hand
			}
			if !ok(site) {
				return false
			}
			calls++
		}
	}
	return calls > 0
}

// priceInFlight prices Never, in fn, the ways that b's request/reply
// protocol, if it has one, rules out. For b a server's reply, the
// branches taken when the flag is false: no reply is pending there, so
// skipping the receive of one leaves no server blocked. For b a receive
// of a reply made only while the flag is set, the server's ways out that
// find its request channel closed: a reply is pending, and the server
// returns on a closed channel only once it has taken every request and
// replied to it.
func (m *Model) priceInFlight(fn *ssa.Function, b *Operation, costs *Costs) {
	p := m.inFlight(b.Class)
	switch {
	case p == nil:
	case b.Op == Send:
		for _, blk := range fn.Blocks {
			if _, no, ok := p.test(blk); ok {
				costs.AddEdge(Edge{blk, no}, Never)
			}
		}
	case b.Op == Recv && p.answersAll && p.guards(b):
		for _, o := range m.OpsIn(fn) {
			if o.Class == p.req && o.Op == Recv && o.Select == nil {
				if okTo, closedTo := commaOkEdges(o.Instr); okTo != nil {
					costs.AddEdge(Edge{o.Instr.Block(), closedTo}, Never)
				}
			}
		}
	}
}

// guards reports whether b is made only where the flag of p is set.
func (p *inFlight) guards(b *Operation) bool {
	return slices.ContainsFunc(b.Fn().Blocks, func(x *ssa.BasicBlock) bool {
		yes, _, ok := p.test(x)
		return ok && yes.Dominates(b.Instr.Block())
	})
}

// test returns, for block b ending in a test of p's flag (if reading, if
// !reading), the blocks it enters when the flag is set and when not.
func (p *inFlight) test(b *ssa.BasicBlock) (yes, no *ssa.BasicBlock, ok bool) {
	ifInstr, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
	if !ok {
		return nil, nil, false
	}
	cond, neg := ifInstr.Cond, false
	if u, ok := cond.(*ssa.UnOp); ok && u.Op == token.NOT {
		cond, neg = u.X, true
	}
	if loadedField(cond) != p.flag {
		return nil, nil, false
	}
	if neg {
		return b.Succs[1], b.Succs[0], true
	}
	return b.Succs[0], b.Succs[1], true
}
