package report

import (
	"go/ast"
	"go/parser"
	"go/token"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
)

// TestReportDropsInvalidFixes checks that Report keeps a finding and
// those of its fixes that can be applied, and hands the others to
// InvalidFix.
func TestReportDropsInvalidFixes(t *testing.T) {
	const src = "package p\n\nvar x = 1\n"
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	var reported []analysis.Diagnostic
	pass := &analysis.Pass{
		Analyzer: &analysis.Analyzer{Name: "check"},
		Fset:     fset,
		Files:    []*ast.File{f},
		Report:   func(d analysis.Diagnostic) { reported = append(reported, d) },
		ReadFile: func(string) ([]byte, error) { return []byte(src), nil },
	}
	one := f.Decls[0].(*ast.GenDecl).Specs[0].(*ast.ValueSpec).Values[0]
	edit := func(pos, end token.Pos, text string) analysis.TextEdit {
		return analysis.TextEdit{Pos: pos, End: end, NewText: []byte(text)}
	}
	var dropped []string
	defer func(f func(*analysis.Pass, analysis.Diagnostic, analysis.SuggestedFix, error)) { InvalidFix = f }(InvalidFix)
	InvalidFix = func(_ *analysis.Pass, _ analysis.Diagnostic, f analysis.SuggestedFix, err error) {
		dropped = append(dropped, f.Message+": "+err.Error())
	}
	New(pass).Report(analysis.Diagnostic{Pos: one.Pos(), Message: "one", SuggestedFixes: []analysis.SuggestedFix{
		{Message: "two", TextEdits: []analysis.TextEdit{edit(one.Pos(), one.End(), "2")}},
		{Message: "overlap", TextEdits: []analysis.TextEdit{edit(one.Pos(), one.End(), "2"), edit(one.Pos()-2, one.End(), "= 3")}},
		{Message: "unparsable", TextEdits: []analysis.TextEdit{edit(one.Pos(), one.End(), "(")}},
		{Message: "two", TextEdits: []analysis.TextEdit{edit(one.Pos(), one.End(), "2 ")}},
		{Message: "empty"},
	}})
	if len(reported) != 1 || len(reported[0].SuggestedFixes) != 1 || reported[0].SuggestedFixes[0].Message != "two" {
		t.Fatalf("reported %+v, want the finding with its first fix", reported)
	}
	want := []string{
		"overlap: p.go: overlapping edits at offset 19",
		"unparsable: the fixed file does not parse: p.go:3:11: expected operand, found 'EOF'",
		"two: another fix of the finding has the same message",
		"empty: it has no edits",
	}
	if strings.Join(dropped, "\n") != strings.Join(want, "\n") {
		t.Errorf("dropped:\n\t%s\nwant:\n\t%s", strings.Join(dropped, "\n\t"), strings.Join(want, "\n\t"))
	}
}

// TestInvalidFixFailsTests checks that, in a test binary, a dropped fix
// is not silent.
func TestInvalidFixFailsTests(t *testing.T) {
	if InvalidFix == nil {
		t.Fatal("InvalidFix is nil in a test binary: a pass's broken fix would go unnoticed")
	}
}
