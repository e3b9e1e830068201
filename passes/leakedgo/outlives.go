package leakedgo

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/structlint/structlint/internal/model"
)

// A release is a deferred call by which a spawner gives something up when
// it returns: defer f.Close(), defer cancel(), defer mu.Unlock().
type release struct {
	deferred *ssa.Defer
	kind     releaseKind
	// what is released: the closed value, the cancelled context (and the
	// variables that hold it), or the mutex.
	what []model.Access
}

type releaseKind int

const (
	closes releaseKind = iota
	cancels
	unlocks
)

// releases returns the deferred releases of fn.
func (c *checker) releases(fn *ssa.Function) []*release {
	var rs []*release
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			d, ok := instr.(*ssa.Defer)
			if !ok {
				continue
			}
			call := &d.Call
			callee := model.Callee(call)
			switch {
			case callee != nil && callee.Name() == "Close" && callee.Signature().Recv() != nil && callee.Signature().Params().Len() == 0:
				recv := call.Value
				if !call.IsInvoke() {
					recv = call.Args[0]
				}
				rs = append(rs, &release{d, closes, []model.Access{c.m.AccessOf(recv)}})
			case model.IsFunc(callee, "sync", "Mutex.Unlock"), model.IsFunc(callee, "sync", "RWMutex.Unlock"), model.IsFunc(callee, "sync", "RWMutex.RUnlock"):
				if mu := c.m.AccessOf(call.Args[0]); len(mu.Fields) > 0 {
					rs = append(rs, &release{d, unlocks, []model.Access{mu}})
				}
			default:
				if ctx := cancelled(call.Value); ctx != nil {
					what := []model.Access{{Root: ctx}}
					for _, r := range model.Refs(ctx) {
						if st, ok := r.(*ssa.Store); ok && st.Val == ctx {
							what = append(what, model.Access{Root: st.Addr})
						}
					}
					rs = append(rs, &release{d, cancels, what})
				}
			}
		}
	}
	return rs
}

// isNetwork reports whether a deferred Close closes a stream whose
// readers it unblocks: a connection or a listener (a value with a
// RemoteAddr or Accept method), a server, whose Close closes the
// listeners its Serve accepts on (an http.Server a goroutine runs
// ListenAndServe on), or a value of this package whose Close
// closes one it holds (a stream wrapping a conn). A pipe is not one: the
// reader it stops may still be writing what it read (testdata/run's
// relay).
func (c *checker) isNetwork(d *ssa.Defer) bool {
	t := d.Call.Value.Type()
	if !d.Call.IsInvoke() {
		t = d.Call.Args[0].Type()
	}
	return c.closesStream(t, 0)
}

func (c *checker) closesStream(t types.Type, depth int) bool {
	ms := types.NewMethodSet(t)
	if _, ok := t.Underlying().(*types.Interface); !ok {
		if _, ptr := t.(*types.Pointer); !ptr {
			ms = types.NewMethodSet(types.NewPointer(t))
		}
	}
	for _, name := range []string{"RemoteAddr", "Accept", "Serve"} {
		if ms.Lookup(nil, name) != nil {
			return true
		}
	}
	sel := ms.Lookup(c.m.Pass.Pkg, "Close")
	if sel == nil || depth > 1 {
		return false
	}
	fn, ok := sel.Obj().(*types.Func)
	if !ok || fn.Pkg() != c.m.Pass.Pkg {
		return false
	}
	for _, f := range c.m.Funcs {
		if f.Object() != fn {
			continue
		}
		for _, instr := range model.Instrs(f) {
			call, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue
			}
			common := call.Common()
			callee := model.Callee(common)
			if callee == nil || callee.Name() != "Close" {
				continue
			}
			recv := common.Value
			if !common.IsInvoke() && len(common.Args) > 0 {
				recv = common.Args[0]
			}
			if c.closesStream(recv.Type(), depth+1) {
				return true
			}
		}
	}
	return false
}

// cancelsItself reports whether the spawner of s calls the cancel function
// that r defers itself, after starting s: cancelling the goroutine's work
// is then what it means to do (kill the command whose output it has read),
// and the deferred call only covers the ways out that come first.
func cancelsItself(s *model.Spawn, r *release) bool {
	for _, ref := range model.Refs(r.deferred.Call.Value) {
		if call, ok := ref.(*ssa.Call); ok && call.Call.Value == r.deferred.Call.Value && model.Dominates(s.Start, call) {
			return true
		}
	}
	return false
}

// cancelled returns the context that calling cancel cancels, when cancel is
// the CancelFunc of a context.WithCancel (or WithTimeout, WithDeadline…)
// call.
func cancelled(cancel ssa.Value) ssa.Value {
	ext, ok := cancel.(*ssa.Extract)
	if !ok || ext.Index != 1 {
		return nil
	}
	call, ok := ext.Tuple.(*ssa.Call)
	if !ok {
		return nil
	}
	if fn := model.Callee(&call.Call); fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != "context" {
		return nil
	}
	for _, r := range model.Refs(call) {
		if e, ok := r.(*ssa.Extract); ok && e.Index == 0 {
			return e
		}
	}
	return nil
}

// outlives reports goroutine s when its spawner releases, at return,
// something the goroutine still uses, without waiting for the goroutine
// first: a file or connection it closes, the context it cancels, the lock
// guarding what the goroutine touches.
//
// Tests are left to strict mode: a test's deferred Close routinely stops
// the goroutines serving it. So are connections and listeners (anything
// with RemoteAddr or Accept) everywhere: closing them is how a goroutine
// blocked in Read or Accept is told to stop. So is a context the spawner
// cancels: cancelling is how Go stops a goroutine's work, and on real code
// a goroutine cut short by its spawner's deferred cancel was meant to stop
// there (evaluation and tuning sets 11 to 17 judged 6 of 7 such findings
// FALSE and one DEBATABLE).
func (c *checker) outlives(s *model.Spawn) {
	if c.m.InTest(s.Start) && !strict || c.processLifetime(s) {
		return
	}
	for _, r := range c.releases(s.Parent) {
		if r.kind == closes && c.isNetwork(r.deferred) {
			continue
		}
		if !model.Dominates(r.deferred, s.Start) && !model.Dominates(s.Start, r.deferred) {
			continue // not on one path
		}
		if r.kind == cancels && (!strict || cancelsItself(s, r)) {
			continue // the spawner stops the goroutine's work on purpose
		}
		use, what := c.usesReleased(s, r)
		if use == nil || c.unjoinedPath(s) == nil {
			continue
		}
		deferText := "defer"
		if _, call, ok := c.m.CallSyntax(r.deferred); ok {
			deferText = "defer " + types.ExprString(call)
		}
		at := fmt.Sprintf("(line %d)", c.m.Line(use.Pos()))
		var msg string
		switch r.kind {
		case closes:
			msg = fmt.Sprintf("goroutine may still use %s %s after %s returns and its %s closes it", what, at, model.FuncLabel(s.Parent), deferText)
		case cancels:
			msg = fmt.Sprintf("goroutine's work under %s %s is cancelled when %s returns and its %s runs", what, at, model.FuncLabel(s.Parent), deferText)
		case unlocks:
			msg = fmt.Sprintf("goroutine touches %s %s without the lock, which %s's %s releases when it returns", what, at, model.FuncLabel(s.Parent), deferText)
		}
		d := analysis.Diagnostic{Message: msg + "; join the goroutine first", Related: []analysis.RelatedInformation{
			model.Related(use.Pos(), "the goroutine uses it here"), model.Related(r.deferred.Pos(), "it is released here")}}
		if f, ok := c.releaseFix(s, r); ok {
			d.SuggestedFixes = []analysis.SuggestedFix{f}
		}
		c.report(s, d)
		return
	}
}

// usesReleased returns an instruction of goroutine s that uses what r
// releases, and a name for it, or nil. A goroutine that closes the same
// thing itself, only watches the context (ctx.Done(), ctx.Err()), or locks
// the mutex itself does not count; nor, for a cancel or (outside strict
// mode) a close, does a goroutine that hands a result back to its spawner:
// once the spawner returns, the result is no longer wanted, and stopping
// the work is the point.
func (c *checker) usesReleased(s *model.Spawn, r *release) (ssa.Instruction, string) {
	var use ssa.Instruction
	var what model.Access
	var written []model.Access
	if r.kind == unlocks {
		written = c.fieldsWritten(s)
	}
	var touched map[*types.Var]bool
	if r.kind == closes {
		touched = closeTouches(r.deferred)
	}
	for _, instr := range c.goroutineInstrs(s) {
		call, isCall := instr.(ssa.CallInstruction)
		switch r.kind {
		case closes, cancels:
			if !isCall {
				continue
			}
			common := call.Common()
			if common.IsInvoke() && c.accesses(common.Value, r.what) {
				switch {
				case r.kind == closes && common.Method.Name() == "Close":
					return nil, "" // it closes it too
				case r.kind == cancels:
					continue // ctx.Done(), ctx.Err(): watching the context
				}
			}
			if fn := model.Callee(common); r.kind == closes && fn != nil && fn.Name() == "Close" && len(common.Args) > 0 && c.accesses(common.Args[0], r.what) {
				return nil, "" // it closes it too
			}
			if r.kind == closes && c.readsEvents(common, r.what) {
				continue // closing a source of events is how its reader is told to stop
			}
			if use != nil {
				continue
			}
			for i, arg := range model.CallArgs(common) {
				if r.kind == cancels && (c.m.WatchedOnly(call, i) || c.m.StopsWhenDone(call, i)) {
					continue // reads values only (log.G(ctx)), or stops when it is cancelled: the cancel cuts no work short
				}
				if c.accesses(arg, r.what) && !c.untouched(arg, r.what, touched) {
					use, what = instr, c.m.AccessOf(arg)
					break
				}
			}
		case unlocks:
			if isCall && isLock(model.Callee(call.Common())) {
				mu := r.what[0]
				if c.m.AccessOf(call.Common().Args[0]).Within(model.Access{Root: mu.Root, Fields: mu.Fields[:len(mu.Fields)-1]}) {
					return nil, "" // it takes this lock, or another of the same struct: its own discipline
				}
			}
			if fa, ok := instr.(*ssa.FieldAddr); ok && use == nil {
				if a, ok := c.guardedField(fa, r.what[0], written); ok {
					use, what = c.firstPositioned(fa), a
				}
			}
		}
	}
	if use == nil || r.kind == closes && !strict && c.handsBack(s) || r.kind == cancels && (c.handsBack(s) || c.afterDone(use, r) || c.servesUntilDone(s, r)) {
		return nil, ""
	}
	return use, c.accessName(what)
}

// readsEvents reports whether common calls a method of what, a value
// released by its Close, that returns a receive-only channel and takes
// nothing: a subscription's Events(), an announce's Peers(). The goroutine
// reads the events, and the Close ends them.
func (c *checker) readsEvents(common *ssa.CallCommon, what []model.Access) bool {
	fn := model.Callee(common)
	sig := common.Signature()
	if fn == nil || fn.Signature().Recv() == nil || sig.Params().Len() != 0 || sig.Results().Len() != 1 || !c.accesses(model.CallArgs(common)[0], what) {
		return false
	}
	ch, ok := sig.Results().At(0).Type().Underlying().(*types.Chan)
	return ok && ch.Dir() == types.RecvOnly
}

// servesUntilDone reports whether goroutine s loops until the context r
// cancels is done: the cancel is how it is told to stop, and the work of
// the turn it cuts short is meant to be cut short.
func (c *checker) servesUntilDone(s *model.Spawn, r *release) bool {
	var args []ssa.Value
	if s.Go != nil && s.Go.Call.StaticCallee() == s.Body {
		args = s.Go.Call.Args
	}
	return c.m.LoopsUntilDone(s.Body, func(v ssa.Value) bool {
		if p, ok := v.(*ssa.Parameter); ok {
			if i := slices.Index(s.Body.Params, p); i >= 0 && i < len(args) {
				v = args[i]
			}
		}
		return c.accesses(v, r.what)
	})
}

// afterDone reports whether use, an instruction of a goroutine, runs only
// once the context r cancels is done: after a receive from its Done(), or
// in the Done() case of a select. The cancel cannot cut short what comes
// after the cancellation it waits for (reading the cause, waking others).
func (c *checker) afterDone(use ssa.Instruction, r *release) bool {
	isDone := func(v ssa.Value) bool {
		ctx := model.DoneOf(v)
		return ctx != nil && c.accesses(ctx, r.what)
	}
	for _, b := range use.Parent().Blocks {
		for _, instr := range b.Instrs {
			switch x := instr.(type) {
			case *ssa.UnOp:
				if x.Op == token.ARROW && isDone(x.X) && model.Dominates(x, use) {
					return true
				}
			case *ssa.Select:
				for i, st := range x.States {
					if st.Dir != types.RecvOnly || !isDone(st.Chan) {
						continue
					}
					if e, ok := model.CaseEdge(x, i); ok && e.To.Dominates(use.Block()) && len(e.To.Preds) == 1 {
						return true
					}
				}
			}
		}
	}
	return false
}

// guardedField reports whether field address fa, in a goroutine, is a
// field of the struct holding mutex mu (other than a mutex) that the
// goroutine writes, or that the spawner writes (written) while it holds
// the lock: fields set once and only read are not what the lock guards.
func (c *checker) guardedField(fa *ssa.FieldAddr, mu model.Access, written []model.Access) (model.Access, bool) {
	guarded := model.Access{Root: mu.Root, Fields: mu.Fields[:len(mu.Fields)-1]}
	a := c.m.AccessOf(fa)
	if !a.Within(guarded) || len(a.Fields) <= len(guarded.Fields) || a.Within(mu) || isMutex(fa.Type()) {
		return a, false
	}
	for _, r := range model.Refs(fa) {
		if st, ok := r.(*ssa.Store); ok && st.Addr == fa {
			return a, true
		}
	}
	for _, w := range written {
		if a.Within(w) {
			return a, true
		}
	}
	return a, false
}

// fieldsWritten returns the struct fields the spawner of s stores to,
// where another call of it could race with s: a store made before s
// starts is one s sees, and no other call's, when the spawner runs only
// on values its callers have just made (a constructor's setup step), or
// when the store gives the field a default once (if h.idle == 0 { h.idle
// = time.Minute }), which no later call repeats.
func (c *checker) fieldsWritten(s *model.Spawn) []model.Access {
	fn := s.Parent
	once := c.m.RunsOnFresh(fn)
	var ws []model.Access
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if st, ok := instr.(*ssa.Store); ok {
				if _, ok := st.Addr.(*ssa.FieldAddr); !ok || once && model.Dominates(st, s.Start) {
					continue
				}
				if test := c.m.DefaultTest(st); test != nil && model.Dominates(test, s.Start) {
					continue
				}
				ws = append(ws, c.m.AccessOf(st.Addr))
			}
		}
	}
	return ws
}

func isMutex(t types.Type) bool {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	return model.IsNamed(t, "sync", "Mutex") || model.IsNamed(t, "sync", "RWMutex")
}

// accesses reports whether v reads one of what (or a part of it).
func (c *checker) accesses(v ssa.Value, what []model.Access) bool {
	a := c.m.AccessOf(v)
	for _, w := range what {
		if a.Within(w) {
			return true
		}
	}
	return false
}

// closeTouches returns the fields of its receiver that the Close deferred
// by d reads, itself or through the methods of the package it calls on
// the receiver; nil when its body is not known. A field Close never
// reads (a context, a name) is as usable after it as before.
func closeTouches(d *ssa.Defer) map[*types.Var]bool {
	fn := d.Call.StaticCallee()
	if fn == nil || fn.Blocks == nil || len(fn.Params) == 0 {
		return nil
	}
	touched := make(map[*types.Var]bool)
	seen := make(map[*ssa.Function]bool)
	var visit func(fn *ssa.Function, depth int) bool
	visit = func(fn *ssa.Function, depth int) bool {
		if seen[fn] {
			return true
		}
		seen[fn] = true
		recv := fn.Params[0]
		for _, instr := range model.Instrs(fn) {
			switch x := instr.(type) {
			case *ssa.FieldAddr:
				if x.X == recv {
					touched[model.FieldOf(x)] = true
				}
			case *ssa.Field:
				if x.X == recv {
					return false // a copy of the whole value: anything
				}
			case ssa.CallInstruction:
				common := x.Common()
				if common.IsInvoke() {
					if common.Value == recv {
						return false
					}
					continue
				}
				for i, arg := range common.Args {
					if arg != recv {
						continue
					}
					g := common.StaticCallee()
					if i != 0 || g == nil || g.Blocks == nil || g.Pkg != fn.Pkg || depth > 2 || !visit(g, depth+1) {
						return false // it hands the whole value on
					}
				}
			case *ssa.Store:
				if x.Val == recv {
					return false
				}
			}
		}
		return true
	}
	if !visit(fn, 0) {
		return nil
	}
	return touched
}

// untouched reports whether v, which lies within one of what, is reached
// through a field of it that the deferred Close never reads (touched, see
// closeTouches; nil: it may read any).
func (c *checker) untouched(v ssa.Value, what []model.Access, touched map[*types.Var]bool) bool {
	if touched == nil {
		return false
	}
	a := c.m.AccessOf(v)
	for _, w := range what {
		if a.Within(w) && len(a.Fields) > len(w.Fields) && !touched[a.Fields[len(w.Fields)].Origin()] {
			return true
		}
	}
	return false
}

func isLock(fn *types.Func) bool {
	return model.IsFunc(fn, "sync", "Mutex.Lock") || model.IsFunc(fn, "sync", "RWMutex.Lock") || model.IsFunc(fn, "sync", "RWMutex.RLock")
}

// firstPositioned returns instr, or the first of its referrers with a
// position, for messages: field addresses have none.
func (c *checker) firstPositioned(v ssa.Value) ssa.Instruction {
	instr := v.(ssa.Instruction)
	if instr.Pos().IsValid() {
		return instr
	}
	for _, r := range model.Refs(v) {
		if r.Pos().IsValid() {
			return r
		}
		if rv, ok := r.(ssa.Value); ok && rv.Referrers() != nil {
			for _, rr := range model.Refs(rv) {
				if rr.Pos().IsValid() {
					return rr
				}
			}
		}
	}
	return instr
}

// goroutineInstrs returns the instructions by which goroutine s can use its
// spawner's variables: the go statement (its arguments), and the body of
// the function literal it runs, with the literals nested in it.
func (c *checker) goroutineInstrs(s *model.Spawn) []ssa.Instruction {
	instrs := []ssa.Instruction{s.Start}
	if s.Body != nil && s.Body.Parent() != nil {
		instrs = append(instrs, model.Instrs(s.Body)...)
	}
	return instrs
}

// handsBack reports whether goroutine s signals something its spawner
// waits on or receives from, or is handed a channel its spawner receives
// from (go req(ctx, results), whatever req is), or cancels a context whose
// Done its spawner receives from (a hedged ping that completes the wait).
func (c *checker) handsBack(s *model.Spawn) bool {
	if c.completesContext(s) {
		return true
	}
	if s.Go != nil {
		for _, arg := range s.Go.Call.Args {
			k := c.m.ClassOf(arg)
			if k == nil || k.Kind != model.Chan {
				continue
			}
			for _, o := range k.Ops {
				if (o.Op == model.Recv || o.Op == model.Range) && o.Fn() == s.Parent {
					return true
				}
			}
		}
	}
	for _, o := range c.m.Objects {
		if !o.SignalledBy(s) {
			continue
		}
		for _, u := range o.Uses {
			if u.How != model.Spawned && (u.Op == model.Recv || u.Op == model.Range || u.Op == model.Wait) {
				return true
			}
		}
	}
	return false
}

// accessName renders an Access for messages, e.g. "resp.Body".
func (c *checker) accessName(a model.Access) string {
	var name string
	switch root := a.Root.(type) {
	case *ssa.Alloc:
		name = root.Comment
	case *ssa.Parameter:
		name = root.Name()
	default:
		name = c.m.VarName(root)
	}
	if name == "" {
		name = "it"
		if len(a.Fields) > 0 {
			name = "the value"
		}
	}
	var b strings.Builder
	b.WriteString(name)
	for _, f := range a.Fields {
		b.WriteString("." + f.Name())
	}
	return b.String()
}

// deferBefore returns the defer statement of r when it comes before the go
// statement of s in a block that holds both: a group made right after it
// is joined before the release and is in scope at the go statement.
func (c *checker) deferBefore(r *release, s *model.Spawn) (ast.Stmt, bool) {
	cur, _, ok := c.m.CallSyntax(r.deferred)
	if !ok {
		return nil, false
	}
	stmt, ok := cur.Parent().Node().(*ast.DeferStmt)
	if !ok || stmt.End() > s.Pos() {
		return nil, false
	}
	block, ok := cur.Parent().Parent().Node().(*ast.BlockStmt)
	if !ok || s.Pos() > block.End() {
		return nil, false
	}
	return stmt, true
}

// completesContext reports whether goroutine s calls the cancel function
// of a context whose Done channel its spawner receives from (or of one it
// derives from): the spawner's wait ends when the goroutine has its
// answer.
func (c *checker) completesContext(s *model.Spawn) bool {
	runs := c.m.Runs(s)
	for _, o := range c.m.OpsIn(s.Parent) {
		if o.Op != model.Recv || o.Class.DoneOf == nil {
			continue
		}
		partners, _ := c.m.Partners(o)
		if slices.ContainsFunc(partners, func(p *model.Operation) bool { return runs[p.Fn()] }) {
			return true
		}
	}
	return false
}
