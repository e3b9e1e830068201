package ctxmissing_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/structlint/structlint/internal/fixtest"
	"github.com/structlint/structlint/internal/model"
	"github.com/structlint/structlint/passes/ctxmissing"
)

func Test(t *testing.T) {
	pkgs := []string{"ctxmissing/a", "ctxmissing/b", "ctxmissing/lattice", "ctxmissing/web", "ctxmissing/run",
		"ctxmissing/tlsdial", "ctxmissing/rpc", "ctxmissing/scope", "ctxmissing/fanout", "ctxmissing/mainpkg",
		"ctxmissing/webinit", "ctxmissing/twin", "ctxmissing/poller", "ctxmissing/examples/std", "ctxmissing/clash",
		"ctxmissing/clients", "ctxmissing/dropped", "ctxmissing/mail", "ctxmissing/internal/testutil"}
	fixtest.Update(t, fixtest.Dir(), ctxmissing.Analyzer, pkgs...)
	analysistest.RunWithSuggestedFixes(t, fixtest.Dir(), ctxmissing.Analyzer, pkgs...)
}

// TestFlags checks main, test files and example packages with
// -ctxmissing.main and -ctxmissing.tests. It sets the flags for the
// package, so it does not run in parallel with Test.
func TestFlags(t *testing.T) {
	for _, flag := range []string{"main", "tests"} {
		if err := ctxmissing.Analyzer.Flags.Set(flag, "true"); err != nil {
			t.Fatal(err)
		}
		defer ctxmissing.Analyzer.Flags.Set(flag, "false")
	}
	analysistest.Run(t, fixtest.Dir(), ctxmissing.Analyzer, "ctxmissing/flags", "ctxmissing/flags/examples")
}

// TestFacts pins the facts that carry contexts across packages: request
// and command parameters and results, and the methods of a generated
// client's interface.
func TestFacts(t *testing.T) {
	t.Parallel()
	analysistest.Run(t, fixtest.Dir(), model.Analyzer, "ctxmissing/facts")
}

func TestFixesTypeCheck(t *testing.T) {
	t.Parallel()
	fixtest.TypeCheck(t, fixtest.Dir(), "ctxmissing")
}
