package model

import (
	"fmt"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// A Summary is the fact the model exports for a function: what it does
// with its parameters, so that callers in other packages are judged as
// if the function's body were theirs.
type Summary struct {
	Params []ParamSummary
	// CtxResult describes a context.Context first result (or one that
	// carries a context, see IsCarrier): 0 when unknown, ResultNoDeadline
	// when it never has a deadline, ResultNoContext when it is a request
	// or command made without one, or i+1 when it derives from parameter
	// i without gaining a deadline.
	CtxResult int
	// ValuesResult is i+1 when the function's context.Context first
	// result is parameter i's context with values added and nothing else
	// (context.WithValue, or functions that do only that): it is
	// cancelled exactly when parameter i is. 0 otherwise.
	ValuesResult int
	// StoppedBy names, for a method that starts a goroutine which runs
	// until another method of its type stops it, those methods.
	StoppedBy []string
	// FreshResult: the function's first result is made for its caller on
	// every call, and kept nowhere else (see ReturnsFresh): a
	// constructor's, not a getter's or a cache's.
	FreshResult bool
	// NoTimeoutClient: the function returns an *http.Client that it
	// makes with no Timeout, and whose Transport cannot bound the wait
	// for a response.
	NoTimeoutClient bool
}

// Summary.CtxResult for a function returning a context that provably has
// no deadline, and for one returning a request or command made without a
// context (http.NewRequest, exec.Command).
const (
	ResultNoDeadline = -1
	ResultNoContext  = -2
)

// A ParamSummary says what a function does with one parameter.
type ParamSummary struct {
	Index int // in SSA terms: a method's receiver is 0
	// Ops lists what the function does with a channel or group
	// parameter, in order of first occurrence.
	Ops []Op
	// Spawned: the operations happen on a goroutine the function starts.
	Spawned bool
	// Cases lists the operations of Ops that the function only makes as
	// one case of a select with others: a receive from a done channel
	// while it sends its results. They never wait on the parameter alone.
	Cases []Op
	// Repeats lists the operations of Ops that one call may make more
	// than once: in a loop, or through a call that repeats them (a relay
	// goroutine that sends each value it gets). Callers count the others
	// as made once.
	Repeats []Op
	// Escapes: the function lets the object go where the model cannot
	// follow it.
	Escapes bool
	// ReachesAPI names the blocking API a context parameter (or a
	// carrier of one, see IsCarrier) reaches without gaining a deadline,
	// e.g. "(*sql.DB).QueryContext"; or that an *http.Client parameter
	// reaches with no deadline on its context, so that only the client's
	// Timeout could bound it.
	ReachesAPI string
	// Async: the parameter reaches that API in a goroutine the function
	// starts, so the wait may outlive the call.
	Async bool
	// ValuesOnly: a context parameter that the function only reads
	// values from (ctx.Value), itself or through the functions it passes
	// it to; cancelling it changes nothing there.
	ValuesOnly bool
	// Observes: a context parameter whose cancellation the function
	// observes (see Observes): it waits on its Done, asks its Err, or
	// hands it to what does.
	Observes bool
	// UntilDone: a context parameter whose Done ends a loop the function
	// runs (for { select { case <-ctx.Done(): return; case <-tick: … } }):
	// cancelling it is how the function is told to stop.
	UntilDone bool
	// FailsFirst: a group parameter the function counts work on (Add,
	// Go) only after its last way to fail, or a channel or function
	// parameter it hands to goroutines only after it: when it returns an
	// error, it has counted nothing (a subscribe that checks a limit, then
	// adds), or started nothing (a monitor that subscribes, then starts its
	// sender; a stopper that refuses tasks once stopped).
	FailsFirst bool
	// RunsSpawned: a function parameter the function runs on a goroutine
	// it starts, once per call, and does nothing else with (go f(), or go
	// func() { defer recover(); f() }()).
	RunsSpawned bool
	// MaySkip: with RunsSpawned, the function may return without starting
	// it (when it is shutting down, say).
	MaySkip bool
}

func (*Summary) AFact() {}

// runsSpawned reports whether the function s summarises runs its
// parameter i only on a goroutine it starts; s may be nil.
func (s *Summary) runsSpawned(i int) bool {
	if s == nil {
		return false
	}
	p := s.Param(i)
	return p != nil && p.RunsSpawned
}

func (s *Summary) String() string {
	var parts []string
	for _, p := range s.Params {
		var b strings.Builder
		fmt.Fprintf(&b, "param%d:", p.Index)
		for _, op := range p.Ops {
			b.WriteString(" " + op.String())
		}
		if len(p.Cases) > 0 {
			b.WriteString(" (as select cases:")
			for _, op := range p.Cases {
				b.WriteString(" " + op.String())
			}
			b.WriteString(")")
		}
		if len(p.Repeats) > 0 {
			b.WriteString(" (repeated:")
			for _, op := range p.Repeats {
				b.WriteString(" " + op.String())
			}
			b.WriteString(")")
		}
		if p.Spawned {
			b.WriteString(" (spawned)")
		}
		if p.Escapes {
			b.WriteString(" escapes")
		}
		if p.ReachesAPI != "" {
			b.WriteString(" reaches " + p.ReachesAPI)
			if p.Async {
				b.WriteString(" async")
			}
		}
		if p.ValuesOnly {
			b.WriteString(" values only")
		}
		if p.Observes {
			b.WriteString(" observes cancellation")
		}
		if p.UntilDone {
			b.WriteString(" loops until done")
		}
		if p.FailsFirst {
			b.WriteString(" after its failures")
		}
		if p.RunsSpawned {
			b.WriteString(" runs spawned")
			if p.MaySkip {
				b.WriteString(" or not")
			}
		}
		parts = append(parts, b.String())
	}
	if len(s.StoppedBy) > 0 {
		parts = append(parts, "starts a goroutine stopped by "+strings.Join(s.StoppedBy, ", "))
	}
	if s.NoTimeoutClient {
		parts = append(parts, "returns an http.Client with no Timeout")
	}
	if s.FreshResult {
		parts = append(parts, "returns a fresh value")
	}
	switch {
	case s.CtxResult == ResultNoDeadline:
		parts = append(parts, "returns a context with no deadline")
	case s.CtxResult == ResultNoContext:
		parts = append(parts, "returns a request or command with no context")
	case s.CtxResult > 0:
		parts = append(parts, fmt.Sprintf("returns param%d's context", s.CtxResult-1))
	}
	if s.ValuesResult > 0 {
		parts = append(parts, fmt.Sprintf("adds only values to param%d", s.ValuesResult-1))
	}
	return "summary(" + strings.Join(parts, "; ") + ")"
}

// Param returns the summary of parameter i, or nil.
func (s *Summary) Param(i int) *ParamSummary {
	for k := range s.Params {
		if s.Params[k].Index == i {
			return &s.Params[k]
		}
	}
	return nil
}

// exportSummaries exports a Summary for every function and method of the
// package that has something to say.
func (m *Model) exportSummaries() {
	reaches := m.reaches
	for _, fn := range m.Funcs {
		obj := funcObject(fn)
		if obj == nil || fn.Parent() != nil {
			continue
		}
		s := &Summary{}
		for i, p := range fn.Params {
			ps := ParamSummary{Index: i, ReachesAPI: reaches[p], Async: m.async[p], ValuesOnly: m.valuesOnly[p], Observes: m.observes[p]}
			if IsContext(p.Type()) {
				ps.UntilDone = m.LoopsUntilDone(fn, func(v ssa.Value) bool { return v == p })
			}
			if IsContext(p.Type()) || IsCarrier(p.Type()) || isClient(p.Type()) {
				if ps.ReachesAPI != "" || ps.ValuesOnly || ps.UntilDone || ps.Observes {
					s.Params = append(s.Params, ps)
				}
				continue
			}
			if _, ok := p.Type().Underlying().(*types.Signature); ok {
				if m.runsParam(p) == runsSpawned {
					skips := !m.runsAlways(p)
					s.Params = append(s.Params, ParamSummary{Index: i, RunsSpawned: true, MaySkip: skips, FailsFirst: skips && m.failsBeforeRun(p)})
				}
				continue
			}
			if !trackable(p.Type()) {
				continue
			}
			o := &Object{Kind: Chan, Value: p, Fn: fn}
			if k := groupKind(deref(p.Type())); k != 0 {
				o.Kind = k
			}
			t := &tracker{m: m, obj: o, seen: make(map[trackKey]bool)}
			t.value(p, where{})
			ps.Escapes = o.Escape != nil
			ps.Spawned = len(o.Uses) > 0
			counts := 0
			failsFirst := ReturnsError(fn.Signature)
			alone := make(map[Op]bool) // the operations made outside a select with other cases
			for _, u := range o.Uses {
				if u.How != Spawned {
					ps.Spawned = false
				}
				if !containsOp(ps.Ops, u.Op) {
					ps.Ops = append(ps.Ops, u.Op)
				}
				if u.Blocking() {
					alone[u.Op] = true // not one case of a select, itself or in a callee
				}
				if (u.Op == Send || u.Op == Recv) && u.Repeats && !containsOp(ps.Repeats, u.Op) {
					ps.Repeats = append(ps.Repeats, u.Op)
				}
				switch {
				case (u.Op == Add || u.Op == Go) && u.How == Inline:
					counts++
					failsFirst = failsFirst && (u.Instr.Parent() == fn && failsOnlyAfter(fn, u.Instr) || u.FailsFirst && u.Site.Parent() == fn && failsOnlyAfter(fn, u.Site))
				case o.Kind == Chan && u.How == Spawned:
					counts++
					failsFirst = failsFirst && u.Site.Parent() == fn && failsOnlyAfter(fn, u.Site)
				}
			}
			ps.FailsFirst = counts > 0 && failsFirst
			for _, op := range ps.Ops {
				if (op == Send || op == Recv) && !alone[op] {
					ps.Cases = append(ps.Cases, op)
				}
			}
			s.Params = append(s.Params, ps)
		}
		if res := fn.Signature.Results(); res.Len() > 0 && (IsContext(res.At(0).Type()) || IsCarrier(res.At(0).Type())) {
			s.CtxResult = m.ctxResult(fn)
			if IsContext(res.At(0).Type()) {
				s.ValuesResult = m.valuesResult(fn, 0)
			}
		}
		s.StoppedBy = m.stoppedBy[obj]
		s.NoTimeoutClient = m.clients.noTimeout(fn)
		s.FreshResult = m.fresh[fn]
		if len(s.Params) > 0 || s.CtxResult != 0 || s.ValuesResult != 0 || len(s.StoppedBy) > 0 || s.NoTimeoutClient || s.FreshResult {
			m.Pass.ExportObjectFact(obj, s)
		}
	}
	m.exportInterfaceSummaries(reaches)
}

// ctxResult computes Summary.CtxResult for fn.
func (m *Model) ctxResult(fn *ssa.Function) int {
	r := Ctx{pending: true}
	for _, b := range fn.Blocks {
		if ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok && len(ret.Results) > 0 && !IsNil(ret.Results[0]) {
			r = join(r, m.ctx.of(ret.Results[0]))
		}
	}
	switch {
	case r.pending:
		return 0
	case r.Deadline == NoDeadline && r.None:
		return ResultNoContext
	case r.Deadline == NoDeadline && !r.Stoppable:
		return ResultNoDeadline
	case r.Deadline == Unknown && r.Param != nil && r.Param.Parent() == fn:
		return paramIndex(r.Param) + 1
	}
	return 0
}

// trackable reports whether a parameter of type t is one the model
// follows: a channel or a pointer to a group.
func trackable(t types.Type) bool {
	if _, ok := t.Underlying().(*types.Chan); ok {
		return true
	}
	return groupKind(deref(t)) != 0
}

func deref(t types.Type) types.Type {
	if p, ok := t.(*types.Pointer); ok {
		return p.Elem()
	}
	if p, ok := t.Underlying().(*types.Pointer); ok {
		return p.Elem() // a defined pointer type: type stackPtr *stack
	}
	return t
}

func containsOp(ops []Op, op Op) bool {
	for _, o := range ops {
		if o == op {
			return true
		}
	}
	return false
}

// importSummaries imports, in Run, the Summary facts of the functions of
// other packages that the package calls: the model is read-only once Run
// returns.
func (m *Model) importSummaries(fns []*ssa.Function) {
	m.summaries = make(map[*types.Func]*Summary)
	tried := make(map[*types.Func]bool)
	for _, fn := range fns {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				call, ok := instr.(ssa.CallInstruction)
				if !ok {
					continue
				}
				f, _ := calleeArgs(call.Common())
				if f == nil {
					f = m.aliased(call.Common().Value)
				}
				if f == nil || f.Pkg() == m.Pass.Pkg || tried[f] {
					continue
				}
				tried[f] = true
				var s Summary
				if m.Pass.ImportObjectFact(f, &s) {
					m.summaries[f] = &s
				}
			}
		}
	}
}

// isClient reports whether t is *http.Client.
func isClient(t types.Type) bool {
	p, ok := t.(*types.Pointer)
	return ok && IsNamed(p.Elem(), "net/http", "Client")
}
