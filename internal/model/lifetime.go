package model

import (
	"go/types"

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
		if refs := m.valueRefs[fn]; len(refs) > 0 {
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
	callers, refs := m.threads.callers[fn], m.valueRefs[fn]
	for _, s := range m.threads.spawns[fn] {
		callers = append(callers, s.Parent) // started by go
	}
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
	if fn.Parent() != nil || sig.Recv() != nil || sig.Params().Len() > 0 {
		return false
	}
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
	for _, o := range m.OpsIn(fn) {
		if (o.Op == Recv || o.Op == Range) && m.signalled[o.Class] {
			return true
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
// constructor's setup step, a.installSignalHandlers()). Two calls of it
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
			alloc, ok := pathOf(call.Call.Args[0]).root.(*ssa.Alloc)
			if !ok || alloc.Parent() != f || HeldParameter(alloc) != nil {
				return false
			}
		}
	}
	return true
}
