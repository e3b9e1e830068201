package model

import (
	"cmp"
	"go/token"
	"go/types"
	"slices"

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
		return "the goroutine " + FuncName(s.Via) + " starts"
	}
	return "goroutine"
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
