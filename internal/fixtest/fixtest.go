// Package fixtest checks the code the suggested fixes of structlint's
// passes produce, beyond what analysistest compares.
//
// analysistest.RunWithSuggestedFixes compares the fixed source with the
// golden file as text; it does not compile it, and it applies every fix
// of a file at once (or one message at a time). A fix that yields code
// which reads well but does not build, or that breaks another fix applied
// with it, would pass there. Apply closes that gap: every fix alone, and
// the fixes of a file together as structlint -fix merges them, must parse
// and type-check. Update writes the golden files.
package fixtest

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"golang.org/x/tools/go/packages"
)

// Dir returns the analysistest tree shared by structlint's passes: the
// testdata directory at the root of the module. Fixtures live under
// src/<check>/, next to copies of the packages they import
// (golang.org/x/sync/errgroup, the runtime).
func Dir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "testdata")
}

// load loads the packages matching patterns, with their tests, from the
// GOPATH-style analysistest tree dir, as analysistest does.
func load(t *testing.T, dir string, patterns ...string) []*packages.Package {
	t.Helper()
	abs, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	cfg := &packages.Config{
		Mode:  packages.LoadAllSyntax,
		Dir:   abs,
		Env:   append(os.Environ(), "GOPATH="+abs, "GO111MODULE=off", "GOWORK=off", "GOFLAGS="),
		Tests: true,
	}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		t.Fatal(err)
	}
	return pkgs
}
