package model

import (
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// A Spawn is a go statement.
type Spawn struct {
	Go     *ssa.Go
	Parent *ssa.Function // the spawner: the function containing the go statement
	// Body is the function the goroutine runs when it is known statically
	// (a function, method or literal defined anywhere), else nil.
	Body *ssa.Function
	// InLoop reports whether the statement can run more than once per
	// call of Parent, starting several goroutines.
	InLoop bool
}

// Pos returns the position of the go keyword.
func (s *Spawn) Pos() token.Pos { return s.Go.Pos() }

func (m *Model) findSpawns() {
	for _, fn := range m.Funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				g, ok := instr.(*ssa.Go)
				if !ok {
					continue
				}
				s := &Spawn{Go: g, Parent: fn, InLoop: m.InLoop(g)}
				switch v := g.Call.Value.(type) {
				case *ssa.Function:
					s.Body = v
				case *ssa.MakeClosure:
					s.Body = v.Fn.(*ssa.Function)
				}
				m.Spawns = append(m.Spawns, s)
			}
		}
	}
}

// Runs returns the functions of this package that goroutine s runs: its
// body, the literals in it, and what they call statically.
func (m *Model) Runs(s *Spawn) map[*ssa.Function]bool {
	runs := make(map[*ssa.Function]bool)
	var visit func(fn *ssa.Function)
	visit = func(fn *ssa.Function) {
		if fn == nil || runs[fn] || fn.Blocks == nil || fn.Pkg != s.Parent.Pkg {
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
	visit(s.Body)
	return runs
}
