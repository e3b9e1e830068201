package unjoined_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/structlint/structlint/internal/fixtest"
	"github.com/structlint/structlint/passes/unjoined"
)

func Test(t *testing.T) {
	fixtest.Update(t, fixtest.Dir(), unjoined.Analyzer, "unjoined/a", "unjoined/skipped", "unjoined/groupctx", "unjoined/waitgroup", "unjoined/conc", "unjoined/readme", "unjoined/together", "unjoined/fields")
	analysistest.RunWithSuggestedFixes(t, fixtest.Dir(), unjoined.Analyzer, "unjoined/a", "unjoined/skipped", "unjoined/groupctx", "unjoined/waitgroup", "unjoined/conc", "unjoined/readme", "unjoined/together", "unjoined/fields")
}

func TestFixesTypeCheck(t *testing.T) {
	fixtest.Apply(t, fixtest.Dir(), unjoined.Analyzer, "unjoined/...")
}

func TestGather(t *testing.T) {
	unjoined.Analyzer.Flags.Set("gather", "true")
	defer unjoined.Analyzer.Flags.Set("gather", "false")
	fixtest.Update(t, fixtest.Dir(), unjoined.Analyzer, "unjoined/gather")
	analysistest.RunWithSuggestedFixes(t, fixtest.Dir(), unjoined.Analyzer, "unjoined/gather")
	fixtest.Apply(t, fixtest.Dir(), unjoined.Analyzer, "unjoined/gather")
}

// TestTests checks that code in _test.go files is reported only with
// -unjoined.tests: the two fixtures hold the same code, one expecting
// nothing.
func TestTests(t *testing.T) {
	analysistest.Run(t, fixtest.Dir(), unjoined.Analyzer, "unjoined/testsoff")
	unjoined.Analyzer.Flags.Set("tests", "true")
	defer unjoined.Analyzer.Flags.Set("tests", "false")
	analysistest.Run(t, fixtest.Dir(), unjoined.Analyzer, "unjoined/testson")
}
