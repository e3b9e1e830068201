package driver

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"os"
	"reflect"
	"sort"
	"strconv"
	"testing"

	"golang.org/x/tools/go/analysis"
)

// The analyzers the tests run, on the module in testdata/src.

// factsAnalyzer exports an object fact on every package-level object,
// method and field, and a package fact; then it reports, at the package
// clause, every fact of a dependency that its pass can see.
var factsAnalyzer = &analysis.Analyzer{
	Name:      "facts",
	Doc:       "report the facts of dependencies that a pass sees",
	FactTypes: []analysis.Fact{new(objectFact), new(packageFact)},
	Run: func(pass *analysis.Pass) (any, error) {
		for _, obj := range objectsOf(pass.Pkg) {
			pass.ExportObjectFact(obj, &objectFact{Pkg: pass.Pkg.Path()})
		}
		pass.ExportPackageFact(&packageFact{Path: pass.Pkg.Path()})

		var seen []string
		for _, dep := range dependenciesOf(pass.Pkg) {
			var pf packageFact
			if pass.ImportPackageFact(dep, &pf) {
				seen = append(seen, "package "+pf.Path)
			}
			for _, obj := range objectsOf(dep) {
				var of objectFact
				if pass.ImportObjectFact(obj, &of) {
					seen = append(seen, types.ObjectString(obj, nil))
				}
			}
		}
		sort.Strings(seen)
		pos := pass.Files[0].Package
		for _, s := range seen {
			pass.Reportf(pos, "sees fact on %s", s)
		}
		pass.Reportf(pos, "AllObjectFacts: %d, AllPackageFacts: %d", len(pass.AllObjectFacts()), len(pass.AllPackageFacts()))
		return nil, nil
	},
}

type objectFact struct{ Pkg string }

func (*objectFact) AFact() {}

type packageFact struct{ Path string }

func (*packageFact) AFact() {}

// objectsOf returns the package-level objects of pkg, with the methods
// and fields of its named types.
func objectsOf(pkg *types.Package) []types.Object {
	var objs []types.Object
	for _, name := range pkg.Scope().Names() {
		obj := pkg.Scope().Lookup(name)
		objs = append(objs, obj)
		if named, ok := obj.Type().(*types.Named); ok && named.Obj() == obj {
			for m := range named.Methods() {
				objs = append(objs, m)
			}
			if st, ok := named.Underlying().(*types.Struct); ok {
				for f := range st.Fields() {
					objs = append(objs, f)
				}
			}
		}
	}
	return objs
}

// dependenciesOf returns every package pkg imports, directly or not.
func dependenciesOf(pkg *types.Package) []*types.Package {
	var deps []*types.Package
	seen := make(map[*types.Package]bool)
	var visit func(p *types.Package)
	visit = func(p *types.Package) {
		for _, imp := range p.Imports() {
			if !seen[imp] {
				seen[imp] = true
				deps = append(deps, imp)
				visit(imp)
			}
		}
	}
	visit(pkg)
	return deps
}

// literalsAnalyzer reports string literals, with fixes that exercise
// merging: "TODO" becomes "DONE"; "twice" is reported twice with the
// same fix; "clash" is reported twice with fixes that conflict;
// "nofix" has no fix.
var literalsAnalyzer = &analysis.Analyzer{
	Name: "literals",
	Doc:  "report string literals, with fixes",
	Run: func(pass *analysis.Pass) (any, error) {
		replace := func(lit *ast.BasicLit, msg, with string) {
			pass.Report(analysis.Diagnostic{
				Pos:     lit.Pos(),
				Message: msg,
				SuggestedFixes: []analysis.SuggestedFix{{
					Message:   "replace with " + with,
					TextEdits: []analysis.TextEdit{{Pos: lit.Pos(), End: lit.End(), NewText: []byte(strconv.Quote(with))}},
				}},
			})
		}
		for _, f := range pass.Files {
			ast.Inspect(f, func(n ast.Node) bool {
				lit, ok := n.(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING {
					return true
				}
				switch s, _ := strconv.Unquote(lit.Value); s {
				case "TODO":
					replace(lit, "TODO string", "DONE")
				case "twice":
					replace(lit, "twice (first)", "once")
					replace(lit, "twice (second)", "once")
				case "clash":
					replace(lit, "clash (left)", "left")
					replace(lit, "clash (right)", "right")
				case "nofix":
					pass.Reportf(lit.Pos(), "nofix string")
				}
				return true
			})
		}
		return nil, nil
	},
}

// boomAnalyzer panics on package boom.
var boomAnalyzer = &analysis.Analyzer{
	Name: "boom",
	Doc:  "panic on package boom",
	Run: func(pass *analysis.Pass) (any, error) {
		if pass.Pkg.Name() == "boom" {
			panic("boom")
		}
		return nil, nil
	},
}

// despiteAnalyzer runs despite type errors and reports how many it got.
var despiteAnalyzer = &analysis.Analyzer{
	Name:             "despite",
	Doc:              "report type errors",
	RunDespiteErrors: true,
	Run: func(pass *analysis.Pass) (any, error) {
		if len(pass.TypeErrors) > 0 {
			pass.Reportf(pass.Files[0].Package, "%d type errors, first: %s", len(pass.TypeErrors), pass.TypeErrors[0].Msg)
		}
		return nil, nil
	},
}

// resultAnalyzer returns the package's file count, which
// requiresAnalyzer reads through ResultOf; and it reads its own files
// through ReadFile, and a file it must not read.
var resultAnalyzer = &analysis.Analyzer{
	Name:       "result",
	Doc:        "return the number of files",
	ResultType: reflect.TypeFor[int](),
	Run: func(pass *analysis.Pass) (any, error) {
		for _, f := range pass.Files {
			if _, err := pass.ReadFile(pass.Fset.File(f.FileStart).Name()); err != nil {
				return nil, err
			}
		}
		if _, err := pass.ReadFile("/etc/passwd"); err == nil {
			return nil, fmt.Errorf("ReadFile read a file that is not the package's")
		}
		return len(pass.Files), nil
	},
}

var requiresAnalyzer = &analysis.Analyzer{
	Name:     "requires",
	Doc:      "report the result of the result analyzer",
	Requires: []*analysis.Analyzer{resultAnalyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		pass.Reportf(pass.Files[0].Package, "%d files, module %s", pass.ResultOf[resultAnalyzer].(int), pass.Module.Path)
		return nil, nil
	},
}

// testSuite is what the test binary runs when it plays the structlint
// command (see TestMain).
var testSuite = []*analysis.Analyzer{factsAnalyzer, literalsAnalyzer, boomAnalyzer, despiteAnalyzer, requiresAnalyzer}

// TestMain lets the test binary play the command, for the tests that
// run it as a program (and as go vet's and go fix's tool).
func TestMain(m *testing.M) {
	if os.Getenv("STRUCTLINT_DRIVER_TEST_COMMAND") == "1" {
		literalsAnalyzer.Flags.Bool("strict", false, "a flag, to test flags")
		Main(testSuite, nil)
	}
	os.Exit(m.Run())
}
