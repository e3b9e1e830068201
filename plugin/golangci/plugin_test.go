package golangci

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/structlint/structlint/analyzer"
	"github.com/structlint/structlint/internal/fixtest"
)

// settings decodes a JSON document as golangci-lint hands settings over:
// maps of any.
func settings(t *testing.T, doc string) any {
	t.Helper()
	if doc == "" {
		return nil
	}
	var v any
	if err := json.Unmarshal([]byte(doc), &v); err != nil {
		t.Fatal(err)
	}
	return v
}

func names(p register.LinterPlugin) string {
	as, _ := p.BuildAnalyzers()
	var ns []string
	for _, a := range as {
		ns = append(ns, a.Name)
	}
	return strings.Join(ns, ",")
}

func flagValue(t *testing.T, check, name string) string {
	t.Helper()
	for _, a := range analyzer.Suite {
		if a.Name == check {
			return a.Flags.Lookup(name).Value.String()
		}
	}
	t.Fatalf("no check %s", check)
	return ""
}

func TestRegistered(t *testing.T) {
	newPlugin, err := register.GetPlugin("structlint")
	if err != nil {
		t.Fatal(err)
	}
	p, err := newPlugin(nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := p.GetLoadMode(); got != register.LoadModeTypesInfo {
		t.Errorf("GetLoadMode() = %q, want %q", got, register.LoadModeTypesInfo)
	}
	if got, want := names(p), "leakedgo,unjoined,ctxmissing"; got != want {
		t.Errorf("analyzers = %s, want %s", got, want)
	}
}

func TestSettings(t *testing.T) {
	for _, tc := range []struct {
		doc       string
		analyzers string
		flags     map[string]string // check.flag -> value
	}{
		{"", "leakedgo,unjoined,ctxmissing", map[string]string{"leakedgo.strict": "false", "ctxmissing.timeout": "30s"}},
		{`{}`, "leakedgo,unjoined,ctxmissing", nil},
		{`{"checks": {}}`, "leakedgo,unjoined,ctxmissing", nil},
		{`{"checks": {"unjoined": false}}`, "leakedgo,ctxmissing", nil},
		{`{"checks": {"unjoined": true, "leakedgo": {"enabled": false}}}`, "unjoined,ctxmissing", nil},
		{`{"checks": {"leakedgo": {"strict": true, "lockorder": true}, "ctxmissing": {"timeout": "10s", "main": true, "tests": true}}}`,
			"leakedgo,unjoined,ctxmissing",
			map[string]string{"leakedgo.strict": "true", "leakedgo.lockorder": "true", "ctxmissing.timeout": "10s", "ctxmissing.main": "true", "ctxmissing.tests": "true"}},
		// A flag left out is back to its default, whatever an earlier New set.
		{`{"checks": {"ctxmissing": {"main": true}}}`, "leakedgo,unjoined,ctxmissing",
			map[string]string{"leakedgo.strict": "false", "leakedgo.lockorder": "false", "ctxmissing.timeout": "30s", "ctxmissing.main": "true", "ctxmissing.tests": "false"}},
	} {
		p, err := New(settings(t, tc.doc))
		if err != nil {
			t.Errorf("New(%s): %v", tc.doc, err)
			continue
		}
		if got := names(p); got != tc.analyzers {
			t.Errorf("New(%s): analyzers %s, want %s", tc.doc, got, tc.analyzers)
		}
		for key, want := range tc.flags {
			check, name, _ := strings.Cut(key, ".")
			if got := flagValue(t, check, name); got != want {
				t.Errorf("New(%s): %s = %s, want %s", tc.doc, key, got, want)
			}
		}
	}
	New(nil) // leave the defaults for other tests
}

func TestSettingsErrors(t *testing.T) {
	for _, tc := range []struct{ doc, want string }{
		{`{"check": {}}`, `structlint: settings: decoding settings: json: unknown field "check"`},
		{`{"checks": {"leakgo": {}}}`, `checks: unknown check "leakgo" (the checks are leakedgo, unjoined, ctxmissing)`},
		{`{"checks": {"leakedgo": {"strikt": true}}}`, `checks.leakedgo: unknown option "strikt" (its options are enabled, lockorder, strict, tests)`},
		{`{"checks": {"ctxmissing": {"timeout": "soon"}}}`, `checks.ctxmissing.timeout: invalid value "soon"`},
		{`{"checks": {"ctxmissing": {"timeout": 10}}}`, `checks.ctxmissing.timeout: invalid value "10"`},
		{`{"checks": {"leakedgo": {"strict": "yes"}}}`, `checks.leakedgo.strict: invalid value "yes"`},
		{`{"checks": {"leakedgo": {"enabled": "no"}}}`, `checks.leakedgo.enabled: want true or false, not no`},
		{`{"checks": {"leakedgo": 1}}`, `checks.leakedgo: want true, false or a map of options, not 1`},
		{`{"checks": {"leakedgo": false, "unjoined": false, "ctxmissing": false}}`, `every check is disabled`},
	} {
		_, err := New(settings(t, tc.doc))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("New(%s) = %v, want an error containing %q", tc.doc, err, tc.want)
		}
	}
	New(nil)
}

// TestDocumentedOptions checks that every option the docs list can be set
// from the settings, under the name the docs give it.
func TestDocumentedOptions(t *testing.T) {
	for _, a := range analyzer.Suite {
		for _, o := range analyzer.Docs[a].Options {
			doc := `{"checks": {"` + a.Name + `": {"` + o.Name + `": "` + o.Default + `"}}}`
			if _, err := New(settings(t, doc)); err != nil {
				t.Errorf("documented option %s.%s: %v", a.Name, o.Name, err)
			}
		}
	}
	New(nil)
}

// TestFirstFixOnly checks that golangci-lint, which applies every fix of a
// diagnostic, gets only the first of structlint's alternative fixes.
func TestFirstFixOnly(t *testing.T) {
	var unjoined *analysis.Analyzer
	for _, a := range analyzer.Suite {
		if a.Name == "unjoined" {
			unjoined = a
		}
	}
	results := analysistest.Run(nopT{}, fixtest.Dir(), forGolangci(unjoined), "unjoined/waitgroup")
	diags := 0
	for _, r := range results {
		for _, d := range r.Diagnostics {
			diags++
			if len(d.SuggestedFixes) > 1 {
				t.Errorf("%s: %d fixes, want at most 1", d.Message, len(d.SuggestedFixes))
			}
		}
	}
	if diags == 0 {
		t.Fatal("no diagnostics: the fixture no longer exercises alternative fixes")
	}
}

// nopT ignores analysistest's complaints about expectations: the wrapped
// analyzer has another name than the one the fixtures' comments expect.
type nopT struct{}

func (nopT) Errorf(string, ...any) {}
