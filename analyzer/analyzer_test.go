package analyzer_test

import (
	"flag"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/structlint/structlint/analyzer"
)

// TestDocs checks that every check is documented in full, and that its
// documented options are its flags. (TestREADME checks the README's
// sections, TestExamples the examples.)
func TestDocs(t *testing.T) {
	if err := analysis.Validate(analyzer.Suite); err != nil {
		t.Fatal(err)
	}
	for _, a := range analyzer.Suite {
		doc := analyzer.Docs[a]
		if doc == nil {
			t.Errorf("%s has no Docs entry", a.Name)
			continue
		}
		if doc.Name != a.Name {
			t.Errorf("%s: Docs entry is named %q", a.Name, doc.Name)
		}
		if a.Doc != doc.Doc() {
			t.Errorf("%s: Analyzer.Doc is not rendered from its Docs entry", a.Name)
		}
		for field, text := range map[string]string{"Title": doc.Title, "Summary": doc.Summary, "Text": doc.Text, "Why": doc.Why} {
			if strings.TrimSpace(text) == "" {
				t.Errorf("%s: %s is empty", a.Name, field)
			}
		}
		if len(doc.Examples) == 0 {
			t.Errorf("%s: no example", a.Name)
		}
		if !strings.HasPrefix(doc.Title, a.Name+": ") {
			t.Errorf("%s: title %q does not start with the check's name", a.Name, doc.Title)
		}
		documented := make(map[string]bool)
		for _, o := range doc.Options {
			documented[o.Name] = true
			f := a.Flags.Lookup(o.Name)
			if f == nil {
				t.Errorf("%s: documented option %s is not a flag", a.Name, o.Name)
			} else if f.DefValue != o.Default {
				t.Errorf("%s: option %s documents default %s, the flag's is %s", a.Name, o.Name, o.Default, f.DefValue)
			}
		}
		a.Flags.VisitAll(func(f *flag.Flag) {
			if !documented[f.Name] {
				t.Errorf("%s: flag %s is not documented", a.Name, f.Name)
			}
		})
	}
}
