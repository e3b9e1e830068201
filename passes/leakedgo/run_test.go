package leakedgo_test

import (
	"testing"

	"github.com/structlint/structlint/internal/fixtest"
	"github.com/structlint/structlint/passes/leakedgo"
)

// TestFixesRun runs the code leakedgo's fixes produce, and the code as it
// was, under testing/synctest with -race (see fixtest.Run): the bug is
// there before and gone after, and the behaviour is kept.
func TestFixesRun(t *testing.T) {
	fixtest.Run(t, fixtest.RunDir(), leakedgo.Analyzer, "./leakedgo/...")
}

// TestStrictFixesRun does the same for the fix of -leakedgo.strict. It
// sets the flag for the package, so it does not run in parallel.
func TestStrictFixesRun(t *testing.T) {
	leakedgo.Analyzer.Flags.Set("strict", "true")
	defer leakedgo.Analyzer.Flags.Set("strict", "false")
	fixtest.Run(t, fixtest.RunDir(), leakedgo.Analyzer, "./strict/leakedgo/...")
}
