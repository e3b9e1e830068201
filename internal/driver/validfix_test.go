package driver

import (
	"go/ast"
	"go/token"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/structlint/structlint/internal/report"
)

// brokenFixAnalyzer reports the "nofix" literal with three fixes: one
// whose edits overlap, one whose result does not parse, and a good one.
var brokenFixAnalyzer = &analysis.Analyzer{
	Name: "brokenfix",
	Doc:  "report a literal with broken fixes",
	Run: func(pass *analysis.Pass) (any, error) {
		for _, f := range pass.Files {
			ast.Inspect(f, func(n ast.Node) bool {
				lit, ok := n.(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING || lit.Value != strconv.Quote("nofix") {
					return true
				}
				pass.Report(analysis.Diagnostic{
					Pos:     lit.Pos(),
					Message: "nofix string",
					SuggestedFixes: []analysis.SuggestedFix{
						{Message: "overlap", TextEdits: []analysis.TextEdit{
							{Pos: lit.Pos(), End: lit.End(), NewText: []byte(`"a"`)},
							{Pos: lit.Pos() + 1, End: lit.Pos() + 1, NewText: []byte("b")},
						}},
						{Message: "unparsable", TextEdits: []analysis.TextEdit{{Pos: lit.Pos(), End: lit.End(), NewText: []byte(`"a`)}}},
						{Message: "good", TextEdits: []analysis.TextEdit{{Pos: lit.Pos(), End: lit.End(), NewText: []byte(`"fixed"`)}}},
					},
				})
				return true
			})
		}
		return nil, nil
	},
}

// TestInvalidFixKeepsFinding checks that a fix that cannot be applied
// is dropped, with its finding kept and the drop reported.
func TestInvalidFixKeepsFinding(t *testing.T) {
	var (
		mu      sync.Mutex
		dropped []string
	)
	defer func(f func(*analysis.Pass, analysis.Diagnostic, analysis.SuggestedFix, error)) { report.InvalidFix = f }(report.InvalidFix)
	report.InvalidFix = func(_ *analysis.Pass, _ analysis.Diagnostic, f analysis.SuggestedFix, err error) {
		mu.Lock()
		defer mu.Unlock()
		dropped = append(dropped, f.Message+": "+err.Error())
	}
	dir := copyFixture(t)
	r := analyzeFixture(t, dir, false, []*analysis.Analyzer{brokenFixAnalyzer}, "./fixme")
	diags := r.diagnostics()
	if len(diags) != 1 || diags[0].Message != "nofix string" {
		t.Fatalf("diagnostics: %v, want the nofix finding", diags)
	}
	var kept []string
	for _, f := range diags[0].SuggestedFixes {
		kept = append(kept, f.Message)
	}
	if !slices.Equal(kept, []string{"good"}) {
		t.Errorf("fixes kept: %q, want only the good one", kept)
	}
	slices.Sort(dropped)
	if len(dropped) != 2 || !strings.HasPrefix(dropped[0], "overlap: ") || !strings.Contains(dropped[0], "overlapping edits") ||
		!strings.HasPrefix(dropped[1], "unparsable: the fixed file does not parse") {
		t.Errorf("dropped fixes:\n\t%s", strings.Join(dropped, "\n\t"))
	}
}
