package ctxmissing_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/structlint/structlint/internal/fixtest"
	"github.com/structlint/structlint/passes/ctxmissing"
)

func Test(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, fixtest.Dir(), ctxmissing.Analyzer,
		"ctxmissing/a", "ctxmissing/b", "ctxmissing/lattice", "ctxmissing/web", "ctxmissing/run", "ctxmissing/tlsdial", "ctxmissing/rpc",
		"ctxmissing/scope", "ctxmissing/fanout")
}

func TestFixesTypeCheck(t *testing.T) {
	fixtest.TypeCheck(t, fixtest.Dir(), "ctxmissing")
}
