package ctxmissing_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/structlint/structlint/internal/fixtest"
	"github.com/structlint/structlint/passes/ctxmissing"
)

func Test(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), ctxmissing.Analyzer, "a", "b")
}

func TestFixesTypeCheck(t *testing.T) {
	fixtest.TypeCheck(t, analysistest.TestData())
}
