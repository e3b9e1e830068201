package analyzer_test

import (
	"bytes"
	"flag"
	"fmt"
	"go/format"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/structlint/structlint/analyzer"
	"github.com/structlint/structlint/internal/fix"
	"github.com/structlint/structlint/passes/leakedgo"
)

var update = flag.Bool("update", false, "rewrite the README's check sections from the checks' docs")

// The README's check sections lie between these lines.
const (
	sectionsBegin = "<!-- The check sections are generated from each check's doc.go: edit those, then run go test ./analyzer -run TestREADME -update. -->\n"
	sectionsEnd   = "<!-- End of the generated check sections. -->\n"
)

// TestREADME checks that the README's section on each check is the one
// its documentation renders (checkdoc.Check.Markdown): the docs live in
// one place. With -update, it writes them.
func TestREADME(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	before, rest, ok1 := bytes.Cut(readme, []byte(sectionsBegin))
	_, after, ok2 := bytes.Cut(rest, []byte(sectionsEnd))
	if !ok1 || !ok2 {
		t.Fatalf("README.md has no generated check sections: the lines\n%s%s", sectionsBegin, sectionsEnd)
	}
	var sections []string
	for _, a := range analyzer.Suite {
		sections = append(sections, analyzer.Docs[a].Markdown())
	}
	want := slices.Concat(before, []byte(sectionsBegin+"\n"+strings.Join(sections, "\n")+"\n"+sectionsEnd), after)
	switch {
	case *update:
		if err := os.WriteFile("../README.md", want, 0o644); err != nil {
			t.Fatal(err)
		}
	case !bytes.Equal(readme, want):
		t.Errorf("README.md's check sections are not what the checks' docs render; run go test ./analyzer -run TestREADME -update and review the diff")
	}
}

// TestExamples runs every example of the checks' documentation, which
// the README and structlint help show: the code before, in a fixture
// package <check>/readme (then readme2…) of testdata with a realistic
// import block, must give exactly the finding the example shows, and
// each of its fixes the fixed code the example shows.
func TestExamples(t *testing.T) {
	type example struct {
		a   *analysis.Analyzer
		ex  int
		pkg string
	}
	var examples []example
	var patterns []string
	for _, a := range analyzer.Suite {
		for i := range analyzer.Docs[a].Examples {
			pkg := a.Name + "/readme"
			if i > 0 {
				pkg += strconv.Itoa(i + 1)
			}
			examples = append(examples, example{a, i, pkg})
			patterns = append(patterns, pkg)
		}
	}
	graph, err := checker.Analyze(analyzer.Suite, loadTestdata(t, patterns...), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range examples {
		t.Run(e.pkg, func(t *testing.T) {
			var diags []analysis.Diagnostic
			var pkg *packages.Package
			for _, act := range graph.Roots {
				if act.Package.PkgPath != e.pkg {
					continue
				}
				pkg = act.Package
				if act.Err != nil {
					t.Fatal(act.Err)
				}
				for _, d := range act.Diagnostics {
					if act.Analyzer != e.a {
						t.Errorf("%s also reports: %s", act.Analyzer.Name, d.Message)
						continue
					}
					diags = append(diags, d)
				}
			}
			if pkg == nil || len(pkg.GoFiles) != 1 {
				t.Fatalf("%s is not a package of one file", e.pkg)
			}
			checkExample(t, e.a, pkg, e.ex, diags)
		})
	}
}

var lineRef = regexp.MustCompile(`\bline (\d+)`)

// checkExample checks example i of a's documentation against pkg, its
// fixture, and diags, a's findings there.
func checkExample(t *testing.T, a *analysis.Analyzer, pkg *packages.Package, i int, diags []analysis.Diagnostic) {
	ex := analyzer.Docs[a].Examples[i]
	line, _, message, err := ex.Finding()
	if err != nil {
		t.Fatalf("%s's example: %v", a.Name, err)
	}
	name := pkg.GoFiles[0]
	src, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	// Where the example's code is in the fixture, comments aside.
	offset := find(lines(string(src)), lines(ex.Before))
	if offset < 0 {
		t.Fatalf("%s does not hold the code of %s's example:\n%s", name, a.Name, ex.Before)
	}
	if len(diags) != 1 {
		t.Fatalf("%d findings, want the example's one: %v", len(diags), diags)
	}
	d := diags[0]
	// The example counts lines from its first.
	got := lineRef.ReplaceAllStringFunc(d.Message, func(ref string) string {
		n, _ := strconv.Atoi(strings.TrimPrefix(ref, "line "))
		return fmt.Sprintf("line %d", n-offset)
	})
	if at := pkg.Fset.Position(d.Pos).Line - offset; at != line || got != message {
		t.Errorf("finding at line %d of the example:\n\t%s\nthe example shows at line %d:\n\t%s", at, got, line, message)
	}
	if len(d.SuggestedFixes) != len(ex.Fixes) {
		t.Errorf("%d fixes, the example shows %d", len(d.SuggestedFixes), len(ex.Fixes))
	}
	for j, f := range d.SuggestedFixes {
		if j >= len(ex.Fixes) {
			break
		}
		edits, err := fix.Offsets(pkg.Fset, f.TextEdits)
		if err != nil {
			t.Fatal(err)
		}
		fixed, err := fix.Apply(src, edits[name])
		if err == nil {
			fixed, err = format.Source(fixed)
		}
		if err != nil {
			t.Fatalf("fix %q: %v", f.Message, err)
		}
		if find(lines(string(fixed)), lines(ex.Fixes[j].After)) < 0 {
			t.Errorf("fix %q does not make what the example shows:\n%s\nbut:\n%s", f.Message, ex.Fixes[j].After, fixed)
		}
	}
}

// lines splits code into lines without their trailing comments and
// spaces, and without leading and trailing empty lines.
func lines(code string) []string {
	var out []string
	for _, l := range strings.Split(strings.Trim(code, "\n"), "\n") {
		l, _, _ = strings.Cut(l, " // ")
		out = append(out, strings.TrimRight(l, " \t"))
	}
	return out
}

// find returns the index of the first line of src at which the lines of
// part are, or -1.
func find(src, part []string) int {
	for i := 0; i+len(part) <= len(src); i++ {
		if slices.Equal(src[i:i+len(part)], part) {
			return i
		}
	}
	return -1
}

// TestREADMESuppression runs the README's example of //lint:ignore: in
// testdata/src/leakedgo/suppressed, the go statement it precedes is not
// reported under -leakedgo.strict, and the same one without it is.
func TestREADMESuppression(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, _ := strings.Cut(string(readme), "\n## Suppressing a finding\n")
	_, block, _ := strings.Cut(section, "```go\n")
	example, _, ok := strings.Cut(block, "```\n")
	if !ok {
		t.Fatal("README.md has no Go example under ## Suppressing a finding")
	}
	if err := leakedgo.Analyzer.Flags.Set("strict", "true"); err != nil {
		t.Fatal(err)
	}
	defer leakedgo.Analyzer.Flags.Set("strict", "false")
	pkgs := loadTestdata(t, "leakedgo/suppressed")
	src, err := os.ReadFile(pkgs[0].GoFiles[0])
	if err != nil {
		t.Fatal(err)
	}
	// The directive is the example's comment: compare whole lines.
	srcLines := strings.Split(string(src), "\n")
	for i := range srcLines {
		srcLines[i] = strings.TrimSpace(srcLines[i])
	}
	exLines := strings.Split(strings.TrimSpace(example), "\n")
	if find(srcLines, exLines) < 0 {
		t.Fatalf("%s does not hold the README's example:\n%s", pkgs[0].GoFiles[0], example)
	}
	graph, err := checker.Analyze([]*analysis.Analyzer{leakedgo.Analyzer}, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	var found []string
	for _, act := range graph.Roots {
		for _, d := range act.Diagnostics {
			posn := pkgs[0].Fset.Position(d.Pos)
			found = append(found, fmt.Sprintf("line %d: %s", posn.Line, d.Message))
		}
	}
	if len(found) != 1 || !strings.HasPrefix(found[0], "line 33: ") {
		t.Errorf("findings:\n\t%s\nwant one, serveLoud's go statement at line 33", strings.Join(found, "\n\t"))
	}
}

// loadTestdata loads packages of the analysistest tree in ../testdata.
func loadTestdata(t *testing.T, patterns ...string) []*packages.Package {
	t.Helper()
	gopath, err := filepath.Abs("../testdata")
	if err != nil {
		t.Fatal(err)
	}
	cfg := &packages.Config{
		Mode: packages.LoadAllSyntax,
		Dir:  filepath.Join(gopath, "src"),
		Env:  append(os.Environ(), "GOPATH="+gopath, "GO111MODULE=off", "GOFLAGS=", "GOWORK=off"),
	}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		t.Fatal(err)
	}
	return pkgs
}
