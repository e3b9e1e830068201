package model_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/structlint/structlint/internal/fixtest"
	"github.com/structlint/structlint/internal/model"
)

// TestFacts pins the Summary facts callers in other packages rely on.
func TestFacts(t *testing.T) {
	analysistest.Run(t, fixtest.Dir(), model.Analyzer, "model/facts")
}

// TestRobust runs the model on code that once hung it or made it panic.
func TestRobust(t *testing.T) {
	analysistest.Run(t, fixtest.Dir(), model.Analyzer, "model/robust")
}
