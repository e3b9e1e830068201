package fixtest

import (
	"cmp"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/structlint/structlint/internal/fix"
)

// imported is a package of the fixture tree that imports the packages
// fixes may add imports of. It is loaded with the fixtures, so that a fixed
// file that imports one type-checks against the same packages as the rest
// of its package.
const imported = "fixtest/imported"

// Apply runs analyzer a on the packages of the analysistest tree dir that
// match patterns and, for every file a suggested fix edits, applies
//
//   - every fix alone, and
//   - the first fix of every finding together, merged as structlint -fix
//     merges them (a fix that conflicts with an earlier one is left for
//     the next run);
//
// and checks that each result parses and that the package type-checks
// with the file so fixed. Each fixture tree holds the packages a fix may
// import (the runtime among them), so every result must type-check.
func Apply(t *testing.T, dir string, a *analysis.Analyzer, patterns ...string) {
	t.Helper()
	loaded := load(t, dir, append(slices.Clone(patterns), imported)...)
	var roots []*packages.Package
	byPath := make(map[string]*packages.Package) // every package, by path, test variants aside
	packages.Visit(loaded, nil, func(p *packages.Package) {
		if p.ID == p.PkgPath {
			byPath[p.PkgPath] = p
		}
	})
	for _, p := range loaded {
		if p.PkgPath != imported {
			roots = append(roots, p)
		}
	}
	graph, err := checker.Analyze([]*analysis.Analyzer{a}, roots, nil)
	if err != nil {
		t.Fatal(err)
	}

	// The fixes of each file, with the package they were reported in.
	type fixed struct {
		pkg   *packages.Package
		first [][]analysis.SuggestedFix // each finding's fixes, in order
	}
	files := make(map[string]*fixed)
	var names []string
	for _, act := range graph.Roots {
		if act.Err != nil {
			t.Errorf("%s: %v", act, act.Err)
			continue
		}
		diags := slices.Clone(act.Diagnostics)
		slices.SortStableFunc(diags, func(x, y analysis.Diagnostic) int { return cmp.Compare(x.Pos, y.Pos) })
		for _, d := range diags {
			if len(d.SuggestedFixes) == 0 {
				continue
			}
			name := act.Package.Fset.File(d.Pos).Name()
			if files[name] == nil {
				files[name] = &fixed{pkg: act.Package}
				names = append(names, name)
			} else if files[name].pkg != act.Package {
				continue // the same file in a test variant of its package
			}
			files[name].first = append(files[name].first, d.SuggestedFixes)
		}
	}
	slices.Sort(names)
	checked := 0
	for _, name := range names {
		f := files[name]
		fset := f.pkg.Fset
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		// A fix alone is checked as written, as gopls applies it; fixes
		// together as structlint -fix writes them, tidied.
		check := func(what string, edits map[string][]fix.Edit, tidy bool) {
			t.Helper()
			if len(edits) != 1 || edits[name] == nil {
				t.Errorf("%s: %s edits other files: %v", name, what, edits)
				return
			}
			out, err := fix.Apply(src, edits[name])
			if err == nil && tidy {
				out, err = fix.Tidy(src, out)
			}
			if err != nil {
				t.Errorf("%s: %s: %v", name, what, err)
				return
			}
			checked++
			if err := typeCheck(f.pkg, byPath, name, out); err != nil {
				t.Errorf("%s: %s: %v\n%s", name, what, err, out)
			}
		}
		together := make(map[string][]fix.Edit)
		var messages []string
		for _, fixes := range f.first {
			for i, sf := range fixes {
				edits, err := fix.Offsets(fset, sf.TextEdits)
				if err != nil {
					t.Errorf("%s: %q: %v", name, sf.Message, err)
					continue
				}
				check(fmt.Sprintf("fix %q (line %d) alone", sf.Message, fset.Position(sf.TextEdits[0].Pos).Line), edits, false)
				if i == 0 && fix.Merge(together, edits) {
					messages = append(messages, sf.Message)
				}
			}
		}
		if len(f.first) > 1 {
			check(fmt.Sprintf("the fixes %q together", messages), together, true)
		}
	}
	t.Logf("%d results of fixes to %d files parse and type-check", checked, len(names))
}

// typeCheck parses the files of pkg, with file name's content replaced by
// src, and type-checks them against pkg's imports (or, for an import a
// fix added, the package of that path in byPath).
func typeCheck(pkg *packages.Package, byPath map[string]*packages.Package, name string, src []byte) error {
	if _, err := format.Source(src); err != nil {
		return fmt.Errorf("the fixed file does not parse: %v", err)
	}
	fset := token.NewFileSet()
	var files []*ast.File
	for _, fn := range pkg.CompiledGoFiles {
		var content any
		if fn == name {
			content = src
		}
		f, err := parser.ParseFile(fset, fn, content, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		files = append(files, f)
	}
	var errs []string
	conf := types.Config{
		Importer: importerFunc(func(path string) (*types.Package, error) {
			if p := pkg.Imports[path]; p != nil {
				return p.Types, nil
			}
			if p := byPath[path]; p != nil {
				return p.Types, nil
			}
			return nil, fmt.Errorf("%s is not loaded (import it in the fixture package %s)", path, imported)
		}),
		Error: func(err error) { errs = append(errs, err.Error()) },
	}
	conf.Check(pkg.PkgPath, fset, files, nil)
	if len(errs) > 0 {
		return fmt.Errorf("the fixed package does not type-check:\n\t%s", strings.Join(errs, "\n\t"))
	}
	return nil
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }
