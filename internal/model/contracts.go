package model

import (
	"cmp"
	"go/token"
	"go/types"
	"maps"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// StoppedBy returns, for a method that starts a goroutine which runs until
// another method of its type signals it (a Start whose loop waits on a
// stop channel that Stop closes), the names of those other methods; nil
// for other functions. Methods of other packages are known through their
// Summary facts, and only their exported stoppers count: one that only
// unexported methods stop is stopped by its package itself (a manager
// that closes its listeners' channels when its services end), not by a
// call its users owe.
func (m *Model) StoppedBy(fn *types.Func) []string {
	if names, ok := m.stoppedBy[fn]; ok {
		return names
	}
	var s Summary
	if fn.Pkg() != m.Pass.Pkg && m.Pass.ImportObjectFact(fn, &s) {
		var names []string
		for _, n := range s.StoppedBy {
			if token.IsExported(n) {
				names = append(names, n)
			}
		}
		return names
	}
	return nil
}

// findContracts fills m.stoppedBy: for each go statement in a method, if
// the goroutine cannot return without receiving from a channel field of
// the method's receiver, and other methods of the package close or send on
// that field, the method is stopped by those. It fills m.runsUntil the
// same way for the methods started as goroutines of their own (see
// RunsUntil).
func (m *Model) findContracts() {
	m.stoppedBy = make(map[*types.Func][]string)
	m.runsUntil = make(map[*types.Func][]string)
	for _, s := range m.Spawns {
		method := outermost(s.Parent)
		if obj := funcObject(method); obj != nil && obj.Signature().Recv() != nil {
			if stoppers := m.stopsOf(s, method, obj); len(stoppers) > 0 {
				m.stoppedBy[obj] = stoppers
			}
		}
		// go x.Run(): a method that runs until another method of its
		// receiver signals it, started by code outside its type.
		if s.Go == nil || s.Body == nil || s.Body.Parent() != nil {
			continue
		}
		if body := funcObject(s.Body); body != nil && body.Signature().Recv() != nil && !SameReceiver(method, body) {
			if stoppers := m.stopsOf(s, s.Body, body); len(stoppers) > 0 {
				m.runsUntil[body] = stoppers
			}
		}
	}
	m.lifecycles()
	for obj := range m.returnsStop {
		delete(m.stoppedBy, obj) // it hands back its stop (see lifecycles)
	}
	m.inheritContracts()
}

// ConstructorStarts returns, for a constructor in StoppedBy (a function
// that makes a value and starts a goroutine only the value's methods
// stop), where it starts such goroutines: its go statements, and its
// calls of the functions that start one (a helper handed the value's stop
// channel). Where it fails after one of them and does not hand the value
// back, nobody can stop it.
func (m *Model) ConstructorStarts(fn *types.Func) []ssa.Instruction { return m.ctorStarts[fn] }

// ConstructorStops returns the operations by which constructor fn stops
// the goroutines it starts itself (close(s.shutdownCh) before it returns
// an error), as the stopping methods would.
func (m *Model) ConstructorStops(fn *types.Func) []ssa.Instruction { return m.ctorStops[fn] }

// RunsUntil returns, for a method that runs until another method of its
// type signals it (a Run whose loop waits on a stop channel that Close
// closes), when the package starts it as a goroutine of its own (go
// w.Run()), the names of those other methods; nil for other functions.
func (m *Model) RunsUntil(fn *types.Func) []string { return m.runsUntil[fn] }

// stopsOf returns the methods of obj's type, other than method, that stop
// goroutine s: s cannot return without receiving from a channel field of
// the receiver, and they close or send on that field. Method is the one
// whose call starts s: the one that makes the go statement, or s's body
// itself when s is a method started on its own.
func (m *Model) stopsOf(s *Spawn, method *ssa.Function, obj *types.Func) []string {
	if s.Body == nil || s.Body.Blocks == nil {
		return nil
	}
	runs := m.Runs(s)
	var waits []*FieldUse
	for fn := range runs {
		for _, u := range m.FieldUsesIn(fn) {
			if (u.Op == Recv || u.Op == Range) && receiverField(obj, u.Field) {
				waits = append(waits, u)
			}
		}
	}
	if len(waits) == 0 {
		return nil
	}
	var costs Costs
	for _, u := range waits {
		u.cost(&costs, Never)
	}
	if EntryReturn(s.Body, &costs) != nil {
		return nil // it can end on its own
	}
	// The stop signals are the waits after which the goroutine can
	// return: a path to a return passes them and no other wait.
	var stoppers []string
	for _, w := range waits {
		var others Costs
		for _, u := range waits {
			if u != w {
				u.cost(&others, Never)
			}
		}
		if EntryReturn(s.Body, &others) == nil || tokenField(m, w.Field, runs, method) {
			continue // a wait for work, not for the end
		}
		for _, u := range m.FieldUses(w.Field) {
			fn := outermost(u.Instr.Parent())
			signals := u.Op == Close || u.Op == Send && w.Op == Recv // a range ends only on close
			if signals && !runs[u.Instr.Parent()] && fn != method && SameReceiver(fn, obj) && !slices.Contains(stoppers, fn.Name()) && !m.startedOnlyBy(fn, m.Up(method)) && !m.runsItself(method, fn) {
				stoppers = append(stoppers, fn.Name())
			}
		}
	}
	slices.Sort(stoppers)
	return stoppers
}

// inheritContracts extends m.stoppedBy to the methods that start their
// receiver's goroutine by calling one of its starting methods (a Start or
// Done calling a lazy init): they are stopped by the same methods, unless
// they are one of those or call one themselves.
func (m *Model) inheritContracts() {
	for changed := len(m.stoppedBy) > 0; changed; {
		changed = false
		for _, fn := range m.Funcs {
			obj := funcObject(fn)
			if obj == nil || obj.Signature().Recv() == nil || m.stoppedBy[obj] != nil {
				continue
			}
			var called []*types.Func // methods fn calls on its receiver
			for _, instr := range Instrs(fn) {
				if call, ok := instr.(ssa.CallInstruction); ok && !call.Common().IsInvoke() && len(call.Common().Args) > 0 {
					if callee := Callee(call.Common()); callee != nil && m.isReceiver(fn, call.Common().Args[0]) {
						called = append(called, callee)
					}
				}
			}
			var stoppers []string
			for _, callee := range called {
				if stoppers = m.stoppedBy[callee]; stoppers != nil {
					break
				}
			}
			stops := slices.Contains(stoppers, obj.Name())
			for _, callee := range called {
				stops = stops || slices.Contains(stoppers, callee.Name())
			}
			if stoppers != nil && !stops {
				m.stoppedBy[obj] = stoppers
				changed = true
			}
		}
	}
}

// isReceiver reports whether v is the receiver of the method fn, directly
// or through the cell of a closure that captures it.
func (m *Model) isReceiver(fn *ssa.Function, v ssa.Value) bool {
	a := m.AccessOf(v)
	if len(a.Fields) > 0 || len(fn.Params) == 0 {
		return false
	}
	if cell, ok := a.Root.(*ssa.Alloc); ok {
		return HeldParameter(cell) == fn.Params[0]
	}
	return a.Root == fn.Params[0]
}

// HeldParameter returns the parameter that cell holds, when go/ssa keeps
// a parameter in a cell because a closure captures it: the builder stores
// it there on entry, and it is the only value ever stored there.
func HeldParameter(cell *ssa.Alloc) *ssa.Parameter {
	var param *ssa.Parameter
	for _, r := range Refs(cell) {
		if st, ok := r.(*ssa.Store); ok && st.Addr == cell {
			p, ok := st.Val.(*ssa.Parameter)
			if !ok || param != nil || p.Parent() != cell.Parent() {
				return nil
			}
			param = p
		}
	}
	return param
}

// tokenField reports whether field is passed around like a token rather
// than signalled once: the goroutine or the starting method sends on it
// themselves (a channel of capacity 1 used as a lock).
func tokenField(m *Model, field *types.Var, runs map[*ssa.Function]bool, method *ssa.Function) bool {
	for _, u := range m.FieldUses(field) {
		if u.Op != Send && u.Op != Close {
			continue
		}
		fn := u.Instr.Parent()
		for fn.Parent() != nil && !runs[fn] {
			fn = fn.Parent()
		}
		if runs[u.Instr.Parent()] || fn == method {
			return true
		}
	}
	return false
}

// receiverField reports whether field is a field of method's receiver type.
func receiverField(method *types.Func, field *types.Var) bool {
	st, ok := deref(method.Signature().Recv().Type()).Underlying().(*types.Struct)
	if !ok {
		return false
	}
	for i := 0; i < st.NumFields(); i++ {
		if st.Field(i).Origin() == field.Origin() {
			return true
		}
	}
	return false
}

// SameReceiver reports whether fn is a method of the same type as method.
func SameReceiver(fn *ssa.Function, method *types.Func) bool {
	recv := fn.Signature.Recv()
	return recv != nil && types.Identical(deref(recv.Type()), deref(method.Signature().Recv().Type()))
}

// startedOnlyBy reports whether f runs only as the body of goroutines
// that functions of fns start, themselves or through what they call (go
// s.pump(…) in a helper of Start): calling those starts f too, so f is no
// method of its own that their callers must call.
func (m *Model) startedOnlyBy(f *ssa.Function, fns map[*ssa.Function]bool) bool {
	if m.valued[f] || m.Entry(f) || len(m.Up(f)) != 1 {
		return false
	}
	started := false
	for _, s := range m.Spawns {
		if s.Body == f {
			found := false
			for g := range m.Up(s.Parent) {
				found = found || fns[g]
			}
			if !found {
				return false
			}
			started = true
		}
	}
	return started
}

// runsItself reports whether method runs f itself, in a goroutine it
// starts or by a call: then f is part of the start, not a stop that
// callers of method owe (a walk that starts its scan, which closes the
// channel its other goroutine ranges over).
func (m *Model) runsItself(method, f *ssa.Function) bool {
	for _, s := range m.Spawns {
		if s.Body == f && outermost(s.Parent) == method {
			return true
		}
	}
	return len(m.threads.sites[method][f]) > 0
}

// findSelfStops fills m.selfStops: for each goroutine that only other
// functions' operations stop, which functions start it and which stop it.
func (m *Model) findSelfStops() {
	m.selfStops = make(map[*Spawn]*selfStop)
	// The functions whose calls stop each goroutine: those that run its
	// stop operations, and, for a stop made by another goroutine that is
	// itself waiting to be stopped, those that stop that one.
	stopUps := make(map[*Spawn]map[*ssa.Function]bool)
	stopOps := make(map[*Spawn][]*Operation)
	for _, s := range m.Spawns {
		if s.Go != nil && s.Body != nil && s.Body.Blocks != nil {
			if ops := m.stopOps(s); len(ops) > 0 {
				stopOps[s] = ops
				var fns []*ssa.Function
				for _, o := range ops {
					fns = append(fns, o.Fn())
				}
				stopUps[s] = m.Up(fns...)
			}
		}
	}
	// Their operations stop it too: a Run that defers the cancel which
	// ends the goroutines that close what this one waits on.
	for changed := true; changed; {
		changed = false
		for s, up := range stopUps {
			for _, other := range m.Goroutines(up) {
				if other == s {
					continue
				}
				for f := range stopUps[other] {
					if !up[f] {
						up[f] = true
						changed = true
					}
				}
				for _, o := range stopOps[other] {
					if !slices.Contains(stopOps[s], o) {
						stopOps[s] = append(stopOps[s], o)
						changed = true
					}
				}
			}
		}
	}
	for s, stopUp := range stopUps {
		m.selfStops[s] = &selfStop{m: m, s: s, ops: stopOps[s], startUp: m.Up(s.Parent), stopUp: stopUp, memo: make(map[*ssa.Function]int8), assumed: make(map[*ssa.Function]bool)}
	}
}

// leftRunning returns the functions that start goroutine s and can
// return with it running: its spawner and their callers, less those
// that stop it on every way out that does not fail (see selfStop.stops).
func (m *Model) leftRunning(s *Spawn) map[*ssa.Function]bool {
	ss := m.selfStops[s]
	if ss == nil {
		return m.Up(s.Parent)
	}
	running := make(map[*ssa.Function]bool)
	for f := range ss.startUp {
		if !ss.stops(f) {
			running[f] = true
		}
	}
	return running
}

// lifecycles adds to m.stoppedBy what the class analysis finds: a
// goroutine that can only return once another goroutine, or a function it
// does not run, releases what it waits on (closes a field channel, calls a
// context's cancel function, signals a Cond) is stopped by the methods of
// its starter's type that do so; a starter that returns a function doing
// so (a cancel function, a listener's remove function) is not: its
// callers stop it with that result (m.returnsStop).
func (m *Model) lifecycles() {
	m.returnsStop = make(map[*types.Func]*StopResult)
	m.ctorStarts = make(map[*types.Func][]ssa.Instruction)
	m.ctorStops = make(map[*types.Func][]ssa.Instruction)
	for _, s := range m.Spawns {
		ss := m.selfStops[s]
		if ss == nil {
			continue
		}
		stopUp, startUp := ss.stopUp, ss.startUp
		down := m.Runs(s)
		for starter := range startUp {
			if starter.Parent() != nil || ss.stops(starter) {
				continue
			}
			obj := funcObject(starter)
			if obj == nil {
				continue
			}
			if i, stop := m.stopResult(starter, stopUp); stop != nil {
				// It hands back the function that stops what it starts:
				// its callers stop it with that, not with the type's methods.
				if m.returnsStop[obj] == nil {
					m.returnsStop[obj] = &StopResult{Index: i, Spawn: s, Stop: stop}
				}
				continue
			}
			owner := starterType(starter)
			var names []string
			for f := range stopUp {
				if f == starter || down[f] || startUp[f] && !ss.stops(f) || f.Parent() != nil || f.Signature.Recv() == nil || owner == nil || m.startedOnlyBy(f, startUp) || m.runsItself(starter, f) {
					continue
				}
				if types.Identical(deref(f.Signature.Recv().Type()), owner) && !slices.Contains(names, f.Name()) {
					names = append(names, f.Name())
				}
			}
			for _, n := range names {
				if !slices.Contains(m.stoppedBy[obj], n) {
					m.stoppedBy[obj] = append(m.stoppedBy[obj], n)
				}
			}
			slices.Sort(m.stoppedBy[obj])
			if len(names) > 0 && starter.Signature.Recv() == nil {
				// A constructor: where it starts the goroutine.
				sites := []ssa.Instruction{s.Start}
				if s.Parent != starter {
					sites = m.Sites(starter, startUp)
				}
				for _, site := range sites {
					if !slices.Contains(m.ctorStarts[obj], site) {
						m.ctorStarts[obj] = append(m.ctorStarts[obj], site)
					}
				}
				for _, o := range ss.ops {
					if within(o.Fn(), starter) && !slices.Contains(m.ctorStops[obj], o.Instr) {
						m.ctorStops[obj] = append(m.ctorStops[obj], o.Instr)
					}
				}
			}
		}
	}
}

// selfStop tells, for one goroutine, which of the functions that start it
// also stop it before they return: its spawner that closes the channel the
// goroutine ranges over and waits for it, or a Serve that starts a worker
// pool and stops it on every way out. Their callers' calls start and end
// the goroutine, which is no lifecycle of their type.
type selfStop struct {
	m       *Model
	s       *Spawn
	ops     []*Operation
	startUp map[*ssa.Function]bool // the functions that start s
	stopUp  map[*ssa.Function]bool // the functions that run its stop operations
	memo    map[*ssa.Function]int8 // 1: in progress, 2: stops it, 3: does not
	// judged lists the functions memo holds a verdict for, in the order
	// they got it, and assumed the functions in progress that a call in a
	// cycle took to stop it (see stops).
	judged  []*ssa.Function
	assumed map[*ssa.Function]bool
}

// stops reports whether every call of f that starts the goroutine ends it
// before f returns: every path from where f starts it (its go statement,
// or a call of a function that starts it and does not stop it) passes an
// operation that stops it or a call of a function that only stops it, or
// comes after such a call deferred.
//
// Functions that call each other (insert a chain, which inserts a side
// chain, which inserts its ancestors) are judged together: a call back into
// a function still being judged is taken to stop what it starts, so that
// the cycle starts only what its members start elsewhere. If that function
// turns out not to stop it, the verdicts given meanwhile are dropped, to
// be judged again knowing that.
func (ss *selfStop) stops(f *ssa.Function) bool {
	switch ss.memo[f] {
	case 1:
		ss.assumed[f] = true
		return true
	case 2:
		return true
	case 3:
		return false
	}
	ss.memo[f] = 1
	since := len(ss.judged)
	var starts []ssa.Instruction
	if f == ss.s.Parent {
		starts = append(starts, ss.s.Go)
	}
	var costs Costs
	var deferred []ssa.Instruction
	stop := func(instr ssa.Instruction) {
		if _, ok := instr.(*ssa.Defer); ok {
			deferred = append(deferred, instr)
		}
		costs.AddInstr(instr, Never)
	}
	for _, o := range ss.ops {
		if o.Fn() == f {
			stop(o.Instr)
		}
	}
	for _, instr := range Instrs(f) {
		switch instr := instr.(type) {
		case *ssa.Call:
			if ss.registersStop(instr) {
				deferred = append(deferred, instr) // runs when the test ends
				costs.AddInstr(instr, Never)
			}
		case *ssa.Return:
			if FailureReturn(instr) {
				// A call that fails may leave its goroutine to its own
				// finding; its callers judge the calls that succeed (a
				// Close that stops the writer it starts, unless writing
				// its header failed).
				costs.AddInstr(instr, Never)
			}
		}
	}
	for g, instrs := range ss.m.threads.sites[f] {
		switch {
		case g == f:
		case ss.startUp[g]:
			if !ss.stops(g) {
				starts = append(starts, instrs...)
			}
		case ss.stopUp[g]:
			for _, instr := range instrs {
				stop(instr)
			}
		}
	}
	ok := len(costs.Instrs) > 0 || len(starts) == 0
	for _, start := range starts {
		if !slices.ContainsFunc(deferred, func(d ssa.Instruction) bool { return Dominates(d, start) }) && CheapestReturn(start, &costs) != nil {
			ok = false
		}
	}
	if !ok && ss.assumed[f] {
		for _, g := range ss.judged[since:] {
			delete(ss.memo, g) // judged on the assumption that f stops it
		}
		ss.judged = ss.judged[:since]
	}
	delete(ss.assumed, f)
	ss.memo[f] = 3
	if ok {
		ss.memo[f] = 2
	}
	ss.judged = append(ss.judged, f)
	return ok
}

// registersStop reports whether call registers with t.Cleanup a function
// that stops the goroutine: a closure that does, or a method value of a
// stopping method (t.Cleanup(s.Close)).
func (ss *selfStop) registersStop(call *ssa.Call) bool {
	if !IsCleanup(&call.Call) {
		return false
	}
	for _, a := range call.Call.Args {
		if mc, ok := a.(*ssa.MakeClosure); ok && ss.stopUp[funcOfValue(ss.m, mc)] {
			return true
		}
	}
	return false
}

// IsCleanup reports whether call registers a function with t.Cleanup (of
// a *testing.T, B or F, or a testing.TB).
func IsCleanup(call *ssa.CallCommon) bool {
	fn := Callee(call)
	return fn != nil && fn.Name() == "Cleanup" && fn.Pkg() != nil && fn.Pkg().Path() == "testing"
}

// starterType returns the type whose lifetime a starting function's
// goroutine belongs to: its receiver's, or for a constructor the named
// type it returns first.
func starterType(fn *ssa.Function) types.Type {
	if recv := fn.Signature.Recv(); recv != nil {
		return deref(recv.Type())
	}
	if res := fn.Signature.Results(); res.Len() > 0 {
		if named, ok := deref(res.At(0).Type()).(*types.Named); ok {
			if _, ok := named.Underlying().(*types.Struct); ok {
				return named
			}
		}
	}
	return nil
}

// funcOfValue returns the function that v, a function value, runs: a
// closure's, a function's, or a bound method's (not its wrapper); or nil.
func funcOfValue(m *Model, v ssa.Value) *ssa.Function {
	var f *ssa.Function
	switch v := v.(type) {
	case *ssa.MakeClosure:
		f = v.Fn.(*ssa.Function)
	case *ssa.Function:
		f = v
	case *ssa.ChangeType:
		if mc, ok := v.X.(*ssa.MakeClosure); ok {
			f = mc.Fn.(*ssa.Function)
		}
	}
	if f != nil && f.Synthetic != "" {
		if obj, ok := f.Object().(*types.Func); ok {
			f = m.pkg.Prog.FuncValue(obj)
		}
	}
	return f
}

// A StopResult is the result of a function that starts a goroutine and
// hands back the function that stops it, as context.WithCancel hands back
// its cancel: its callers must call that.
type StopResult struct {
	Index int           // which result
	Spawn *Spawn        // the goroutine it stops
	Stop  *ssa.Function // the function that result runs
}

// ReturnsStop returns, for a function of the package that starts a
// goroutine and returns a function that stops it, which result that is:
// one the lifecycle analysis found (the goroutine's only way out), or a
// function that releases what the goroutine waits on (closes a channel it
// receives from, as a joined context's cancel closes its done channel).
func (m *Model) ReturnsStop(obj *types.Func) *StopResult {
	if sr := m.returnsStop[obj]; sr != nil {
		return sr
	}
	fn := m.pkg.Prog.FuncValue(obj)
	if fn == nil || fn.Pkg != m.pkg {
		return nil
	}
	for _, s := range m.Spawns {
		if s.Go == nil || s.Body == nil || outermost(s.Parent) != fn {
			continue
		}
		if i, stop := m.resultReleasing(fn, s.Body); stop != nil {
			return &StopResult{Index: i, Spawn: s, Stop: stop}
		}
	}
	return nil
}

// resultReleasing returns the index of a result of fn that is a function
// value releasing a receive of body (closing or sending on its channel,
// itself or in what it runs: once.Do(func() { close(c.stop) })), and that
// function; nil if none is.
func (m *Model) resultReleasing(fn, body *ssa.Function) (int, *ssa.Function) {
	for _, b := range fn.Blocks {
		ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		if !ok {
			continue
		}
		for i, r := range ret.Results {
			g := funcOfValue(m, r)
			if g == nil || g == body {
				continue
			}
			for h := range runsInline(g, m.pkg) {
				for _, o := range m.OpsIn(h) {
					if o.Op != Close && o.Op != Send {
						continue
					}
					if slices.ContainsFunc(m.OpsIn(body), func(w *Operation) bool { return w.Op == Recv && w.Class == o.Class }) {
						return i, g
					}
				}
			}
		}
	}
	return -1, nil
}

// StoppedOtherwise reports whether caller, which drops the stop function
// sr names, releases the goroutine another way: it runs, itself or in what
// it calls, an operation that releases what the goroutine waits on, other
// than what the stop function does (a notifier's Stop that closes every
// listener's channel).
func (m *Model) StoppedOtherwise(sr *StopResult, caller *ssa.Function) bool {
	if sr.Spawn.Body == nil {
		return false
	}
	stop := runsInline(sr.Stop, m.pkg)
	for h := range m.Runs(sr.Spawn) {
		for _, w := range m.OpsIn(h) {
			if w.Op != Recv && w.Op != Range {
				continue
			}
			partners, _ := m.Partners(w)
			for _, p := range partners {
				if Releases(p, w) && !stop[p.Fn()] && m.Up(p.Fn())[caller] {
					return true
				}
			}
		}
	}
	return false
}

// stopResult returns the index of a result of fn that is a function value
// that runs one of the functions of stopUp when called, and that function;
// nil if none is.
func (m *Model) stopResult(fn *ssa.Function, stopUp map[*ssa.Function]bool) (int, *ssa.Function) {
	for _, b := range fn.Blocks {
		ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		if !ok {
			continue
		}
		for i, r := range ret.Results {
			results := []ssa.Value{r}
			if load, ok := r.(*ssa.UnOp); ok && load.Op == token.MUL {
				// A function with defers returns what it stored in its
				// result's cell.
				if cell, ok := load.X.(*ssa.Alloc); ok {
					for _, ref := range Refs(cell) {
						if st, ok := ref.(*ssa.Store); ok && st.Addr == cell {
							results = append(results, st.Val)
						}
					}
				}
			}
			for _, r := range results {
				if f := funcOfValue(m, r); f != nil && stopUp[f] {
					return i, f
				}
			}
		}
	}
	return -1, nil
}

// stopOps returns the operations, made where goroutine s does not run,
// that s waits for before it can return: every path of its body to a
// return passes a receive (or range, or Cond.Wait) that only they release.
// Nil if s can return on its own, or waits on something the package does
// not see.
func (m *Model) stopOps(s *Spawn) []*Operation {
	down := m.Runs(s)
	body := s.Body
	costs := &Costs{}
	var gates []*Operation
	for _, o := range m.OpsIn(body) {
		if o.Op != Recv && o.Op != Range && !(o.Op == Wait && o.Class.Kind == Cond) {
			continue
		}
		partners, outside := m.Partners(o)
		if ctx := o.Class.DoneOf; ctx != nil {
			partners, outside = m.cancellers(ctx, true)
		}
		if outside || len(partners) == 0 {
			continue
		}
		if slices.ContainsFunc(partners, func(p *Operation) bool { return down[p.Fn()] }) {
			continue // the goroutine releases itself, or counts
		}
		gates = append(gates, o)
		if o.Op == Range {
			if e, ok := RangeEnd(o); ok {
				costs.AddEdge(e, Never)
			}
			continue
		}
		priceOp(costs, o)
	}
	if len(gates) == 0 || EntryReturn(body, costs) != nil {
		return nil
	}
	// The gates after which it can return are its stop signals.
	var stops []*Operation
	for _, g := range gates {
		others := &Costs{}
		for _, o := range gates {
			if o == g {
				continue
			}
			if o.Op == Range {
				if e, ok := RangeEnd(o); ok {
					others.AddEdge(e, Never)
				}
				continue
			}
			priceOp(others, o)
		}
		if EntryReturn(body, others) == nil {
			continue
		}
		partners, _ := m.Partners(g)
		if ctx := g.Class.DoneOf; ctx != nil {
			partners, _ = m.cancellers(ctx, true)
		}
		for _, p := range partners {
			if g.Op == Range && p.Op != Close {
				continue // a range ends only on close
			}
			stops = append(stops, p)
		}
	}
	return stops
}

// A SkippedStop is a way a stopper of a goroutine returns without
// stopping it: a method that stops it on its other ways returns when a
// call it makes first fails (a Close that returns the error of closing
// something else before it closes the shutdown channel). Its callers
// have called the stopper, and nothing calls it again: the goroutine
// runs on.
type SkippedStop struct {
	Stopper *ssa.Function // the method of the starter's type that stops the goroutine
	Failed  *ssa.Call     // the call whose failure it returns on
	Path    *Path         // the way from that failure to a return
}

// SkippedStop returns a SkippedStop for goroutine s, which only other
// functions' operations stop, or nil. The stopper must be a method of
// the type whose method or constructor starts s, other than those that
// start it, and the type's only way to stop s (its other stoppers call
// it); nothing it does before the failed call stops s, and every way on
// from the call's success does.
func (m *Model) SkippedStop(s *Spawn) *SkippedStop {
	ss := m.selfStops[s]
	if ss == nil {
		return nil
	}
	// The type whose method or constructor starts s: its spawner's, or
	// else the first of its starters' (in source order) that has one.
	owner := starterType(outermost(s.Parent))
	if owner == nil {
		starters := slices.Collect(maps.Keys(ss.startUp))
		slices.SortFunc(starters, func(x, y *ssa.Function) int { return cmp.Compare(x.Pos(), y.Pos()) })
		for _, f := range starters {
			if t := starterType(f); t != nil && f.Parent() == nil {
				owner = t
				break
			}
		}
	}
	if owner == nil {
		return nil
	}
	// The type's methods that stop s. One that fails leaves s to the
	// others, unless they all stop it through that one.
	var stoppers []*ssa.Function
	for f := range ss.stopUp {
		if f.Parent() == nil && f.Signature.Recv() != nil && !ss.startUp[f] && types.Identical(deref(f.Signature.Recv().Type()), owner) {
			stoppers = append(stoppers, f)
		}
	}
	var found *SkippedStop
	for _, f := range stoppers {
		up := m.Up(f)
		// Another stopper does without f when something calls it, or
		// can, other than through f (a Shutdown besides a Reset; not a
		// helper only f calls).
		without := func(g *ssa.Function) bool {
			for h := range m.Up(g) {
				if !up[h] && (m.Entry(h) || len(m.threads.callers[h]) == 0) {
					return true
				}
			}
			return false
		}
		if slices.ContainsFunc(stoppers, func(g *ssa.Function) bool { return g != f && without(g) }) {
			continue
		}
		// Its stops: the stop operations it makes, and its calls of
		// functions that make them.
		var costs Costs
		var stops []ssa.Instruction
		for _, b := range f.Blocks {
			for _, instr := range b.Instrs {
				stop := slices.ContainsFunc(ss.ops, func(o *Operation) bool { return o.Instr == instr })
				if call, ok := instr.(ssa.CallInstruction); ok && !stop {
					if g := call.Common().StaticCallee(); g != nil && g != f && ss.stopUp[bodyOf(g)] {
						stop = true
					}
				}
				if stop {
					stops = append(stops, instr)
					costs.AddInstr(instr, Never)
				}
			}
		}
		if len(stops) == 0 {
			continue
		}
		for _, b := range f.Blocks {
			for _, instr := range b.Instrs {
				call, ok := instr.(*ssa.Call)
				if !ok || slices.Contains(stops, instr) || slices.ContainsFunc(stops, func(x ssa.Instruction) bool { return Dominates(x, call) }) {
					continue
				}
				for _, e := range failedEdges(call) {
					p := EdgeReturn(e, &costs)
					if p == nil || found != nil && found.Failed.Pos() <= call.Pos() {
						continue
					}
					// The failure skips the stop: had the call
					// succeeded, the stop would come (not a stop a
					// nil test skipped before it).
					if len(e.From.Succs) != 2 {
						continue
					}
					ok := Edge{e.From, e.From.Succs[0]}
					if ok.To == e.To {
						ok.To = e.From.Succs[1]
					}
					if EdgeReturn(ok, &costs) != nil {
						continue
					}
					found = &SkippedStop{Stopper: f, Failed: call, Path: p}
				}
			}
		}
	}
	return found
}

// RunAsGoroutine reports whether fn is handed, as a function value, to
// the function a go statement of the package runs (go wait.Until(p.run,
// time.Second, stop)): whatever that function does with it, fn runs on
// that goroutine, its loop the goroutine's life.
func (m *Model) RunAsGoroutine(fn *ssa.Function) bool {
	for _, s := range m.Spawns {
		if s.Go == nil {
			continue
		}
		for _, arg := range s.Go.Call.Args {
			if funcOfValue(m, arg) == fn {
				return true
			}
		}
	}
	return false
}
