// Package fixtest checks that the golden files of analysistest fixtures,
// the code the suggested fixes produce, type-check.
//
// analysistest.RunWithSuggestedFixes compares the fixed source with the
// golden file as text; it does not compile it. A fix that yields code which
// reads well but does not build would pass there. TypeCheck closes that
// gap: it loads each fixture package with every file replaced by its
// golden version (every section, for a txtar golden with one section per
// fix) and fails the test on any type error.
package fixtest

import (
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"golang.org/x/tools/go/packages"
	"golang.org/x/tools/txtar"
)

// Dir returns the analysistest tree shared by structlint's passes: the
// testdata directory at the root of the module. Fixtures live under
// src/<check>/, next to copies of the packages they import
// (golang.org/x/sync/errgroup, the runtime).
func Dir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "testdata")
}

// TypeCheck type-checks the golden versions of the files of the packages
// under dir/src/<check> (dir is a GOPATH-style analysistest tree) that
// have golden files. It fails if there are none.
func TypeCheck(t *testing.T, dir, check string) {
	t.Helper()
	var goldens []string
	filepath.WalkDir(filepath.Join(dir, "src", check), func(path string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(path, ".golden") {
			goldens = append(goldens, path)
		}
		return err
	})
	if len(goldens) == 0 {
		t.Fatalf("no golden files under %s/src/%s", dir, check)
	}
	// Group golden files into variants: one overlay per txtar section.
	byPkg := make(map[string][]map[string][]byte)
	for _, golden := range goldens {
		src := strings.TrimSuffix(golden, ".golden")
		pkg, err := filepath.Rel(filepath.Join(dir, "src"), filepath.Dir(src))
		if err != nil {
			t.Fatal(err)
		}
		pkg = filepath.ToSlash(pkg)
		content, err := os.ReadFile(golden)
		if err != nil {
			t.Fatal(err)
		}
		variants := [][]byte{content}
		if ar := txtar.Parse(content); len(ar.Files) > 0 {
			variants = nil
			for _, f := range ar.Files {
				variants = append(variants, f.Data)
			}
		}
		for _, v := range variants {
			abs, err := filepath.Abs(src)
			if err != nil {
				t.Fatal(err)
			}
			byPkg[pkg] = append(byPkg[pkg], map[string][]byte{abs: v})
		}
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	for pkg, overlays := range byPkg {
		for _, overlay := range overlays {
			cfg := &packages.Config{
				Mode:    packages.NeedName | packages.NeedTypes | packages.NeedSyntax | packages.NeedTypesInfo | packages.NeedFiles,
				Dir:     abs,
				Env:     append(os.Environ(), "GOPATH="+abs, "GO111MODULE=off", "GOWORK=off"),
				Overlay: overlay,
				Tests:   true,
			}
			pkgs, err := packages.Load(cfg, pkg)
			if err != nil {
				t.Fatalf("loading %s: %v", pkg, err)
			}
			packages.Visit(pkgs, nil, func(p *packages.Package) {
				for _, e := range p.Errors {
					for file := range overlay {
						t.Errorf("%s.golden does not type-check: %v", file, e)
					}
				}
			})
		}
	}
}
