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

// contracts reports calls of a method that starts a goroutine only another
// method ends (a Start whose loop runs until Stop), on a value this
// function creates and keeps, when a path returns without calling the
// other method.
func (c *checker) contracts() {
	// A constructor that starts its value's goroutine owes the stop on
	// the ways where it does not hand the value back (a failure after the
	// start, which returns nil), as its callers do where it does.
	for _, fn := range c.m.Funcs {
		obj, ok := fn.Object().(*types.Func)
		if !ok || len(c.m.ConstructorStarts(obj)) == 0 {
			continue
		}
		v := c.made(fn)
		if v == nil {
			continue
		}
		for _, site := range c.m.ConstructorStarts(obj) {
			start, ok := site.(ssa.CallInstruction)
			if !ok {
				continue
			}
			if g, ok := start.(*ssa.Go); ok {
				if callee := model.Callee(&g.Call); callee != nil && len(c.m.RunsUntil(callee)) > 0 {
					continue // go x.Run(): judged below
				}
			}
			c.unstopped(start, obj, v, c.m.StoppedBy(obj), c.m.ConstructorStops(obj))
		}
	}
	for _, fn := range c.m.Funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if g, ok := instr.(*ssa.Go); ok {
					// go w.Run(): a method that runs until another ends it.
					if callee := model.Callee(&g.Call); callee != nil && !g.Call.IsInvoke() && len(g.Call.Args) > 0 {
						if stoppers := c.m.RunsUntil(callee); len(stoppers) > 0 {
							c.unstopped(g, callee, g.Call.Args[0], stoppers, nil)
						}
					}
					continue
				}
				call, ok := instr.(*ssa.Call)
				if !ok || call.Call.IsInvoke() {
					continue
				}
				callee := model.Callee(&call.Call)
				if callee == nil {
					continue
				}
				if sr := c.m.ReturnsStop(callee); sr != nil {
					c.droppedStop(call, callee, sr)
					continue
				}
				stoppers := c.m.StoppedBy(callee)
				if len(stoppers) == 0 {
					continue
				}
				if callee.Signature().Recv() != nil {
					if len(call.Call.Args) == 0 {
						continue
					}
					c.unstopped(call, callee, call.Call.Args[0], stoppers, nil)
				} else if v := resultAt(call, 0); v != nil {
					c.unstopped(call, callee, v, stoppers, nil) // a constructor
				}
			}
		}
	}
}

// made returns the value constructor fn makes and returns as its first
// result, wherever it returns one that is not nil: nil if it returns
// different values, or one it did not make.
func (c *checker) made(fn *ssa.Function) ssa.Value {
	var v ssa.Value
	for _, b := range fn.Blocks {
		ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		if !ok || len(ret.Results) == 0 || model.IsNil(ret.Results[0]) {
			continue
		}
		r := ret.Results[0]
		if v != nil && !c.m.AccessOf(r).Same(c.m.AccessOf(v)) {
			return nil
		}
		v = r
	}
	if u, ok := v.(*ssa.UnOp); ok && u.Op == token.MUL && isLocal(u.X) {
		// The variable a closure captures (go func() { <-s.stop }()):
		// the value stored into it, once.
		v = nil
		for _, r := range model.Refs(u.X) {
			if st, ok := r.(*ssa.Store); ok {
				if v != nil {
					return nil
				}
				v = st.Val
			}
		}
	}
	if _, ok := v.(*ssa.Alloc); !ok {
		return nil // not made here, or nothing returned
	}
	return v
}

// droppedStop reports call, of a function that starts a goroutine and
// returns the function that stops it (as context.WithCancel returns its
// cancel), when the caller drops that function: assigns it to _ or never
// uses it, and does not release the goroutine another way. Like a lost
// cancel, the goroutine then runs until something else ends it, if
// anything does.
func (c *checker) droppedStop(call *ssa.Call, callee *types.Func, sr *model.StopResult) {
	fn := call.Parent()
	if c.exempt(fn) || c.m.InTest(call) || c.m.StoppedOtherwise(sr, fn) {
		return
	}
	if stop := resultAt(call, sr.Index); stop != nil && model.Used(stop) {
		return // called, deferred, kept or handed on: judged there, if anywhere
	}
	c.r.Report(analysis.Diagnostic{Pos: call.Pos(), Message: fmt.Sprintf(
		"%s drops the function %s returns to stop the goroutine it starts (line %d): the goroutine runs until something else ends it; call the function once done, as with context.WithCancel's cancel",
		model.FuncLabel(fn), callee.Name(), c.m.Line(sr.Spawn.Pos())),
		Related: []analysis.RelatedInformation{model.Related(sr.Spawn.Pos(), "the goroutine starts here")}})
}

// resultAt returns result i of call: the call itself when it has one
// result, or the extract of result i; nil when nothing extracts it.
func resultAt(call *ssa.Call, i int) ssa.Value {
	if call.Call.Signature().Results().Len() == 1 {
		return call
	}
	for _, r := range model.Refs(call) {
		if x, ok := r.(*ssa.Extract); ok && x.Index == i {
			return x
		}
	}
	return nil
}

// unstopped reports start, a call of a method (or a constructor) stopped
// by stoppers, when its receiver (or result), value, is one its function
// creates and keeps and some path returns without calling one of
// stoppers on it, or making one of stopOps (what the stoppers do, done
// by a constructor itself: close(s.shutdownCh)). A stop counts when the
// function calls it, defers it, or runs it from a closure it defers,
// registers with t.Cleanup, calls or starts. Handing the value on
// (returning it, passing it, storing it where others find it) hands on
// the duty to stop it, but not storing it in a field of the package's on
// which nothing calls a stopper: there the duty is dropped
// (model.FieldCalled). A value the function stores in a field
// and starts from there (s.w = newWorker(); s.w.Start()) is the value it
// stored, and the field is another name for it.
func (c *checker) unstopped(start ssa.CallInstruction, method *types.Func, value ssa.Value, stoppers []string, stopOps []ssa.Instruction) {
	recv := c.m.AccessOf(value)
	if len(recv.Fields) > 0 {
		// Stops called through the field make it one the package stops
		// (model.FieldCalled): the store below hands the value on.
		st := c.storedBefore(start, recv)
		if st == nil {
			return
		}
		value, recv = st.Val, c.m.AccessOf(st.Val)
	}
	for _, r := range model.Refs(value) {
		if st, ok := r.(*ssa.Store); ok && st.Val == value && isLocal(st.Addr) {
			recv = model.Access{Root: st.Addr} // a variable a closure captures
		}
	}
	if len(recv.Fields) > 0 {
		return
	}
	creator, ok := recv.Root.(ssa.Instruction)
	if !ok {
		return // a parameter or a global: its owner stops it
	}
	switch root := recv.Root.(type) {
	case *ssa.Alloc:
		if model.HeldParameter(root) != nil {
			return // a parameter captured by a closure: still its owner's
		}
	case *ssa.Call:
		if !c.m.ReturnsFresh(&root.Call) {
			return // a getter's or a cache's: kept and stopped elsewhere
		}
	case *ssa.Extract:
		call, ok := root.Tuple.(*ssa.Call)
		if !ok {
			return // an element of a map or a message: its owner's
		}
		if !c.m.ReturnsFresh(&call.Call) {
			return // a getter's or a cache's: kept and stopped elsewhere
		}
	default:
		return
	}
	fn := creator.Parent()
	if start.Parent() != fn || method.Signature().Recv() != nil && model.SameReceiver(fn, method) {
		return // a method of the type itself is part of its lifetime
	}
	if c.m.ProcessLifetime(fn) {
		return // a command's own sequence: when it returns, the process ends
	}
	if method.Signature().Recv() == nil && fn.Signature.Recv() != nil && starterType(method) != nil &&
		types.Identical(starterType(method), deref(fn.Signature.Recv().Type())) {
		return // a method of the type making another of it
	}
	var costs model.Costs
	c.m.PriceGiveUps(fn, &costs)
	stops := 0
	handedOn := false        // before start, or by a deferred call made before it
	handedSomewhere := false // on some path: a deferred stop would stop it under its new owner
	var keptIn *types.Var    // a field of the package's that keeps it, if nothing stops it there
	var keptAt ssa.Value     // the field's address there
	for _, site := range slices.Concat(c.streamCloses(fn, start), stopOps) {
		if model.Dominates(site, start) {
			return // closed on every path: deferred, say
		}
		costs.AddInstr(site, model.Never)
		stops++
	}
	for _, instr := range model.Instrs(fn) {
		for _, op := range instr.Operands(nil) {
			if *op == nil || !c.m.AccessOf(*op).Same(recv) {
				continue
			}
			// A path that hands the value on (returns it, stores it
			// where others find it, passes it to a call, sends it) hands
			// on the duty to stop it; a deferred call does so on every
			// return after it (defer services.StopAndAwait(ctx, svc)).
			handOff := func() {
				site := siteIn(fn, passedTo(instr))
				if site == nil {
					return
				}
				if model.Dominates(site, start) {
					// Handed on before it starts, on every path (stored in
					// its owner's map, then started), or by a deferred call
					// at every return.
					handedOn = true
				}
				handedSomewhere = true
				costs.AddInstr(site, model.Never)
			}
			switch instr := instr.(type) {
			case *ssa.Store:
				if *op != instr.Val || isLocal(instr.Addr) {
					continue
				}
				if f := model.FieldOf(instr.Addr); f != nil && !c.m.FieldCalled(f, stoppers) {
					keptIn, keptAt = f, instr.Addr // the duty goes where nothing takes it up
					continue
				}
				handOff()
			case *ssa.MakeClosure:
				if m := boundMethod(instr); m != nil && contains(stoppers, m.Name()) && !escapes(instr) {
					// A stopper's method value, deferred, started or
					// registered with t.Cleanup: t.Cleanup(x.Close).
					for _, r := range model.Refs(instr) {
						call, ok := r.(ssa.CallInstruction)
						if !ok {
							continue
						}
						site := siteIn(fn, call)
						if site == nil {
							continue
						}
						if model.Dominates(site, start) {
							return
						}
						costs.AddInstr(site, model.Never)
						stops++
					}
					continue
				}
				if escapes(instr) {
					handOff() // a closure that keeps it goes elsewhere
				}
			case *ssa.UnOp, *ssa.FieldAddr, *ssa.DebugRef:
			case ssa.CallInstruction:
				common := instr.Common()
				m := model.Callee(common)
				if common.IsInvoke() || m == nil || m.Signature().Recv() == nil || len(common.Args) == 0 || common.Args[0] != *op {
					handOff()
					continue
				}
				if contains(stoppers, m.Name()) {
					site := siteIn(fn, instr)
					if site == nil {
						continue
					}
					if model.Dominates(site, start) {
						return // deferred, or stopped before it starts (a closed worker ignores work)
					}
					costs.AddInstr(site, model.Never)
					stops++
				}
			default:
				handOff()
			}
		}
	}
	if handedOn {
		return
	}
	if call, ok := start.(*ssa.Call); ok {
		model.PriceFailure(call, &costs) // a Start that failed started nothing
	}
	p := model.CheapestReturn(start, &costs)
	if p == nil {
		return
	}
	cur, call, ok := c.m.CallSyntax(start)
	if !ok {
		return
	}
	var name, starts string
	if method.Signature().Recv() != nil {
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok {
			return
		}
		name = types.ExprString(sel.X)
		starts = name + "." + method.Name()
		if _, ok := start.(*ssa.Go); ok {
			starts = "go " + starts + "()"
		}
	} else {
		name = c.m.VarName(value)
		if name == "" && keptIn == nil {
			return
		}
		starts = types.ExprString(call.Fun)
		if _, ok := start.(*ssa.Go); ok && fn.Object() == method {
			starts = model.FuncLabel(fn) // the constructor, on a way it does not return name
		}
	}
	stopper := name + "." + stoppers[0]
	d := analysis.Diagnostic{
		Pos: call.Pos(), End: call.End(),
		Message: fmt.Sprintf("%s starts a goroutine that only %s ends, but %s %s without calling it",
			starts, stopper, model.FuncLabel(fn), c.m.ReturnsAt(call.Pos(), p)),
		Related: []analysis.RelatedInformation{c.m.Returns(p)},
	}
	if keptIn != nil {
		owned, end := c.m.FieldOwnerEnd(fn, keptAt)
		if owned && end == nil && !strict {
			return // kept for the life of a value that has no end itself
		}
		names := strings.Join(stoppers, " or ")
		d.Message = fmt.Sprintf("%s starts a goroutine that only its %s ends, but %s keeps it in field %s, on which nothing in the package calls %s",
			starts, names, model.FuncLabel(fn), keptIn.Name(), names)
		if end != nil {
			d.Message += ", not even " + model.FuncName(end)
			if end.Pos().IsValid() {
				d.Related = append(d.Related, model.Related(end.Pos(), model.FuncName(end)+" does not stop it"))
			}
		}
	}
	// No fix for a constructor: its stop would go after the check of its
	// error, which the fix cannot place in general. Nor for a value handed
	// on on some path: its new owner stops it, and a deferred stop would
	// stop it under them.
	if f, ok := c.deferStopFix(cur, fn, recv, method, stoppers, stops); ok && method.Signature().Recv() != nil && keptIn == nil && !handedSomewhere {
		d.SuggestedFixes = []analysis.SuggestedFix{f}
	}
	c.r.Report(d)
}

// storedBefore returns the one store into field, in start's function,
// that comes before start on every path: what start's receiver, loaded
// from field, is. Nil if the function stores there more than once, or
// not before start.
func (c *checker) storedBefore(start ssa.Instruction, field model.Access) *ssa.Store {
	var found *ssa.Store
	for _, instr := range model.Instrs(start.Parent()) {
		if st, ok := instr.(*ssa.Store); ok && c.m.AccessOf(st.Addr).Same(field) {
			if found != nil {
				return nil
			}
			found = st
		}
	}
	if found == nil || !model.Dominates(found, start) {
		return nil
	}
	return found
}

// streamCloses returns the sites in fn (see siteIn) of the calls that close
// a connection or stream handed to start (see closesStream): closing the
// connection that what start starts reads from ends it as its stopper
// would, as closing a connection ends its reader (quic.Listen(conn) with
// defer conn.Close()).
func (c *checker) streamCloses(fn *ssa.Function, start ssa.CallInstruction) []ssa.Instruction {
	args := start.Common().Args
	if start.Common().Signature().Recv() != nil && len(args) > 0 {
		args = args[1:]
	}
	var sites []ssa.Instruction
	for _, a := range args {
		if mi, ok := a.(*ssa.MakeInterface); ok {
			a = mi.X
		}
		if !c.closesStream(a.Type(), 0) {
			continue
		}
		conn := c.m.AccessOf(a)
		for _, instr := range model.Instrs(fn) {
			call, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue
			}
			common := call.Common()
			m := model.Callee(common)
			if m == nil || m.Name() != "Close" || m.Signature().Recv() == nil || !closesAll(c.m.AccessOf(model.CallArgs(common)[0]), conn) {
				continue
			}
			if site := siteIn(fn, call); site != nil {
				sites = append(sites, site)
			}
		}
	}
	return sites
}

// closesAll reports whether a Close on what recv reads closes conn: recv
// is conn, or a field it embeds (whose Close a *net.UDPConn promotes).
func closesAll(recv, conn model.Access) bool {
	if !recv.Within(conn) {
		return false
	}
	for _, f := range recv.Fields[len(conn.Fields):] {
		if !f.Embedded() {
			return false
		}
	}
	return true
}

// passedTo returns the call that a conversion of a value to an interface
// (or another type) is made for, when that is all it is used for; else
// instr itself.
func passedTo(instr ssa.Instruction) ssa.Instruction {
	switch instr := instr.(type) {
	case *ssa.MakeInterface, *ssa.ChangeType, *ssa.ChangeInterface:
		refs := *instr.(ssa.Value).Referrers()
		if len(refs) == 1 {
			if call, ok := refs[0].(ssa.CallInstruction); ok {
				return call
			}
		}
	}
	return instr
}

// escapes reports whether the closure mc makes goes anywhere but a call,
// a defer, a go statement or a registration with t.Cleanup.
func escapes(mc *ssa.MakeClosure) bool {
	for _, r := range model.Refs(mc) {
		switch r := r.(type) {
		case *ssa.DebugRef:
		case ssa.CallInstruction:
			if r.Common().Value != mc && !model.IsCleanup(r.Common()) {
				return true
			}
		default:
			return true
		}
	}
	return false
}

// boundMethod returns the method of mc, a method value (x.Close), or nil.
func boundMethod(mc *ssa.MakeClosure) *types.Func { return model.BoundMethod(mc.Fn) }

// siteIn returns the instruction of fn through which instr, of fn or of a
// function literal in it, runs: instr itself, or the call, defer, go
// statement or t.Cleanup registration of the literal; nil if the literal
// goes elsewhere.
func siteIn(fn *ssa.Function, instr ssa.Instruction) ssa.Instruction {
	for instr.Parent() != fn {
		lit := instr.Parent()
		if lit.Parent() == nil {
			return nil
		}
		var site ssa.Instruction
		for _, b := range lit.Parent().Blocks {
			for _, x := range b.Instrs {
				mc, ok := x.(*ssa.MakeClosure)
				if !ok || mc.Fn != lit {
					continue
				}
				for _, r := range model.Refs(mc) {
					if call, ok := r.(ssa.CallInstruction); ok {
						site = call
					}
				}
			}
		}
		if site == nil {
			return nil
		}
		instr = site
	}
	return instr
}

// starterType returns the type a constructor makes: the named type of its
// first result.
func starterType(fn *types.Func) types.Type {
	res := fn.Signature().Results()
	if res.Len() == 0 {
		return nil
	}
	t := res.At(0).Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	if _, ok := t.(*types.Named); ok {
		return t
	}
	return nil
}

func deref(t types.Type) types.Type {
	if p, ok := t.(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}

// isLocal reports whether addr is a local variable's cell.
func isLocal(addr ssa.Value) bool {
	a, ok := addr.(*ssa.Alloc)
	return ok && !strings.HasPrefix(a.Comment, "complit") && a.Comment != ""
}

func contains(names []string, name string) bool {
	for _, n := range names {
		if n == name {
			return true
		}
	}
	return false
}

// skippedStop reports goroutine s when a method that stops it returns
// without doing so on the failure of a call it makes first: the caller
// has called the stopper and will not call it again.
func (c *checker) skippedStop(s *model.Spawn) {
	if c.m.InTest(s.Start) || c.processLifetime(s) {
		return
	}
	sk := c.m.SkippedStop(s)
	if sk == nil {
		return
	}
	failed := "a call"
	if _, call, ok := c.m.CallSyntax(sk.Failed); ok {
		failed = types.ExprString(call.Fun)
	}
	stopper := model.FuncLabel(sk.Stopper)
	c.report(s, analysis.Diagnostic{
		Message: fmt.Sprintf("goroutine runs until %s stops it, but %s %s without doing so when %s fails (line %d); stop it on that way too", stopper, stopper, c.m.ReturnsAt(s.Pos(), sk.Path), failed, c.m.Line(sk.Failed.Pos())),
		Related: []analysis.RelatedInformation{
			model.Related(sk.Failed.Pos(), failed+" fails here"),
			c.m.Returns(sk.Path),
		},
	})
}
