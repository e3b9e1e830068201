package leakedgo_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/structlint/structlint/internal/fixtest"
	"github.com/structlint/structlint/passes/leakedgo"
)

func Test(t *testing.T) {
	// The fixtures pin lock-order inversions too.
	leakedgo.Analyzer.Flags.Set("lockorder", "true")
	defer leakedgo.Analyzer.Flags.Set("lockorder", "false")
	fixtest.Update(t, fixtest.Dir(), leakedgo.Analyzer, "leakedgo/a", "leakedgo/shapes", "leakedgo/endless", "leakedgo/outlives", "leakedgo/contract", "leakedgo/contract/lazy", "leakedgo/cross", "leakedgo/engine", "leakedgo/cli", "leakedgo/locks", "leakedgo/locks/board", "leakedgo/origin", "leakedgo/drain", "leakedgo/count", "leakedgo/closed", "leakedgo/tokens", "leakedgo/deferclose", "leakedgo/ring", "leakedgo/embedctx", "leakedgo/provenance", "leakedgo/provenance/twin", "leakedgo/pool", "leakedgo/sendlock", "leakedgo/members", "leakedgo/teardown", "leakedgo/hidden", "leakedgo/pending", "leakedgo/final", "leakedgo/dropstop", "leakedgo/skipstop")
	analysistest.RunWithSuggestedFixes(t, fixtest.Dir(), leakedgo.Analyzer, "leakedgo/a", "leakedgo/shapes", "leakedgo/endless", "leakedgo/outlives", "leakedgo/contract", "leakedgo/contract/lazy", "leakedgo/cross", "leakedgo/engine", "leakedgo/cli", "leakedgo/locks", "leakedgo/locks/board", "leakedgo/origin", "leakedgo/drain", "leakedgo/count", "leakedgo/closed", "leakedgo/tokens", "leakedgo/deferclose", "leakedgo/ring", "leakedgo/embedctx", "leakedgo/provenance", "leakedgo/provenance/twin", "leakedgo/pool", "leakedgo/sendlock", "leakedgo/members", "leakedgo/teardown", "leakedgo/hidden", "leakedgo/pending", "leakedgo/final", "leakedgo/dropstop", "leakedgo/skipstop")
}

// TestLockOrderOff checks that inversions are reported only with
// -leakedgo.lockorder: the fixture holds one and expects nothing.
func TestLockOrderOff(t *testing.T) {
	analysistest.Run(t, fixtest.Dir(), leakedgo.Analyzer, "leakedgo/lockorder")
}

func TestFixesTypeCheck(t *testing.T) {
	fixtest.Apply(t, fixtest.Dir(), leakedgo.Analyzer, "leakedgo/...")
}

func TestStrict(t *testing.T) {
	leakedgo.Analyzer.Flags.Set("strict", "true")
	defer leakedgo.Analyzer.Flags.Set("strict", "false")
	fixtest.Update(t, fixtest.Dir(), leakedgo.Analyzer, "leakedgo/strict")
	analysistest.RunWithSuggestedFixes(t, fixtest.Dir(), leakedgo.Analyzer, "leakedgo/strict")
	fixtest.Apply(t, fixtest.Dir(), leakedgo.Analyzer, "leakedgo/strict")
}

// TestGiveUp checks what a function that has given up leaves blocked.
// Most of its fixture's give-ups are tests' (TestX(t *testing.T) kept in
// a non-test file, as analysistest loads no _test.go files), which only
// -leakedgo.tests reports.
func TestGiveUp(t *testing.T) {
	leakedgo.Analyzer.Flags.Set("tests", "true")
	defer leakedgo.Analyzer.Flags.Set("tests", "false")
	fixtest.Update(t, fixtest.Dir(), leakedgo.Analyzer, "leakedgo/giveup")
	analysistest.RunWithSuggestedFixes(t, fixtest.Dir(), leakedgo.Analyzer, "leakedgo/giveup")
}

// TestTests checks that code in _test.go files and in test harness
// packages, and goroutines that block only when a test returns, are
// reported only with -leakedgo.tests: the two fixtures hold the same code,
// one expecting nothing.
func TestTests(t *testing.T) {
	analysistest.Run(t, fixtest.Dir(), leakedgo.Analyzer, "leakedgo/testsoff", "leakedgo/testsoff/e2e")
	leakedgo.Analyzer.Flags.Set("tests", "true")
	defer leakedgo.Analyzer.Flags.Set("tests", "false")
	analysistest.Run(t, fixtest.Dir(), leakedgo.Analyzer, "leakedgo/testson", "leakedgo/testson/e2e")
}
