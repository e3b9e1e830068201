package model

import (
	"go/types"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/tools/go/ssa"
)

// ProcessLifetime reports whether fn runs for the life of the process,
// where blocking or looping forever is how a program works: package main
// (a command's own sequence), an init function, a function run by a
// sync.Once, a command a CLI framework runs (see EndsProcess), and what
// only those run. The last is decided by what calls the function, not by
// its name: a command's RunE that a CLI framework (cobra) gets from a
// package variable's initializer runs for the life of the process, and so
// does what it calls.
func (m *Model) ProcessLifetime(fn *ssa.Function) bool {
	return m.lifetime[fn]
}

// findLifetimes computes m.lifetime as a least fixed point: a function
// runs for the life of the process only if it is one of the roots or
// everything that runs it does, so a cycle of calls with no such root
// does not.
func (m *Model) findLifetimes(fns []*ssa.Function) {
	m.lifetime = make(map[*ssa.Function]bool)
	decide := func(fn *ssa.Function) bool { return m.lifetime[fn] }
	for changed := true; changed; {
		changed = false
		for _, fn := range fns {
			if !m.lifetime[fn] && m.processLifetime(fn, decide) {
				m.lifetime[fn] = true
				changed = true
			}
		}
	}
}

func (m *Model) processLifetime(fn *ssa.Function, decide func(*ssa.Function) bool) bool {
	if m.enders[fn] {
		return true // the process ends when it returns (see EndsProcess)
	}
	if fn.Pkg == nil || fn.Pkg.Pkg.Name() == "main" || runByOnce(fn) {
		return fn.Pkg != nil
	}
	if fn.Parent() != nil {
		// A literal runs when its function runs it, or when whoever gets
		// it as a value does.
		if refs := m.program(m.valueRefs[fn]); len(refs) > 0 {
			for _, r := range refs {
				if !decide(r) {
					return false
				}
			}
			return true
		}
		return decide(fn.Parent())
	}
	if fn.Name() == "init" || isInitN(fn) {
		return true
	}
	if obj, ok := fn.Object().(*types.Func); ok && obj.Exported() {
		return false // anyone may call it
	}
	callers, refs := m.program(m.runners(fn)), m.program(m.valueRefs[fn])
	if len(callers) == 0 && len(refs) == 0 {
		return false // its callers are not seen (tests, linkname)
	}
	for _, c := range callers {
		if !decide(c) {
			return false
		}
	}
	for _, r := range refs {
		if !decide(r) {
			return false
		}
	}
	return true
}

// runners returns the functions of the package that call fn or start it
// with go.
func (m *Model) runners(fn *ssa.Function) []*ssa.Function {
	callers := slices.Clone(m.threads.callers[fn])
	for _, s := range m.threads.spawns[fn] {
		callers = append(callers, s.Parent)
	}
	return callers
}

// program returns the functions of fns that are part of the program: not
// declared in a _test.go file. What a function is to the program (how
// long it runs, whether the process ends when it returns) is decided by
// the program's calls of it; a test that calls it as well runs it in
// another program, the test binary.
func (m *Model) program(fns []*ssa.Function) []*ssa.Function {
	return slices.DeleteFunc(slices.Clone(fns), m.inTestFile)
}

// isInitN reports whether fn is an init function, which go/ssa names
// init#1, init#2 and so on.
func isInitN(fn *ssa.Function) bool {
	return fn.Signature.Recv() == nil && len(fn.Name()) > 5 && fn.Name()[:5] == "init#"
}

// runByOnce reports whether fn is passed to sync.Once.Do, sync.OnceFunc,
// sync.OnceValue or sync.OnceValues.
func runByOnce(fn *ssa.Function) bool {
	refs := fn.Referrers()
	if refs == nil {
		return false
	}
	for _, r := range *refs {
		if mc, ok := r.(*ssa.MakeClosure); ok {
			for _, rr := range Refs(mc) {
				if onceCall(rr) {
					return true
				}
			}
		} else if onceCall(r) {
			return true
		}
	}
	return false
}

func onceCall(instr ssa.Instruction) bool {
	call, ok := instr.(ssa.CallInstruction)
	if !ok {
		return false
	}
	fn := Callee(call.Common())
	return IsFunc(fn, "sync", "Once.Do") || IsFunc(fn, "sync", "OnceFunc") ||
		IsFunc(fn, "sync", "OnceValue") || IsFunc(fn, "sync", "OnceValues")
}

// ServesPackage reports whether fn, a function declared at package level,
// has nothing of its callers' to serve: no receiver, no parameters, and no
// results but errors and plain values (numbers, strings, booleans). It
// does the same on every call, so a loop it starts works for the package,
// for the life of the process: a log purger, a metrics ticker, a pool of
// workers on a package queue. Calling it more than once would be the bug,
// and that is at the call.
func ServesPackage(fn *ssa.Function) bool {
	sig := fn.Signature
	return fn.Parent() == nil && sig.Recv() == nil && sig.Params().Len() == 0 && plainResults(sig)
}

// plainResults reports whether sig returns nothing but errors and plain
// values (numbers, strings, booleans).
func plainResults(sig *types.Signature) bool {
	for v := range sig.Results().Variables() {
		if _, plain := v.Type().Underlying().(*types.Basic); !plain && !IsError(v.Type()) {
			return false
		}
	}
	return true
}

// ServesSignals reports whether fn waits for the process's signals: it
// receives from a channel that os/signal.Notify delivers to. A goroutine
// that does serves the process, since a signal can come at any time for as
// long as it runs: it has no reason to end before the process does.
func (m *Model) ServesSignals(fn *ssa.Function) bool {
	return m.servesSignals(fn, make(map[*ssa.Function]bool))
}

// servesSignals also follows fn into the calls where it stops for good: a
// goroutine that calls a function looping over the signals it gets serves
// them too.
func (m *Model) servesSignals(fn *ssa.Function, seen map[*ssa.Function]bool) bool {
	if seen[fn] {
		return false
	}
	seen[fn] = true
	for _, o := range m.OpsIn(fn) {
		if (o.Op == Recv || o.Op == Range) && m.signalled[o.Class] {
			return true
		}
	}
	if e := m.NeverReturns(fn); e != nil {
		for _, b := range e.Blocks {
			if b.Callee != nil && m.servesSignals(b.Callee, seen) {
				return true
			}
		}
	}
	return false
}

// findSignalled computes m.signalled: the classes of the channels passed
// to os/signal.Notify.
func (m *Model) findSignalled() {
	m.signalled = make(map[*Class]bool)
	for _, g := range m.Funcs {
		for _, b := range g.Blocks {
			for _, instr := range b.Instrs {
				if call, ok := instr.(*ssa.Call); ok && IsFunc(Callee(&call.Call), "os/signal", "Notify") {
					if c := m.ClassOf(call.Call.Args[0]); c != nil {
						m.signalled[c] = true
					}
				}
			}
		}
	}
}

// RunsOnFresh reports whether fn, a method, runs only on values its
// callers have just made themselves: nothing outside the package runs it,
// and every call passes as receiver a value its caller allocated (a
// constructor's setup step, a.installSignalHandlers()) or got fresh from
// a constructor (l, err := ReadList(key); l.calculate()). Two calls of it
// on one value cannot overlap, so what it stores before starting a
// goroutine is no other call's to change.
func (m *Model) RunsOnFresh(fn *ssa.Function) bool {
	if fn.Signature.Recv() == nil || m.Entry(fn) {
		return false
	}
	callers := m.threads.callers[fn]
	if len(callers) == 0 {
		return false
	}
	for _, f := range callers {
		for _, site := range m.Sites(f, map[*ssa.Function]bool{fn: true}) {
			call, ok := site.(*ssa.Call)
			if !ok || call.Call.StaticCallee() != fn || len(call.Call.Args) == 0 {
				return false
			}
			if !m.madeBy(f, call.Call.Args[0]) {
				return false
			}
		}
	}
	return true
}

// madeBy reports whether v, a receiver f passes, is a value f has just
// made itself: allocated there, or the fresh result of a call (see
// ReturnsFresh).
func (m *Model) madeBy(f *ssa.Function, v ssa.Value) bool {
	p := pathOf(v)
	switch root := p.root.(type) {
	case *ssa.Alloc:
		return root.Parent() == f && HeldParameter(root) == nil
	case *ssa.Call:
		return p.steps == "" && m.ReturnsFresh(&root.Call)
	case *ssa.Extract:
		call, ok := root.Tuple.(*ssa.Call)
		return ok && root.Index == 0 && p.steps == "" && m.ReturnsFresh(&call.Call)
	}
	return false
}

// OwnerEnd reports what goroutine s works for, by type, and whether that
// has an end. s is owned when its spawner runs once per value it makes or
// serves (see oncePerValue): a constructor, whose owners are the struct
// and interface types it returns, or a method with nothing of its
// callers' to serve (Start, run), whose owner is its receiver's type.
// A goroutine that runs a method of a value the package keeps in a package
// variable, given nothing else (go limiter.bleed()), is owned by that
// value's type: see keptByPackage.
// end is a method of an owner that ends a value's life (Close, Stop,
// Shutdown and the like, taking nothing but a context), or nil when no
// owner has one: the type offers no way to end what it started, so its
// goroutines are meant to run as long as the process holds the value, and
// making values over and over would be the bug, at that call.
func (m *Model) OwnerEnd(s *Spawn) (owned bool, end *types.Func) {
	if s.Go == nil {
		return false, nil
	}
	if t := packageReceiver(&s.Go.Call); t != nil {
		return true, endMethod(t)
	}
	fn := outermost(s.Parent)
	if !m.oncePerValue(fn, map[*ssa.Function]bool{}) {
		return false, nil
	}
	for _, t := range ownerTypes(fn) {
		owned = true
		if end = endMethod(t); end != nil {
			return true, end
		}
	}
	return owned, nil
}

// FieldOwnerEnd is OwnerEnd for a value fn stores into a field at addr (a
// trigger a constructor keeps): owned when fn runs once per value and the
// field is one of a value fn makes or serves; end is that owner's method
// that ends its life, if it has one. With none, nothing was meant to stop
// what the field holds before the process ends, as for OwnerEnd.
func (m *Model) FieldOwnerEnd(fn *ssa.Function, addr ssa.Value) (owned bool, end *types.Func) {
	fa, ok := addr.(*ssa.FieldAddr)
	if !ok {
		return false, nil
	}
	t, ok := types.Unalias(deref(fa.X.Type())).(*types.Named)
	top := outermost(fn)
	if !ok || !slices.ContainsFunc(ownerTypes(top), func(o *types.Named) bool { return o.Obj() == t.Obj() }) || !m.oncePerValue(top, map[*ssa.Function]bool{}) {
		return false, nil
	}
	return true, endMethod(t)
}

// oncePerValue reports whether fn runs once for each value it works for:
// it is a constructor (it returns a struct or interface value), or a
// method whose only inputs are its receiver and a context, which does the
// same on every call; and each of its callers in the package, if any, is
// such a function too, or runs for the life of the process (tests aside).
// A constructor called for each request (newConn in a Serve loop) is not.
func (m *Model) oncePerValue(fn *ssa.Function, seen map[*ssa.Function]bool) bool {
	if fn.Parent() != nil || seen[fn] {
		return false
	}
	seen[fn] = true
	if len(ownerTypes(fn)) == 0 {
		return false
	}
	exported := false
	if obj, ok := fn.Object().(*types.Func); ok {
		exported = obj.Exported()
	}
	callers := m.runners(fn)
	if len(callers) == 0 && !exported {
		return false // its callers are not seen
	}
	for _, c := range callers {
		c = outermost(c)
		if m.isTest(c) || IsTestFile(m.Pass.Fset, c.Pos()) {
			continue // a test makes values of its own, as many as it needs
		}
		if !m.lifetime[c] && !m.keptByPackage(fn, c) && !m.oncePerValue(c, seen) {
			return false
		}
	}
	return true
}

// keptByPackage reports whether every call of fn in caller works for a
// value the package keeps in a package variable: its receiver is reached
// from one (gr.Node.InitAndStartNode()), or its result is stored into one
// (MemLayerInstance = initMemoryLayer(size)). Such a value is the
// package's own, made once and held for the life of the process, however
// much the caller is given.
func (m *Model) keptByPackage(fn, caller *ssa.Function) bool {
	sites := m.Sites(caller, map[*ssa.Function]bool{fn: true})
	for _, site := range sites {
		call, ok := site.(*ssa.Call)
		if !ok || call.Call.StaticCallee() != fn {
			return false
		}
		if fn.Signature.Recv() != nil && len(call.Call.Args) > 0 && isPackageVar(call.Call.Args[0]) {
			continue
		}
		if !storedInPackageVar(call) {
			return false
		}
	}
	return len(sites) > 0
}

// packageReceiver returns the named type of the receiver of call, a static
// method call given nothing but that receiver, when the receiver is a
// value the package keeps in a package variable.
func packageReceiver(call *ssa.CallCommon) *types.Named {
	callee := call.StaticCallee()
	if callee == nil || callee.Signature.Recv() == nil || len(call.Args) != 1 || !isPackageVar(call.Args[0]) {
		return nil
	}
	n, _ := types.Unalias(deref(callee.Signature.Recv().Type())).(*types.Named)
	return n
}

// isPackageVar reports whether v is a package variable, or what one holds
// or leads to through fields and pointers.
func isPackageVar(v ssa.Value) bool {
	_, ok := pathOf(v).root.(*ssa.Global)
	return ok
}

// storedInPackageVar reports whether v, or its first result, is stored
// into a package variable (or a field of what one holds).
func storedInPackageVar(v ssa.Value) bool {
	for _, ref := range Refs(v) {
		switch r := ref.(type) {
		case *ssa.Store:
			if r.Val == v && isPackageVar(r.Addr) {
				return true
			}
		case *ssa.Extract:
			if r.Index == 0 && storedInPackageVar(r) {
				return true
			}
		}
	}
	return false
}

// servesReceiver reports whether method fn takes nothing but its receiver
// and a context, and returns nothing but errors and plain values.
func servesReceiver(fn *ssa.Function) bool {
	for v := range fn.Signature.Params().Variables() {
		if !IsContext(v.Type()) {
			return false
		}
	}
	return plainResults(fn.Signature)
}

// ownerTypes returns the types fn works for: those it returns (see
// producedTypes), and its receiver's when it serves its receiver.
func ownerTypes(fn *ssa.Function) []*types.Named {
	ts := producedTypes(fn)
	if recv := fn.Signature.Recv(); recv != nil && servesReceiver(fn) {
		if n, ok := types.Unalias(deref(recv.Type())).(*types.Named); ok {
			ts = append(ts, n)
		}
	}
	return ts
}

// producedTypes returns the named struct and interface types fn returns,
// error aside: what a constructor makes. The fields of a result of an
// unnamed struct type count too: a dependency injector's constructor
// returns what it makes in one (struct{ cell.Out; *Manager }).
func producedTypes(fn *ssa.Function) []*types.Named {
	var ts []*types.Named
	add := func(t types.Type) {
		n, ok := types.Unalias(deref(t)).(*types.Named)
		if !ok || n.Obj().Pkg() == nil {
			return // error
		}
		switch n.Underlying().(type) {
		case *types.Struct, *types.Interface:
			ts = append(ts, n)
		}
	}
	for v := range fn.Signature.Results().Variables() {
		if st, ok := types.Unalias(v.Type()).(*types.Struct); ok {
			for f := range st.Fields() {
				add(f.Type())
			}
			continue
		}
		add(v.Type())
	}
	return ts
}

// endMethod returns a method of t (of *t for a concrete type) that ends a
// value's life: Close, Stop, Shutdown, Cancel and the like (CloseAll,
// GracefulStop), taking nothing but a context.
func endMethod(t *types.Named) *types.Func {
	var recv types.Type = t
	if !types.IsInterface(t) {
		recv = types.NewPointer(t)
	}
	ms := types.NewMethodSet(recv)
	for i := range ms.Len() {
		f, ok := ms.At(i).Obj().(*types.Func)
		if !ok || !endName(f.Name()) {
			continue
		}
		params := f.Signature().Params()
		if params.Len() == 0 || params.Len() == 1 && IsContext(params.At(0).Type()) {
			return f
		}
	}
	return nil
}

// endName reports whether a method's name says it ends its value's life.
func endName(name string) bool {
	name = strings.ToUpper(name[:1]) + name[1:]
	switch name {
	case "Close", "Stop", "Shutdown", "Cancel", "Terminate", "Destroy", "Dispose", "Release", "Quit", "Kill", "Halt", "Teardown":
		return true
	}
	for _, w := range []string{"Close", "Stop", "Shutdown"} {
		if rest, ok := strings.CutPrefix(name, w); ok && rest != "" && unicode.IsUpper(rune(rest[0])) {
			return true // CloseAll, StopNow
		}
		if strings.HasSuffix(name, w) {
			return true // GracefulStop, ForceClose
		}
	}
	return false
}
