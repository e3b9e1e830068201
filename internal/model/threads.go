package model

import (
	"cmp"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// threads is the package's call structure, as goroutines see it: which
// functions run on the goroutine of their caller, and which start new ones.
type threads struct {
	// callers[g] are the functions that run g on their own goroutine: a
	// call, a deferred call, a call of a closure, or a closure passed to a
	// function that may call it (sort.Slice, an iterator).
	callers map[*ssa.Function][]*ssa.Function
	// sites[f][g] are the instructions of f through which g runs inline.
	sites map[*ssa.Function]map[*ssa.Function][]ssa.Instruction
	// spawns[g] are the goroutines whose body is g: go statements and
	// tasks given to a group's Go.
	spawns map[*ssa.Function][]*Spawn
	// entries are the functions that run on a goroutine the package does
	// not start: exported, used as values, or never called by the package.
	entries map[*ssa.Function]bool
}

func (m *Model) findThreads(fns []*ssa.Function) {
	t := &threads{
		callers: make(map[*ssa.Function][]*ssa.Function),
		sites:   make(map[*ssa.Function]map[*ssa.Function][]ssa.Instruction),
		spawns:  make(map[*ssa.Function][]*Spawn),
		entries: m.entries,
	}
	m.taskSpawns = make(map[ssa.CallInstruction]*Spawn)
	edge := func(f, g *ssa.Function, instr ssa.Instruction) {
		g = bodyOf(g)
		if g == nil || g.Pkg != m.pkg {
			return
		}
		if t.sites[f] == nil {
			t.sites[f] = make(map[*ssa.Function][]ssa.Instruction)
		}
		if len(t.sites[f][g]) == 0 {
			t.callers[g] = append(t.callers[g], f)
		}
		t.sites[f][g] = append(t.sites[f][g], instr)
	}
	for _, s := range m.Spawns {
		if s.Body != nil {
			t.spawns[s.Body] = append(t.spawns[s.Body], s)
		}
	}
	for _, f := range fns {
		for _, b := range f.Blocks {
			for _, instr := range b.Instrs {
				if mc, ok := instr.(*ssa.MakeClosure); ok {
					// A method value (s.loop) is a closure of a wrapper
					// that calls the method: whatever runs the value runs
					// the method.
					if w := mc.Fn.(*ssa.Function); BoundMethod(w) != nil && t.sites[w] == nil {
						for _, wi := range Instrs(w) {
							if wc, ok := wi.(*ssa.Call); ok && wc.Call.StaticCallee() != nil {
								edge(w, wc.Call.StaticCallee(), wc)
							}
						}
					}
				}
				call, ok := instr.(ssa.CallInstruction)
				if !ok {
					continue
				}
				common := call.Common()
				if _, isGo := instr.(*ssa.Go); !isGo {
					switch v := common.Value.(type) {
					case *ssa.Function:
						edge(f, v, instr)
					case *ssa.MakeClosure:
						edge(f, v.Fn.(*ssa.Function), instr)
					}
				}
				for i, a := range common.Args {
					var fn *ssa.Function
					switch a := a.(type) {
					case *ssa.MakeClosure:
						fn = a.Fn.(*ssa.Function)
					case *ssa.Function:
						fn = a
					default:
						continue
					}
					switch run := m.helperRuns(common, i); {
					case spawnsArg(common):
						t.spawns[fn] = append(t.spawns[fn], m.taskSpawn(call, fn))
					case run == runsSpawned || run == runsSpawnedMany:
						s := m.helperSpawn(call, a)
						s.InLoop = s.InLoop || run == runsSpawnedMany
						s.Maybe = m.mayNotStart(call, i)
						s.Reports = m.helperSkips(common, i) && !s.Maybe
						if body := bodyOf(fn); body != nil {
							t.spawns[body] = append(t.spawns[body], s)
						}
					case m.callsBack(common, fn):
						edge(f, fn, instr) // a callback, run inline
					}
				}
			}
		}
	}
	m.threads = t
}

// callsBack reports whether a call that takes function fn as an argument
// runs it on the caller's goroutine before returning: a function of the
// package (which the model assumes calls it, if at all, inline), an
// iterator given a range-over-func body, or a function of the standard
// library known to (sort, slices, sync.Once.Do…). Elsewhere fn may run
// later or on another goroutine (time.AfterFunc, http.HandleFunc), and is
// an entry of its own.
func (m *Model) callsBack(call *ssa.CallCommon, fn *ssa.Function) bool {
	if isYield(fn) {
		return true
	}
	if callee := bodyOf(call.StaticCallee()); callee != nil && callee.Pkg == m.pkg {
		return true
	}
	callee := Callee(call)
	if callee == nil || callee.Pkg() == nil {
		return false
	}
	switch callee.Pkg().Path() {
	case "sort", "slices", "maps", "strings", "bytes", "iter", "unicode":
		return true
	}
	return IsFunc(callee, "sync", "Once.Do")
}

// helperParam resolves argument i, a function value, of the function
// call calls: the parameter that gets it when the function is the
// package's, or else, when its Summary says it runs it on a goroutine it
// starts, what the Summary says of it. Both are nil when neither is
// known.
func (m *Model) helperParam(call *ssa.CallCommon, i int) (*ssa.Parameter, *ParamSummary) {
	if i < 0 || call.IsInvoke() {
		return nil, nil
	}
	if callee := bodyOf(call.StaticCallee()); callee != nil && callee.Pkg == m.pkg {
		if i < len(callee.Params) {
			return callee.Params[i], nil
		}
		return nil, nil
	}
	if fn := Callee(call); fn != nil && m.summaries[fn].runsSpawned(i) {
		return nil, m.summaries[fn].Param(i)
	}
	return nil, nil
}

// helperRuns tells how the function call calls runs its argument i (see
// helperParam).
func (m *Model) helperRuns(call *ssa.CallCommon, i int) paramRun {
	switch p, s := m.helperParam(call, i); {
	case p != nil:
		return m.runsParam(p)
	case s != nil:
		return runsSpawned
	}
	return runsUnknown
}

// helperSkips reports whether the function call calls may return without
// running its argument i (see helperParam).
func (m *Model) helperSkips(call *ssa.CallCommon, i int) bool {
	switch p, s := m.helperParam(call, i); {
	case p != nil:
		return !m.runsAlways(p)
	case s != nil:
		return s.MaySkip
	}
	return true
}

// reportsStart reports whether call, of a helper that may not run its
// argument i, says by its result whether it did, and the caller reads it:
// a status (ok) it returns one way after starting it and another
// otherwise, or an error it returns only before (see failsBeforeRun).
func (m *Model) reportsStart(call ssa.CallInstruction, i int) bool {
	if resultUnused(call) {
		return false
	}
	switch p, s := m.helperParam(call.Common(), i); {
	case p != nil:
		if c, ok := call.(*ssa.Call); ok && !ReturnsError(c.Call.Signature()) {
			return len(statusEdges(c)) > 0
		}
		return m.failsBeforeRun(p)
	case s != nil:
		return s.FailsFirst
	}
	return false
}

// failsBeforeRun reports whether the function of parameter p, a function
// value it runs, returns an error, and a nil one on every way out after
// it runs it: when it fails, it did not.
func (m *Model) failsBeforeRun(p *ssa.Parameter) bool {
	fn, sites := p.Parent(), m.useOfParam(p).sites
	return ReturnsError(fn.Signature) && len(sites) > 0 && !slices.ContainsFunc(sites, func(site ssa.Instruction) bool { return !failsOnlyAfter(fn, site) })
}

// mayNotStart reports whether call may return without running its
// argument i, a function value, with nothing in its result to tell.
func (m *Model) mayNotStart(call ssa.CallInstruction, i int) bool {
	return m.helperSkips(call.Common(), i) && !m.reportsStart(call, i)
}

// resultUnused reports whether nothing reads the results of call: a
// helper that says whether it started its function (if !start(f) {…}) is
// left to the caller, who may know what the answer means.
func resultUnused(call ssa.CallInstruction) bool {
	v := call.Value()
	if v == nil {
		return true
	}
	return !slices.ContainsFunc(Refs(v), func(r ssa.Instruction) bool {
		_, debug := r.(*ssa.DebugRef)
		return !debug
	})
}

// taskSpawn returns the Spawn of a task given to a group's Go.
func (m *Model) taskSpawn(call ssa.CallInstruction, body *ssa.Function) *Spawn {
	if s, ok := m.taskSpawns[call]; ok {
		return s
	}
	s := &Spawn{Start: call, Parent: call.Parent(), Body: body, InLoop: m.InLoop(call), Task: true}
	m.taskSpawns[call] = s
	return s
}

// Up returns the functions that run one of fns inline, transitively, with
// fns themselves.
func (m *Model) Up(fns ...*ssa.Function) map[*ssa.Function]bool {
	up := make(map[*ssa.Function]bool)
	stack := append([]*ssa.Function(nil), fns...)
	for len(stack) > 0 {
		f := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if up[f] {
			continue
		}
		up[f] = true
		stack = append(stack, m.threads.callers[f]...)
	}
	return up
}

// Goroutines returns the goroutines that can run a function of up (a set
// from Up): those whose body is in it.
func (m *Model) Goroutines(up map[*ssa.Function]bool) []*Spawn {
	var ss []*Spawn
	for f := range up {
		ss = append(ss, m.threads.spawns[f]...)
	}
	sortSpawns(ss)
	return ss
}

// Entry reports whether fn runs on a goroutine the package does not start:
// it is exported, used as a value, or not called by the package.
func (m *Model) Entry(fn *ssa.Function) bool { return m.threads.entries[fn] }

// Sites returns the instructions of f through which a function of up runs
// inline: calls, deferred calls, closures passed on. They come in source
// order, so that what is reported does not depend on a map's order.
func (m *Model) Sites(f *ssa.Function, up map[*ssa.Function]bool) []ssa.Instruction {
	var sites []ssa.Instruction
	for g, instrs := range m.threads.sites[f] {
		if up[g] {
			sites = append(sites, instrs...)
		}
	}
	slices.SortStableFunc(sites, func(x, y ssa.Instruction) int { return cmp.Compare(x.Pos(), y.Pos()) })
	return sites
}

// closureSites returns the instructions that use the closure of function
// literal fn: the go statements and calls it is passed to or run by.
func closureSites(fn *ssa.Function) []ssa.Instruction {
	var sites []ssa.Instruction
	parent := fn.Parent()
	if parent == nil {
		return nil
	}
	for _, b := range parent.Blocks {
		for _, instr := range b.Instrs {
			if mc, ok := instr.(*ssa.MakeClosure); ok && mc.Fn == fn {
				sites = append(sites, *mc.Referrers()...)
			}
		}
	}
	if len(sites) == 0 {
		// A literal that captures nothing is the function itself.
		for _, b := range parent.Blocks {
			for _, instr := range b.Instrs {
				var buf [8]*ssa.Value
				for _, o := range instr.Operands(buf[:0]) {
					if *o == fn {
						sites = append(sites, instr)
					}
				}
			}
		}
	}
	return sites
}
