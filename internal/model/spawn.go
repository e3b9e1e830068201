package model

import (
	"cmp"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// A Spawn is a go statement, or a call of a function of another package
// that starts a goroutine using one of its parameters (known through its
// Summary fact: go helper.Produce(ch) and helper.ProduceAsync(ch) start the
// same goroutine).
type Spawn struct {
	Go *ssa.Go // nil for a call
	// Start is the instruction that starts the goroutine: Go, or the call.
	Start  ssa.CallInstruction
	Via    *types.Func   // for a call, the function called
	Parent *ssa.Function // the spawner: the function containing Start
	// Body is the function the goroutine runs when it is known statically
	// (a function, method or literal defined anywhere), else nil.
	Body *ssa.Function
	// InLoop reports whether the statement can run more than once per
	// call of Parent, starting several goroutines.
	InLoop bool
	// Task reports whether Start is a group's Go (or TryGo), which runs
	// Body as a task of the group.
	Task bool
	// Maybe reports whether Start may not start it: a helper that can
	// return without starting the function it was given.
	Maybe bool
	// Reports: a helper that may not start it says by its result whether
	// it did (ok, or an error it returns only before), and the caller reads
	// it; PriceNotStarted prices the ways taken when it did not.
	Reports bool
}

// sortSpawns sorts spawns by position.
func sortSpawns(ss []*Spawn) {
	slices.SortFunc(ss, func(a, b *Spawn) int { return cmp.Compare(a.Pos(), b.Pos()) })
}

// Pos returns the position of the go keyword, or of the call.
func (s *Spawn) Pos() token.Pos { return s.Start.Pos() }

// Who names the goroutine for messages: "goroutine", or "the goroutine
// helper.Produce starts".
func (s *Spawn) Who() string {
	if s.Via != nil {
		return "the goroutine " + s.via() + " starts"
	}
	return "goroutine"
}

// Several names the goroutines s starts in a loop, for messages.
func (s *Spawn) Several() string {
	if s.Via != nil {
		return "the goroutines " + s.via() + " starts"
	}
	return "goroutines started in a loop"
}

// via names the function that starts the goroutine, without the package
// when it is the spawner's own: runAsync, (*pool).start, helper.Produce.
func (s *Spawn) via() string {
	if s.Via.Pkg() != s.Parent.Pkg.Pkg {
		return FuncName(s.Via)
	}
	recv := s.Via.Signature().Recv()
	if recv == nil {
		return s.Via.Name()
	}
	t := types.TypeString(recv.Type(), types.RelativeTo(s.Via.Pkg()))
	if strings.HasPrefix(t, "*") {
		t = "(" + t + ")"
	}
	return t + "." + s.Via.Name()
}

func (m *Model) findSpawns() {
	for _, fn := range m.Funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				g, ok := instr.(*ssa.Go)
				if !ok {
					continue
				}
				s := &Spawn{Go: g, Start: g, Parent: fn, InLoop: m.InLoop(g)}
				switch v := g.Call.Value.(type) {
				case *ssa.Function:
					s.Body = v
				case *ssa.MakeClosure:
					s.Body = v.Fn.(*ssa.Function)
				}
				m.Spawns = append(m.Spawns, s)
				m.spawnsByGo[g] = s
			}
		}
	}
}

// Runs returns the functions of this package that goroutine s runs: its
// body, the literals in it, and what they call statically.
func (m *Model) Runs(s *Spawn) map[*ssa.Function]bool { return runsInline(s.Body, s.Parent.Pkg) }

// runsInline returns the functions of pkg that a call of fn runs on its
// own goroutine: fn, the literals in it, and what they call statically,
// not what they start with go.
func runsInline(fn *ssa.Function, pkg *ssa.Package) map[*ssa.Function]bool {
	runs := make(map[*ssa.Function]bool)
	var visit func(fn *ssa.Function)
	visit = func(fn *ssa.Function) {
		if fn == nil || runs[fn] || fn.Blocks == nil || fn.Pkg != pkg {
			return
		}
		runs[fn] = true
		for _, anon := range fn.AnonFuncs {
			visit(anon)
		}
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if call, ok := instr.(ssa.CallInstruction); ok {
					if _, isGo := instr.(*ssa.Go); !isGo {
						visit(call.Common().StaticCallee())
					}
				}
			}
		}
	}
	visit(fn)
	return runs
}

// callSpawn returns the Spawn of a call that starts a goroutine, made once
// per call instruction.
func (m *Model) callSpawn(call ssa.CallInstruction, fn *types.Func) *Spawn {
	if s, ok := m.callSpawns[call]; ok {
		return s
	}
	s := &Spawn{Start: call, Via: fn, Parent: call.Parent(), InLoop: m.InLoop(call)}
	m.callSpawns[call] = s
	return s
}

// helperKey names a function argument of a call.
type helperKey struct {
	call ssa.CallInstruction
	arg  ssa.Value
}

// helperSpawn returns the Spawn of the goroutine that call starts to run
// its function argument arg (runAsync(func() { … }) where runAsync does go
// f()), made once per call and argument. Its Body is arg's function when
// the argument is a function or literal.
func (m *Model) helperSpawn(call ssa.CallInstruction, arg ssa.Value) *Spawn {
	key := helperKey{call, arg}
	if s, ok := m.helpers[key]; ok {
		return s
	}
	s := &Spawn{Start: call, Via: Callee(call.Common()), Parent: call.Parent(), InLoop: m.InLoop(call)}
	switch a := arg.(type) {
	case *ssa.MakeClosure:
		s.Body = a.Fn.(*ssa.Function)
	case *ssa.Function:
		s.Body = bodyOf(a)
	}
	m.helpers[key] = s
	return s
}

// A paramRun tells how a function runs a parameter that is a function
// value.
type paramRun uint8

const (
	runsUnknown     paramRun = iota // it keeps it, passes it on where the model cannot see, or never runs it
	runsOnCaller                    // it calls it on its caller's goroutine (some ways may start a goroutine)
	runsSpawned                     // it runs it only on a goroutine it starts, once per call
	runsSpawnedMany                 // it runs it only on goroutines it starts, maybe several
)

// A paramUse is what a function does with a parameter of function type.
type paramUse struct {
	run   paramRun
	skips bool              // some way through the function returns without running it
	sites []ssa.Instruction // the instructions of the function through which it runs it
}

// runsAlways reports whether the function of parameter p, a function
// value, runs it on every way through it that returns (see runsParam).
func (m *Model) runsAlways(p *ssa.Parameter) bool { return !m.useOfParam(p).skips }

// runsParam tells how fn, a function of the package, runs its parameter p
// of function type: what a closure passed to it does is the caller's.
func (m *Model) runsParam(p *ssa.Parameter) paramRun { return m.useOfParam(p).run }

// useOfParam follows p, a parameter of function type, through its
// function, once.
func (m *Model) useOfParam(p *ssa.Parameter) *paramUse {
	if u, ok := m.paramUses[p]; ok {
		return u
	}
	m.paramUses[p] = &paramUse{} // while it is being computed: recursion
	t := &tracker{m: m, obj: &Object{}, seen: make(map[trackKey]bool), probe: true}
	ws := t.funcRuns(p, where{}, 0)
	u := &paramUse{}
	// Does every way through the function run it?
	var costs Costs
	for _, w := range ws {
		if !w.maybe {
			costs.AddInstr(w.site, Never)
		}
		u.sites = append(u.sites, w.site)
	}
	u.skips = len(ws) == 0 || EntryReturn(p.Parent(), &costs) != nil
	if t.obj.Escape == nil && len(ws) > 0 {
		u.run = runsSpawned
		for _, w := range ws {
			switch {
			case w.how != Spawned:
				u.run = runsOnCaller
			case u.run == runsSpawned && (w.loop || len(ws) > 1):
				u.run = runsSpawnedMany
			}
		}
	}
	m.paramUses[p] = u
	return u
}

// Instrs returns the instructions of fn and of the function literals in it.
func Instrs(fn *ssa.Function) []ssa.Instruction {
	var instrs []ssa.Instruction
	for _, b := range fn.Blocks {
		instrs = append(instrs, b.Instrs...)
	}
	for _, anon := range fn.AnonFuncs {
		instrs = append(instrs, Instrs(anon)...)
	}
	return instrs
}

// PriceSpawnerTests prices Never the branches of goroutine s's function
// literal that contradict what its spawner had tested on the way to every
// one of adds it makes before starting s (the Adds that count it): a test
// of a captured value against nil, or of a captured bool, that the
// spawner made the other way. The goroutine takes those branches only when
// the Adds were not made, so they owe nothing to them:
//
//	if ctx != nil {
//		wg.Add(1)
//	}
//	go func() {
//		if ctx != nil {
//			defer wg.Done()
//		}
//		…
//	}()
func (m *Model) PriceSpawnerTests(s *Spawn, adds []ssa.Instruction, costs *Costs) {
	mc := m.closures[s.Body]
	if mc == nil || s.Body.Parent() != s.Parent {
		return
	}
	var at []ssa.Instruction
	for _, add := range adds {
		if add.Parent() == s.Parent && before(add, s.Start) {
			at = append(at, add)
		}
	}
	if len(at) == 0 {
		return
	}
	knowns := make([]map[ssa.Value]bool, len(at))
	for i, instr := range at {
		knowns[i] = knownAt(instr.Block())
	}
	// A captured value, as both functions read it: the value itself, or
	// a variable's cell, loaded, when it is stored only once (a captured
	// parameter, spilled).
	type captured struct {
		v    ssa.Value
		load bool
	}
	inSpawner := func(v ssa.Value) captured {
		if load, ok := v.(*ssa.UnOp); ok && load.Op == token.MUL && onlyStore(load.X) != nil {
			return captured{load.X, true}
		}
		return captured{v, false}
	}
	inGoroutine := func(v ssa.Value) (captured, bool) {
		load := false
		if x, ok := v.(*ssa.UnOp); ok && x.Op == token.MUL {
			v, load = x.X, true
		}
		fv, ok := v.(*ssa.FreeVar)
		i := slices.Index(s.Body.FreeVars, fv)
		if !ok || i < 0 || i >= len(mc.Bindings) || load && onlyStore(mc.Bindings[i]) == nil {
			return captured{}, false
		}
		return captured{mc.Bindings[i], load}, true
	}
	// spawner returns what every instruction of at knows of the test
	// of captured value x: x == nil (isNil), or x itself for a bool.
	spawner := func(x ssa.Value, nilTested bool) (bool, bool) {
		want, ok := inGoroutine(x)
		if !ok {
			return false, false
		}
		var val, set bool
		for _, known := range knowns {
			v, ok := false, false
			for c, cv := range known {
				if nilTested {
					if y, eql, isNil := nilTest(c); isNil && inSpawner(y) == want {
						v, ok = cv == eql, true
					}
				} else if inSpawner(c) == want {
					v, ok = cv, true
				}
			}
			if !ok || set && v != val {
				return false, false
			}
			val, set = v, true
		}
		return val, set
	}
	for _, b := range s.Body.Blocks {
		test, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
		if !ok {
			continue
		}
		var holds, known bool
		if x, eql, ok := nilTest(test.Cond); ok {
			if isNil, ok := spawner(x, true); ok {
				holds, known = isNil == eql, true
			}
		} else if v, ok := spawner(test.Cond, false); ok {
			holds, known = v, true
		}
		if !known {
			continue
		}
		never := b.Succs[1]
		if !holds {
			never = b.Succs[0]
		}
		costs.AddEdge(Edge{From: b, To: never}, Never)
	}
}
