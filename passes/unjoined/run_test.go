package unjoined_test

import (
	"testing"

	"github.com/structlint/structlint/internal/fixtest"
	"github.com/structlint/structlint/passes/unjoined"
)

// TestFixesRun runs the code unjoined's fixes produce, and the code as it
// was, under testing/synctest with -race (see fixtest.Run): the bug is
// there before and gone after, and the behaviour is kept.
func TestFixesRun(t *testing.T) {
	fixtest.Run(t, fixtest.RunDir(), unjoined.Analyzer, "./unjoined/...")
}
