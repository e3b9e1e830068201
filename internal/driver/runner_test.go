package driver

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// copyFixture copies the module in testdata/src to a temporary
// directory, so that tests may fix its files.
func copyFixture(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("testdata/src")); err != nil {
		t.Fatal(err)
	}
	return dir
}

// analyzeFixture runs analyzers on the packages of the fixture module in
// dir that match patterns.
func analyzeFixture(t *testing.T, dir string, tests bool, analyzers []*analysis.Analyzer, patterns ...string) *runner {
	t.Helper()
	roots, err := loadRoots(loadConfig{dir: dir, tests: tests}, patterns)
	if err != nil {
		t.Fatal(err)
	}
	r := newRunner(analyzers, roots, false)
	r.run()
	return r
}

// TestFactsMatchChecker checks that a pass sees exactly the facts it
// would see under go/analysis/checker: here, top imports middle, which
// imports lower.
func TestFactsMatchChecker(t *testing.T) {
	dir := copyFixture(t)
	patterns := []string{"./lower", "./middle", "./top"}
	analyzers := []*analysis.Analyzer{factsAnalyzer}

	var got []string
	r := analyzeFixture(t, dir, false, analyzers, patterns...)
	for _, d := range r.diagnostics() {
		got = append(got, strings.TrimPrefix(d.posn.Filename, dir)+": "+d.Message)
	}

	pkgs, err := packages.Load(&packages.Config{Mode: packages.LoadAllSyntax | packages.NeedModule, Dir: dir}, patterns...)
	if err != nil {
		t.Fatal(err)
	}
	graph, err := checker.Analyze(analyzers, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for act := range graph.All() {
		if act.Err != nil {
			t.Fatalf("checker: %s: %v", act, act.Err)
		}
		if act.IsRoot {
			for _, d := range act.Diagnostics {
				want = append(want, strings.TrimPrefix(act.Package.Fset.Position(d.Pos).Filename, dir)+": "+d.Message)
			}
		}
	}
	slices.Sort(want)
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("facts seen by the runner:\n\t%s\nby go/analysis/checker:\n\t%s", strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
	}

	// And the rules themselves, spelled out for one indirect dependency.
	for _, msg := range []string{
		"/top/top.go: sees fact on func (example.com/fixture/lower.T).Method()",
		"/top/top.go: sees fact on field Field int",
		"/top/top.go: sees fact on package example.com/fixture/lower",
		"/middle/middle.go: sees fact on func example.com/fixture/lower.Exported()",
	} {
		if !slices.Contains(got, msg) {
			t.Errorf("missing %q", msg)
		}
	}
	for _, msg := range []string{
		"/top/top.go: sees fact on func example.com/fixture/lower.Exported()",
		"/middle/middle.go: sees fact on func example.com/fixture/lower.unexported()",
	} {
		if slices.Contains(got, msg) {
			t.Errorf("unexpected %q", msg)
		}
	}
}

// TestFixes checks how fixes merge: duplicates merge, conflicts and
// generated files are skipped, and files keep their permissions.
func TestFixes(t *testing.T) {
	dir := copyFixture(t)
	fixme := filepath.Join(dir, "fixme", "fixme.go")
	if err := os.Chmod(fixme, 0o600); err != nil {
		t.Fatal(err)
	}
	r := analyzeFixture(t, dir, true, []*analysis.Analyzer{literalsAnalyzer}, "./fixme")

	fixes := newFixSet(r.fset, r.sourceFiles())
	var outcomes []string
	for _, d := range r.diagnostics() {
		outcome, reason := fixes.add(d)
		outcomes = append(outcomes, d.Message+" → "+[]string{"no fix", "fixed", "skipped"}[outcome]+" "+strings.ReplaceAll(reason, dir, ""))
	}
	want := []string{
		"TODO string → fixed ",
		"twice (first) → fixed ",
		"twice (second) → fixed ",
		"clash (left) → fixed ",
		"clash (right) → skipped it conflicts with the fix of an earlier diagnostic; run again to apply it",
		"nofix string → no fix ",
		"TODO string → fixed ",
		"TODO string → skipped it edits the generated file /fixme/gen.go",
	}
	if !slices.Equal(outcomes, want) {
		t.Errorf("outcomes:\n\t%s\nwant:\n\t%s", strings.Join(outcomes, "\n\t"), strings.Join(want, "\n\t"))
	}

	files, err := fixes.apply()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if err := writeFileAtomic(f.name, f.new); err != nil {
			t.Fatal(err)
		}
	}
	got, _ := os.ReadFile(fixme)
	if !bytes.Contains(got, []byte(`[]string{"DONE", "once", "left", "nofix"}`)) {
		t.Errorf("fixed fixme.go:\n%s", got)
	}
	if info, _ := os.Stat(fixme); info.Mode().Perm() != 0o600 {
		t.Errorf("fixme.go has mode %v after fixing, want 0600", info.Mode().Perm())
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "fixme", "fixme_test.go")); !bytes.Contains(got, []byte(`"DONE"`)) {
		t.Errorf("fixme_test.go was not fixed:\n%s", got)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "fixme", "gen.go")); !bytes.Contains(got, []byte(`"TODO"`)) {
		t.Errorf("generated gen.go was fixed:\n%s", got)
	}
	if leftovers, _ := filepath.Glob(filepath.Join(dir, "fixme", ".*structlint*")); leftovers != nil {
		t.Errorf("temporary files left behind: %v", leftovers)
	}
}

// TestFixRefusesChangedFile checks that a file changed since analysis is
// not fixed.
func TestFixRefusesChangedFile(t *testing.T) {
	dir := copyFixture(t)
	r := analyzeFixture(t, dir, false, []*analysis.Analyzer{literalsAnalyzer}, "./fixme")
	fixes := newFixSet(r.fset, r.sourceFiles())
	for _, d := range r.diagnostics() {
		fixes.add(d)
	}
	fixme := filepath.Join(dir, "fixme", "fixme.go")
	if err := os.WriteFile(fixme, []byte("package fixme\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := fixes.apply(); err == nil || !strings.Contains(err.Error(), "changed while it was analyzed") {
		t.Errorf("apply after the file changed: got error %v", err)
	}
}

// TestErrors checks panics, type errors, RunDespiteErrors, ResultOf,
// ReadFile and Module.
func TestErrors(t *testing.T) {
	dir := copyFixture(t)
	analyzers := []*analysis.Analyzer{boomAnalyzer, despiteAnalyzer, requiresAnalyzer}
	r := analyzeFixture(t, dir, false, analyzers, "./boom", "./broken", "./needsbroken", "./lower")

	var diags []string
	for _, d := range r.diagnostics() {
		diags = append(diags, strings.TrimPrefix(d.posn.String(), dir)+": "+d.Message+" ("+d.check+")")
	}
	want := []string{
		"/boom/boom.go:1:1: 1 files, module example.com/fixture (requires)",
		"/broken/broken.go:1:1: 1 type errors, first: cannot use \"not an int\" (untyped string constant) as int value in variable declaration (despite)",
		"/lower/lower.go:1:1: 1 files, module example.com/fixture (requires)",
	}
	if !slices.Equal(diags, want) {
		t.Errorf("diagnostics:\n\t%s\nwant:\n\t%s", strings.Join(diags, "\n\t"), strings.Join(want, "\n\t"))
	}

	var buf bytes.Buffer
	if n := r.printPackageErrors(&buf, "structlint", relativeTo(dir)); n != 1 {
		t.Errorf("printPackageErrors counted %d packages, want 1", n)
	}
	if n := r.printActionErrors(&buf, "structlint"); n != 2 {
		t.Errorf("printActionErrors printed %d lines, want 2", n)
	}
	wantErrors := `structlint: example.com/fixture/broken has errors:
	broken/broken.go:3:13: cannot use "not an int" (untyped string constant) as int value in variable declaration
structlint: boom on example.com/fixture/boom: panic: boom (run with -debug for the stack)
structlint: boom, requires on example.com/fixture/needsbroken: analysis skipped due to errors in dependency example.com/fixture/broken
`
	if buf.String() != wantErrors {
		t.Errorf("errors printed:\n%s\nwant:\n%s", &buf, wantErrors)
	}

}

// TestDebugStack checks that -debug puts the stack in a panic's report.
func TestDebugStack(t *testing.T) {
	roots, err := loadRoots(loadConfig{dir: copyFixture(t)}, []string{"./boom"})
	if err != nil {
		t.Fatal(err)
	}
	r := newRunner([]*analysis.Analyzer{boomAnalyzer}, roots, true)
	r.run()
	var buf bytes.Buffer
	r.printActionErrors(&buf, "structlint")
	if !strings.Contains(buf.String(), "panic: boom\ngoroutine") {
		t.Errorf("no stack with debug:\n%s", &buf)
	}
}

// TestRoots checks that with tests, "p [p.test]" replaces p and the
// generated test main is left out.
func TestRoots(t *testing.T) {
	roots, err := loadRoots(loadConfig{dir: copyFixture(t), tests: true}, []string{"./fixme", "./lower"})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, p := range roots {
		ids = append(ids, p.ID)
	}
	want := []string{"example.com/fixture/fixme [example.com/fixture/fixme.test]", "example.com/fixture/lower"}
	if !slices.Equal(ids, want) {
		t.Errorf("roots %q, want %q", ids, want)
	}
}
