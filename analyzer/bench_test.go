package analyzer_test

import (
	"reflect"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/analysis/passes/buildssa"
	"golang.org/x/tools/go/packages"

	"github.com/structlint/structlint/analyzer"
	"github.com/structlint/structlint/internal/model"
)

// benchPackages are the concurrency-heavy standard packages the analyzers
// are measured on.
var benchPackages = []string{"net/http", "net", "os/exec", "database/sql", "context", "sync", "io", "os", "time", "log/slog"}

// baseline builds SSA for every package, dependencies included (it has a
// fact type, as the model does), and does nothing else: the cost every
// SSA-based analyzer with facts pays, against which ours are measured.
var baseline = &analysis.Analyzer{
	Name: "baseline",
	Doc:  "builds SSA and exports one fact per package",
	Run: func(pass *analysis.Pass) (any, error) {
		pass.ExportPackageFact(new(seen))
		return nil, nil
	},
	Requires:  []*analysis.Analyzer{buildssa.Analyzer},
	FactTypes: []analysis.Fact{new(seen)},
}

type seen struct{}

func (*seen) AFact() {}

// BenchmarkAnalyzers runs each analyzer, the shared model alone, the whole
// suite, and the SSA baseline over benchPackages, loaded once. Compare the
// sub-benchmarks with benchstat -col /analyzer:
//
//	go test ./analyzer -run '^$' -bench Analyzers -count 6 | tee out.txt
//	benchstat -col /analyzer out.txt
func BenchmarkAnalyzers(b *testing.B) {
	cfg := &packages.Config{Mode: packages.LoadAllSyntax, Tests: false}
	pkgs, err := packages.Load(cfg, benchPackages...)
	if err != nil {
		b.Fatal(err)
	}
	if packages.PrintErrors(pkgs) > 0 {
		b.Fatal("packages have errors")
	}
	for _, bc := range []struct {
		name      string
		analyzers []*analysis.Analyzer
	}{
		{"baseline", []*analysis.Analyzer{baseline}},
		{"model", []*analysis.Analyzer{modelOnly}},
		{"leakedgo", analyzer.Suite[0:1]},
		{"unjoined", analyzer.Suite[1:2]},
		{"ctxmissing", analyzer.Suite[2:3]},
		{"suite", analyzer.Suite},
	} {
		b.Run("analyzer="+bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := checker.Analyze(bc.analyzers, pkgs, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// modelOnly requires the shared model and reports nothing.
var modelOnly = &analysis.Analyzer{
	Name:       "modelonly",
	Doc:        "builds structlint's model and reports nothing",
	Run:        func(*analysis.Pass) (any, error) { return nil, nil },
	Requires:   []*analysis.Analyzer{model.Analyzer},
	ResultType: reflect.TypeFor[int](),
}
