package leakedgo

import (
	"fmt"
	"go/token"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/structlint/structlint/internal/model"
	"github.com/structlint/structlint/internal/report"
)

// Analyzer reports goroutines that can block forever, that nothing joins or
// can stop, or that outlive what their spawner releases.
var Analyzer = &analysis.Analyzer{
	Name:     "leakedgo",
	Doc:      Doc.Doc(),
	URL:      "https://pkg.go.dev/github.com/structlint/structlint/passes/leakedgo",
	Run:      run,
	Requires: []*analysis.Analyzer{model.Analyzer},
}

var strict, lockOrder, reportTests bool

func init() {
	Analyzer.Flags.BoolVar(&strict, "strict", false, Doc.Options[0].Usage)
	Analyzer.Flags.BoolVar(&lockOrder, "lockorder", false, Doc.Options[1].Usage)
	Analyzer.Flags.BoolVar(&reportTests, "tests", false, Doc.Options[2].Usage)
}

func run(pass *analysis.Pass) (any, error) {
	m := pass.ResultOf[model.Analyzer].(*model.Model)
	c := &checker{m: m, r: report.New(pass), reported: make(map[ssa.Instruction]bool)}
	c.r.SkipTests = !reportTests
	for _, o := range m.Objects {
		if o.Kind == model.Chan && o.Escape == nil {
			c.channel(o)
		}
	}
	c.contracts()
	c.stuckOps()
	c.untilOwnCancel()
	c.abandoned()
	c.locks()
	for _, s := range m.Spawns {
		c.neverReturns(s)
		c.outlives(s)
		c.skippedStop(s)
		if strict {
			c.unjoined(s)
		}
	}
	return nil, nil
}

// A checker reports one package's findings, at most one per go statement.
type checker struct {
	m        *model.Model
	r        *report.Reporter
	reported map[ssa.Instruction]bool
	at       token.Pos // the lock finding being reported, for its messages
}

func (c *checker) report(s *model.Spawn, d analysis.Diagnostic) {
	if c.reported[s.Start] || c.r.SkipTests && c.m.InTest(s.Start) {
		return // once per go statement; none in a helper of tests
	}
	c.reported[s.Start] = true
	if s.Go != nil {
		d.Pos, d.End = s.Pos(), s.Go.Call.Pos()
	} else if _, call, ok := c.m.CallSyntax(s.Start); ok {
		d.Pos, d.End = call.Pos(), call.End()
	} else {
		return
	}
	c.r.Report(d)
}

// describe names a channel for messages: its variable, or "the channel".
func describe(o *model.Object) string {
	if o.Name != "" {
		return o.Name
	}
	return "the channel"
}

// opAt describes where a use happens: "(line 12)", "in worker (line 12)"
// when it is in a named function the goroutine calls, or "in lib.Produce"
// when that function is another package's.
func (c *checker) opAt(u *model.Use) string {
	if u.Callee != nil {
		return "in " + model.FuncName(u.Callee) // another package's
	}
	in := ""
	if fn := u.Instr.Parent(); fn.Parent() == nil && fn != u.Site.Parent() {
		in = "in " + fn.Name() + " "
	}
	return fmt.Sprintf("%s(line %d)", in, c.m.Line(u.Instr.Pos()))
}
