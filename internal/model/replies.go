package model

import (
	"fmt"
	"go/token"
	"go/types"
	"maps"
	"slices"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// Requests and replies: a goroutine that serves commands sent to it on a
// channel, each carrying the channel to answer on.
//
//	func (c *Client) Connect() error {
//		resp := make(chan error, 1)
//		c.cmds <- command{action: actionConnect, resp: resp}
//		return <-resp
//	}
//
//	func (c *Client) loop() {
//		for cmd := range c.cmds {
//			switch cmd.action {
//			case actionConnect:
//				c.connect(cmd) // answers on cmd.resp on every way
//			case actionDisconnect:
//				cmd.resp <- nil
//				return
//			}
//		}
//	}
//
// The receive from resp waits for the loop, and the loop can return; but
// not between taking Connect's command and answering it. Once the command
// is sent the loop has it, and it answers before it returns or takes
// another: a request Connect makes with action actionConnect never goes
// the way that returns. The receive waits for nobody else.

// repliesTo reports whether goroutine s answers b, a receive from a reply
// channel that b's function sent to s inside a request, before s returns
// or takes another request, whatever s takes that request to be.
func (m *Model) repliesTo(s *Spawn, b *Operation) bool {
	if b.Op != Recv || s.Body == nil {
		return false
	}
	resp := chanOperand(b.Instr)
	if resp == nil {
		return false
	}
	runs := m.Runs(s)
	for _, req := range requests(b.Fn(), resp, b.Instr) {
		served := false
		c := m.ClassOf(req.ch)
		if c == nil {
			continue
		}
		for _, r := range c.Ops {
			if r.Op != Recv && r.Op != Range || !runs[r.Fn()] {
				continue
			}
			if !answers(r, req) {
				return false
			}
			served = true
		}
		if served {
			return true
		}
	}
	return false
}

// A request is a struct sent on ch that carries a reply channel in field
// resp, with the constant fields consts; or, when resp is -1, the reply
// channel itself (p.flushRequest <- done; <-done). NonNil reports that
// what is sent is not nil: the address of a composite literal, or a
// channel made there.
type request struct {
	ch     ssa.Value
	resp   int
	consts map[int]*ssa.Const
	nonNil bool
}

// requests returns the requests fn sends before at, on every way to it,
// that carry reply channel resp.
func requests(fn *ssa.Function, resp ssa.Value, at ssa.Instruction) []request {
	var out []request
	add := func(send ssa.Instruction, ch, v ssa.Value) {
		if !Dominates(send, at) {
			return
		}
		if ct, ok := v.(*ssa.ChangeType); ok && ct.X == resp || v == resp {
			_, made := resp.(*ssa.MakeChan)
			out = append(out, request{ch: ch, resp: -1, nonNil: made}) // chan T sent as chan<- T
			return
		}
		_, addr := v.(*ssa.Alloc)
		fields := fieldsOf(v)
		if fields == nil {
			// A request fn got rather than built (a parameter): its reply
			// channel is a field read from it, and no field is known.
			if i, ok := fieldRead(resp, v); ok {
				out = append(out, request{ch: ch, resp: i, consts: make(map[int]*ssa.Const)})
			}
			return
		}
		for i, f := range fields {
			if f == resp || isField(resp, func(x ssa.Value) bool { return x == v }, i) {
				r := request{ch: ch, resp: i, consts: make(map[int]*ssa.Const), nonNil: addr}
				for j, g := range fields {
					if c, ok := g.(*ssa.Const); ok {
						r.consts[j] = c
					}
				}
				out = append(out, r)
			}
		}
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			switch x := instr.(type) {
			case *ssa.Send:
				add(x, x.Chan, x.X)
			case *ssa.Select:
				for i, st := range x.States {
					// Only a case that every way to at has taken.
					if e, ok := CaseEdge(x, i); ok && st.Dir == types.SendOnly && len(e.To.Preds) == 1 && e.To.Dominates(at.Block()) {
						add(x, st.Chan, st.Send)
					}
				}
			}
		}
	}
	return out
}

// fieldsOf returns the fields of struct value v, built in its function as
// a composite literal (or a pointer to one): field index to the value
// stored there once.
func fieldsOf(v ssa.Value) map[int]ssa.Value { return fieldsIn(v, nil) }

// fieldsIn is fieldsOf, given the allocations already on the way.
func fieldsIn(v ssa.Value, on []*ssa.Alloc) map[int]ssa.Value {
	if load, ok := v.(*ssa.UnOp); ok && load.Op == token.MUL {
		v = load.X
	}
	alloc, ok := v.(*ssa.Alloc)
	if !ok || slices.Contains(on, alloc) {
		return nil
	}
	fields := make(map[int]ssa.Value)
	stores := make(map[int]int)
	for _, ref := range *alloc.Referrers() {
		if st, ok := ref.(*ssa.Store); ok && st.Addr == alloc {
			// The literal built aside and stored whole (kex := T{…}
			// where &kex is taken).
			for i, f := range fieldsIn(st.Val, append(on, alloc)) {
				fields[i] = f
				stores[i]++
			}
			continue
		}
		fa, ok := ref.(*ssa.FieldAddr)
		if !ok {
			continue
		}
		for _, r := range *fa.Referrers() {
			if st, ok := r.(*ssa.Store); ok && st.Addr == fa {
				fields[fa.Field] = st.Val
				stores[fa.Field]++
			}
		}
	}
	for i, n := range stores {
		if n > 1 {
			delete(fields, i) // set more than once: which value goes is not known here
		}
	}
	return fields
}

// answers reports whether every way of r's function from receive r, on
// which the request it takes is req, sends on the request's reply channel
// (itself, or in a function it hands the request to that always does)
// before it returns or takes another. The ways it knows of skip the
// branches a receive that found the channel closed takes, and those
// testing the request against a constant field or, when the request sent
// is never nil, against nil.
func answers(r *Operation, req request) bool {
	got, start, from := requestTaken(r)
	if got == nil {
		return false
	}
	// The receive's tuple, whose second value reports whether it took a
	// request or found the channel closed (v, ok := <-ch; or a select).
	var recv ssa.Value
	switch x := r.Instr.(type) {
	case *ssa.UnOp:
		recv = x
	case *ssa.Select:
		recv = x
	}
	copied := copiesOf(got)
	fn := r.Fn()
	// The walk knows, on the way it takes, the φ-nodes that hold the
	// request (a variable kept across a loop's turns, set in the select
	// case), and the booleans the branches it took decided, with the
	// φ-nodes they set (sent = true before the loop's test): a flag
	// tested again takes the way it was set. It goes through a block once
	// per state, within a budget.
	type state struct {
		carried map[ssa.Value]bool // φ-nodes holding the request
		known   map[ssa.Value]bool // booleans decided
	}
	seen := make(map[string]bool)
	budget := 4096
	var walk func(b *ssa.BasicBlock, from int, st state) bool
	walk = func(b *ssa.BasicBlock, from int, st state) bool {
		isReq := func(v ssa.Value) bool { return copied(v) || st.carried[v] }
		answer := func(ch ssa.Value) bool {
			if req.resp < 0 {
				return isReq(ch)
			}
			return isField(ch, isReq, req.resp)
		}
		for _, instr := range b.Instrs[from:] {
			switch x := instr.(type) {
			case *ssa.Send:
				if answer(x.Chan) {
					return true
				}
			case *ssa.Call:
				if isBuiltin(x, "close") && answer(x.Call.Args[0]) {
					return true
				}
				if g := bodyOf(x.Call.StaticCallee()); g != nil && g != fn && req.resp >= 0 {
					for i, arg := range x.Call.Args {
						if isReq(arg) && i < len(g.Params) && alwaysAnswers(g, g.Params[i], req.resp) {
							return true
						}
					}
				}
			case *ssa.Return:
				return false
			case *ssa.Panic:
				return true // nothing to answer: the goroutine is gone with its process
			}
			if instr == r.Instr && from == 0 {
				return false // it takes the next request without answering
			}
		}
		succs := b.Succs
		x, isIf := b.Instrs[len(b.Instrs)-1].(*ssa.If)
		if isIf {
			if e, ok := x.Cond.(*ssa.Extract); ok && recv != nil && e.Tuple == recv && e.Index == 1 {
				succs = succs[:1] // the channel is closed: no request came
			} else if v, ok := constTest(x.Cond, isReq, req.consts); ok {
				if v {
					succs = succs[:1]
				} else {
					succs = succs[1:]
				}
			} else if v, eql, ok := nilTest(x.Cond); ok && req.nonNil && isReq(v) {
				succs = b.Succs[1:] // the request is not nil
				if !eql {
					succs = b.Succs[:1]
				}
			} else if v, ok := boolFact(st.known, x.Cond); ok {
				succs = b.Succs[1:]
				if v {
					succs = b.Succs[:1]
				}
			}
		}
		for _, s := range succs {
			onEdge := maps.Clone(st.known) // what the edge to s says too
			if isIf && b.Succs[0] != b.Succs[1] {
				setFact(onEdge, x.Cond, s == b.Succs[0])
			}
			next := state{maps.Clone(st.carried), maps.Clone(onEdge)}
			for _, instr := range s.Instrs {
				if v, ok := instr.(ssa.Value); ok {
					delete(next.known, v) // computed again
					delete(next.carried, v)
				}
			}
			if i := slices.Index(s.Preds, b); i >= 0 {
				for _, instr := range s.Instrs {
					phi, ok := instr.(*ssa.Phi)
					if !ok {
						break
					}
					if isReq(phi.Edges[i]) {
						next.carried[phi] = true
					}
					if v, ok := boolFact(onEdge, phi.Edges[i]); ok {
						next.known[phi] = v
					}
				}
			}
			key := fmt.Sprint(s.Index, factsKey(next.known), factsKey(next.carried))
			if seen[key] {
				continue
			}
			if budget--; budget < 0 {
				return false
			}
			seen[key] = true
			if !walk(s, 0, next) {
				return false
			}
		}
		return true
	}
	return walk(start, from, state{map[ssa.Value]bool{}, map[ssa.Value]bool{}})
}

// boolFact returns the value of boolean v that known says, or that v is
// as a constant (or the negation of either).
func boolFact(known map[ssa.Value]bool, v ssa.Value) (val, ok bool) {
	if val, ok := boolConst(v); ok {
		return val, true
	}
	if not, isNot := v.(*ssa.UnOp); isNot && not.Op == token.NOT {
		val, ok = boolFact(known, not.X)
		return !val, ok
	}
	val, ok = known[v]
	return val, ok
}

// setFact records that boolean v is val, and so its operand is not, for
// a negation.
func setFact(known map[ssa.Value]bool, v ssa.Value, val bool) {
	known[v] = val
	if not, ok := v.(*ssa.UnOp); ok && not.Op == token.NOT {
		known[not.X] = !val
	}
}

// factsKey spells the facts of a walk's state.
func factsKey(facts map[ssa.Value]bool) string {
	parts := make([]string, 0, len(facts))
	for v, val := range facts {
		parts = append(parts, fmt.Sprintf("%s=%t", v.Name(), val))
	}
	slices.Sort(parts)
	return strings.Join(parts, ",")
}

// requestTaken returns the request that receive r takes, and the block and
// index where its function goes on with it: after a receive, or at the
// start of a select case's body.
func requestTaken(r *Operation) (got ssa.Value, start *ssa.BasicBlock, from int) {
	switch x := r.Instr.(type) {
	case *ssa.UnOp:
		got = x
		if x.CommaOk {
			got = nil
			for _, ref := range *x.Referrers() {
				if e, ok := ref.(*ssa.Extract); ok && e.Index == 0 {
					got = e
				}
			}
		}
		return got, x.Block(), slices.Index(x.Block().Instrs, ssa.Instruction(x)) + 1
	case *ssa.Select:
		// The tuple holds the chosen index, recvOk, then one value per
		// receive case, in order.
		n := 0
		for _, st := range x.States[:r.Case] {
			if st.Dir == types.RecvOnly {
				n++
			}
		}
		for _, ref := range *x.Referrers() {
			if e, ok := ref.(*ssa.Extract); ok && e.Index == 2+n {
				got = e
			}
		}
		if b := CaseTo(x, r.Case); b != nil && got != nil {
			return got, b, 0
		}
	}
	return nil, nil, 0
}

// alwaysAnswers reports whether g sends on field resp of its parameter p
// on every way through it, itself or in a function it hands p to (in a
// call or a deferred call) that always does.
func alwaysAnswers(g *ssa.Function, p *ssa.Parameter, resp int) bool {
	return answersIn(g, p, resp, make(map[ssa.Value]bool))
}

// answersIn is alwaysAnswers for p a parameter of g or a variable it
// captures, given what is known of those seen: false while one is worked
// out, as a cycle answers nothing by itself.
func answersIn(g *ssa.Function, p ssa.Value, resp int, known map[ssa.Value]bool) bool {
	if v, ok := known[p]; ok {
		return v
	}
	known[p] = false
	var costs Costs
	n := 0
	copies := copiesOf(p)
	_, captured := p.(*ssa.FreeVar)
	isReq := func(x ssa.Value) bool {
		if load, ok := x.(*ssa.UnOp); ok && captured && load.Op == token.MUL && load.X == p {
			return true // the request, loaded from the variable a closure captured
		}
		return copies(x)
	}
	for _, b := range g.Blocks {
		for _, instr := range b.Instrs {
			switch x := instr.(type) {
			case *ssa.Send:
				if isField(x.Chan, isReq, resp) {
					costs.AddInstr(x, Never)
					n++
				}
			case ssa.CallInstruction:
				// A call, or a deferred one: that runs on every way out
				// once deferred (defer r.finish()).
				if _, isGo := x.(*ssa.Go); isGo {
					continue
				}
				h := bodyOf(x.Common().StaticCallee())
				if h == nil {
					continue
				}
				var handed []ssa.Value // what h knows the request as
				for i, arg := range x.Common().Args {
					if isReq(arg) && i < len(h.Params) {
						handed = append(handed, h.Params[i])
					}
				}
				if mc, ok := x.Common().Value.(*ssa.MakeClosure); ok {
					for i, v := range mc.Bindings {
						if isReq(v) && i < len(h.FreeVars) {
							handed = append(handed, h.FreeVars[i])
						}
					}
				}
				if slices.ContainsFunc(handed, func(v ssa.Value) bool { return answersIn(h, v, resp, known) }) {
					costs.AddInstr(x, Never)
					n++
				}
			}
		}
	}
	known[p] = n > 0 && EntryReturn(g, &costs) == nil
	return known[p]
}

// copiesOf returns a test of whether a value is v, or a copy of it in a
// variable (a range variable, a parameter whose address is taken), or
// that copy loaded whole.
func copiesOf(v ssa.Value) func(ssa.Value) bool {
	vars := make(map[ssa.Value]bool)
	for _, ref := range *v.Referrers() {
		if st, ok := ref.(*ssa.Store); ok && st.Val == v {
			if a, ok := st.Addr.(*ssa.Alloc); ok {
				vars[a] = true
			}
		}
	}
	return func(x ssa.Value) bool {
		if load, ok := x.(*ssa.UnOp); ok && load.Op == token.MUL {
			return vars[load.X]
		}
		return x == v || vars[x]
	}
}

// fieldRead returns the index of the field of x that v reads: x.f, or
// the load of &x.f.
func fieldRead(v, x ssa.Value) (int, bool) {
	switch v := v.(type) {
	case *ssa.Field:
		return v.Field, v.X == x
	case *ssa.UnOp:
		fa, ok := v.X.(*ssa.FieldAddr)
		if ok && v.Op == token.MUL && fa.X == x {
			return fa.Field, true
		}
	}
	return 0, false
}

// isField reports whether v is field i of a struct value s is, or loaded
// from field i of the struct it points to.
func isField(v ssa.Value, is func(ssa.Value) bool, i int) bool {
	switch x := v.(type) {
	case *ssa.Field:
		return is(x.X) && x.Field == i
	case *ssa.UnOp:
		fa, ok := x.X.(*ssa.FieldAddr)
		return ok && x.Op == token.MUL && is(fa.X) && fa.Field == i
	}
	return false
}

// constTest returns the value of cond, a comparison of a field of the
// request (isReq) with a constant, when the request's field is the constant
// consts says.
func constTest(cond ssa.Value, isReq func(ssa.Value) bool, consts map[int]*ssa.Const) (bool, bool) {
	x, k, eq := constCompare(cond)
	if x == nil {
		return false, false
	}
	for i, c := range consts {
		if isField(x, isReq, i) && c.Value != nil {
			return sameConst(c.Value, k) == eq, true
		}
	}
	return false, false
}
