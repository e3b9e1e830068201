// Command standin is structlint's driver running a stand-in for the
// real suite, for bench/driver.sh: it builds SSA, exports a fact for
// every function, and reads the facts of the functions each one calls,
// so that facts really cross package boundaries.
package main

import (
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/buildssa"
	"golang.org/x/tools/go/ssa"

	"github.com/structlint/structlint/internal/driver"
)

// callsFact records how many static calls a function makes, its own
// and, through facts, those of the functions it calls.
type callsFact struct{ Calls int }

func (*callsFact) AFact() {}

var analyzer = &analysis.Analyzer{
	Name:      "standin",
	Doc:       "build SSA and export one fact per function",
	Requires:  []*analysis.Analyzer{buildssa.Analyzer},
	FactTypes: []analysis.Fact{new(callsFact)},
	Run: func(pass *analysis.Pass) (any, error) {
		for _, fn := range pass.ResultOf[buildssa.Analyzer].(*buildssa.SSA).SrcFuncs {
			obj := fn.Object()
			if obj == nil || obj.Pkg() != pass.Pkg {
				continue
			}
			fact := new(callsFact)
			for _, b := range fn.Blocks {
				for _, instr := range b.Instrs {
					call, ok := instr.(ssa.CallInstruction)
					if !ok || call.Common().StaticCallee() == nil {
						continue
					}
					fact.Calls++
					var callee callsFact
					if obj := call.Common().StaticCallee().Object(); obj != nil && pass.ImportObjectFact(obj, &callee) {
						fact.Calls += callee.Calls
					}
				}
			}
			pass.ExportObjectFact(obj, fact)
		}
		return nil, nil
	},
}

func main() { driver.Main([]*analysis.Analyzer{analyzer}, nil) }
