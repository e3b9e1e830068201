// Command baseline is the yardstick of bench/driver.sh: an analyzer that
// does nothing but build SSA and export one fact per package, run by the
// plain x/tools checker (singlechecker), which loads every package's
// syntax and types first and keeps them, and their SSA, to the end.
package main

import (
	"reflect"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/buildssa"
	"golang.org/x/tools/go/analysis/singlechecker"
)

type analyzedFact struct{}

func (*analyzedFact) AFact() {}

var analyzer = &analysis.Analyzer{
	Name:       "baseline",
	Doc:        "build SSA and export one fact per package",
	Requires:   []*analysis.Analyzer{buildssa.Analyzer},
	FactTypes:  []analysis.Fact{new(analyzedFact)},
	ResultType: reflect.TypeFor[int](),
	Run: func(pass *analysis.Pass) (any, error) {
		pass.ExportPackageFact(new(analyzedFact))
		return len(pass.ResultOf[buildssa.Analyzer].(*buildssa.SSA).SrcFuncs), nil
	},
}

func main() { singlechecker.Main(analyzer) }
