package driver

import (
	"fmt"
	"sort"
	"strings"

	"golang.org/x/tools/go/packages"
)

// loadMode asks go list for metadata only: names, files, the import
// graph, sizes and modules. Syntax and types are the runner's job, so
// that it can build them one package at a time and drop them early.
const loadMode = packages.NeedName |
	packages.NeedFiles |
	packages.NeedCompiledGoFiles |
	packages.NeedImports |
	packages.NeedDeps |
	packages.NeedTypesSizes |
	packages.NeedModule

// A loadConfig says which packages to load.
type loadConfig struct {
	dir        string   // directory to run go list in ("" means the current one)
	tests      bool     // also load test packages
	buildFlags []string // passed to go list, e.g. -tags=integration
}

// loadRoots runs go list on patterns and returns the packages to analyze.
func loadRoots(cfg loadConfig, patterns []string) ([]*packages.Package, error) {
	pkgs, err := packages.Load(&packages.Config{
		Mode:       loadMode,
		Dir:        cfg.dir,
		Tests:      cfg.tests,
		BuildFlags: cfg.buildFlags,
	}, patterns...)
	if err != nil {
		return nil, err
	}
	roots := selectRoots(pkgs)
	if len(roots) == 0 {
		return nil, fmt.Errorf("%s matched no packages", strings.Join(patterns, " "))
	}
	return roots, nil
}

// selectRoots picks the packages to report on, the way go vet does.
// When p has tests, go list returns p, "p [p.test]" (p compiled with its
// in-package tests), "p_test [p.test]" (the external tests) and "p.test"
// (the generated test main). "p [p.test]" replaces p: it holds every file
// of p, so each file is analyzed once, with its tests in view. The
// generated main is nobody's source and is skipped.
func selectRoots(pkgs []*packages.Package) []*packages.Package {
	hasTestVariant := make(map[string]bool)
	for _, p := range pkgs {
		if isTestVariant(p) {
			hasTestVariant[p.PkgPath] = true
		}
	}
	var roots []*packages.Package
	for _, p := range pkgs {
		switch {
		case isTestMain(p):
		case !isTestVariant(p) && hasTestVariant[p.PkgPath]:
		default:
			roots = append(roots, p)
		}
	}
	sort.Slice(roots, func(i, j int) bool { return roots[i].ID < roots[j].ID })
	return roots
}

// isTestVariant reports whether p is a package compiled for a test
// executable, such as "p [p.test]" or "p_test [p.test]".
func isTestVariant(p *packages.Package) bool { return strings.Contains(p.ID, " [") }

// isTestMain reports whether p is the main package that go test
// generates, "p.test".
func isTestMain(p *packages.Package) bool {
	return p.Name == "main" && !isTestVariant(p) && strings.HasSuffix(p.ID, ".test")
}
