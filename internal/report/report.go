// Package report delivers a pass's diagnostics the same way in every
// driver (structlint, go vet, golangci-lint, gopls), because the filtering
// happens in the pass itself:
//
//   - findings in generated files ("// Code generated … DO NOT EDIT.") are
//     dropped;
//   - a finding on the line after a //lint:ignore directive that names the
//     check, or anywhere in a file with a //lint:file-ignore directive that
//     names it, is suppressed;
//   - a directive that names the check but gives no reason suppresses
//     nothing and is itself reported.
//
// The directive syntax is staticcheck's, so one comment can silence both:
//
//	//lint:ignore leakedgo the goroutine exits when conn is closed
//	//lint:file-ignore ctxmissing,leakedgo this file is a test harness
//
// A check list is comma-separated; each entry is a check name or a
// path.Match pattern such as "*".
//
// Every suggested fix is checked before it is reported (see
// fix.Check): a fix whose edits overlap, or whose result does not parse,
// is dropped and the finding reported without it, so that no driver
// loses a finding to a broken fix. A dropped fix is a bug in the pass
// that built it; InvalidFix hears of it.
package report

import (
	"fmt"
	"go/ast"
	"go/token"
	"os"
	"path"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/structlint/structlint/internal/fix"
	"github.com/structlint/structlint/internal/model"
)

// A Reporter reports one pass's diagnostics, honouring directives.
type Reporter struct {
	pass  *analysis.Pass
	lines map[fileLine]bool
	files map[*token.File]bool // file-ignored or generated
	// SkipTests drops the findings in test code: _test.go files, mocks
	// and fakes, and test harness and example packages (model.IsTestCode).
	SkipTests bool
}

type fileLine struct {
	file *token.File
	line int
}

// New parses the directives of pass's files that name pass's analyzer and
// reports those that are malformed.
func New(pass *analysis.Pass) *Reporter {
	r := &Reporter{pass: pass, lines: make(map[fileLine]bool), files: make(map[*token.File]bool)}
	check := pass.Analyzer.Name
	for _, f := range pass.Files {
		tf := pass.Fset.File(f.Pos())
		if ast.IsGenerated(f) {
			r.files[tf] = true
			continue
		}
		for _, group := range f.Comments {
			for _, c := range group.List {
				cmd, checks, reason, ok := parse(c.Text)
				if !ok || !names(checks, check) {
					continue
				}
				if reason == "" {
					pass.Report(analysis.Diagnostic{
						Pos:     c.Pos(),
						End:     c.End(),
						Message: fmt.Sprintf("malformed //lint:%s directive: it needs a reason after the check names, e.g. //lint:%s %s <why this finding does not apply>; it suppresses nothing until then", cmd, cmd, checks),
					})
					continue
				}
				if cmd == "file-ignore" {
					r.files[tf] = true
					continue
				}
				// The directive covers its own line (a trailing comment)
				// and the line after its comment group.
				r.lines[fileLine{tf, tf.Line(c.Pos())}] = true
				r.lines[fileLine{tf, tf.Line(group.End()) + 1}] = true
			}
		}
	}
	return r
}

// parse splits a //lint:ignore or //lint:file-ignore comment.
func parse(text string) (cmd, checks, reason string, ok bool) {
	rest, ok := strings.CutPrefix(text, "//lint:")
	if !ok {
		return "", "", "", false
	}
	// A " //" ends the directive: what follows is a comment on it.
	rest, _, _ = strings.Cut(rest, " //")
	fields := strings.Fields(rest)
	if len(fields) < 2 || fields[0] != "ignore" && fields[0] != "file-ignore" {
		return "", "", "", false
	}
	return fields[0], fields[1], strings.Join(fields[2:], " "), true
}

// names reports whether a comma-separated check list names check.
func names(list, check string) bool {
	for _, pattern := range strings.Split(list, ",") {
		if ok, _ := path.Match(pattern, check); ok {
			return true
		}
	}
	return false
}

// Suppressed reports whether a finding at pos is silenced by a directive
// or lies in a generated file.
func (r *Reporter) Suppressed(pos token.Pos) bool {
	tf := r.pass.Fset.File(pos)
	if tf == nil {
		return false
	}
	return r.files[tf] || r.lines[fileLine{tf, tf.Line(pos)}]
}

// InvalidFix is called with each suggested fix that Report drops, and
// why. In a test binary it panics, so that a pass that builds a broken fix
// fails the test that made it do so; elsewhere it is nil, and the fix is
// dropped silently unless a driver sets it (structlint prints it). It must
// be safe to call from passes running at once.
var InvalidFix = func(pass *analysis.Pass, d analysis.Diagnostic, f analysis.SuggestedFix, err error) {
	panic(fmt.Sprintf("%s: %s: invalid fix %q of %q: %v", pass.Fset.Position(d.Pos), pass.Analyzer.Name, f.Message, d.Message, err))
}

func init() {
	if !testing.Testing() {
		InvalidFix = nil
	}
}

// Report reports d unless it is suppressed, with those of its fixes that
// can be applied (see the package documentation).
func (r *Reporter) Report(d analysis.Diagnostic) {
	if r.Suppressed(d.Pos) || r.SkipTests && model.IsTestCode(r.pass, d.Pos) {
		return
	}
	readFile := r.pass.ReadFile
	if readFile == nil {
		readFile = os.ReadFile // a driver older than Pass.ReadFile
	}
	var fixes []analysis.SuggestedFix
	for _, f := range d.SuggestedFixes {
		err := fix.Check(r.pass.Fset, readFile, f)
		for _, kept := range fixes {
			if kept.Message == f.Message {
				err = fmt.Errorf("another fix of the finding has the same message")
			}
		}
		if err != nil {
			if InvalidFix != nil {
				InvalidFix(r.pass, d, f, err)
			}
			continue
		}
		fixes = append(fixes, f)
	}
	d.SuggestedFixes = fixes
	r.pass.Report(d)
}

// Reportf reports a diagnostic without fixes unless it is suppressed.
func (r *Reporter) Reportf(pos token.Pos, format string, args ...any) {
	r.Report(analysis.Diagnostic{Pos: pos, Message: fmt.Sprintf(format, args...)})
}
