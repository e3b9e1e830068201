package analyzer_test

import (
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/structlint/structlint/analyzer"
)

// TestPassesShareTheModelConcurrently runs the suite through x/tools'
// checker, which runs the passes of a package at once, as go vet and
// gopls do: what they ask the shared model must be safe to ask
// concurrently. Run it with -race.
func TestPassesShareTheModelConcurrently(t *testing.T) {
	gopath, err := filepath.Abs("../testdata")
	if err != nil {
		t.Fatal(err)
	}
	cfg := &packages.Config{
		Mode: packages.LoadAllSyntax,
		Dir:  filepath.Join(gopath, "src"),
		Env:  append(os.Environ(), "GOPATH="+gopath, "GO111MODULE=off", "GOFLAGS=", "GOWORK=off"),
	}
	pkgs, err := packages.Load(cfg, "leakedgo/...", "unjoined/...", "ctxmissing/a", "ctxmissing/fanout")
	if err != nil {
		t.Fatal(err)
	}
	if len(pkgs) < 10 {
		t.Fatalf("loaded %d packages, want the fixtures", len(pkgs))
	}
	for range 3 {
		if _, err := checker.Analyze(analyzer.Suite, pkgs, nil); err != nil {
			t.Fatal(err)
		}
	}
}
