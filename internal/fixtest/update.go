package fixtest

import (
	"cmp"
	"flag"
	"fmt"
	"maps"
	"os"
	"slices"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/txtar"

	"github.com/structlint/structlint/internal/fix"
)

var update = flag.Bool("update", false, "rewrite the .golden files of fixtures from the fixes the analyzer suggests")

// Update rewrites, when the test runs with -update, the golden file of
// every fixture file under dir/src (matched by patterns) that a suggested
// fix of a edits, in the form analysistest.RunWithSuggestedFixes reads: the
// file with every fix applied, or, when some diagnostic offers several
// fixes, a txtar archive with one section per fix message. It removes the
// golden files of the other files. Review the change with git diff before
// committing it.
func Update(t *testing.T, dir string, a *analysis.Analyzer, patterns ...string) {
	if !*update {
		return
	}
	t.Helper()
	graph, err := checker.Analyze([]*analysis.Analyzer{a}, load(t, dir, patterns...), nil)
	if err != nil {
		t.Fatal(err)
	}
	gs := goldens(t, graph)
	for name, g := range gs {
		if err := os.WriteFile(name+".golden", g.bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(os.Stderr, "wrote %s.golden\n", name)
	}
	// A golden file left from a fix no longer offered would pass unseen:
	// RunWithSuggestedFixes reads only those of files a fix edits.
	for _, act := range graph.Roots {
		for _, name := range act.Package.CompiledGoFiles {
			if _, ok := gs[name]; ok {
				continue
			}
			if err := os.Remove(name + ".golden"); err == nil {
				fmt.Fprintf(os.Stderr, "removed %s.golden\n", name)
			} else if !os.IsNotExist(err) {
				t.Fatal(err)
			}
		}
	}
}

// A golden is what the fixes of a file make of it: one version with
// every fix applied, or, when some finding offers several fixes, one per
// fix message, with the fixes of that message applied.
type golden struct {
	versions []txtar.File // Name is the message; "" for the one version of every fix
}

// bytes renders g as analysistest.RunWithSuggestedFixes reads a golden
// file: the fixed file, or a txtar archive with a section per message.
func (g *golden) bytes() []byte {
	if len(g.versions) == 1 && g.versions[0].Name == "" {
		return g.versions[0].Data
	}
	return txtar.Format(&txtar.Archive{Files: g.versions})
}

// parseGolden reads a golden file as bytes wrote it.
func parseGolden(data []byte) *golden {
	if ar := txtar.Parse(data); len(ar.Files) > 0 {
		return &golden{ar.Files}
	}
	return &golden{[]txtar.File{{Data: data}}}
}

// goldens returns the golden of every file that a suggested fix of the
// root actions of graph edits, by file name.
func goldens(t *testing.T, graph *checker.Graph) map[string]*golden {
	t.Helper()
	// file → message → edits; and the files where a diagnostic has
	// alternative fixes.
	edits := make(map[string]map[string][]fix.Edit)
	alternatives := make(map[string]bool)
	for _, act := range graph.Roots {
		for _, d := range act.Diagnostics {
			for _, f := range d.SuggestedFixes {
				for _, e := range f.TextEdits {
					tf := act.Package.Fset.File(e.Pos)
					name := tf.Name()
					if edits[name] == nil {
						edits[name] = make(map[string][]fix.Edit)
					}
					edits[name][f.Message] = append(edits[name][f.Message], fix.Edit{Start: tf.Offset(e.Pos), End: tf.Offset(e.End), New: string(e.NewText)})
					alternatives[name] = alternatives[name] || len(d.SuggestedFixes) > 1
				}
			}
		}
	}
	apply := func(name string, content []byte, es []fix.Edit) []byte {
		// Identical edits of several findings are one, as analysistest
		// merges them.
		slices.SortStableFunc(es, func(x, y fix.Edit) int { return cmp.Compare(x.Start, y.Start) })
		out, err := fix.Apply(content, slices.Compact(es))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		// As analysistest does, and structlint -fix: gofmt'd, without
		// the imports the fixes left unused.
		if tidy, err := fix.Tidy(content, out); err == nil {
			return tidy
		}
		return out
	}
	out := make(map[string]*golden)
	for name, byMessage := range edits {
		content, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		g := new(golden)
		if alternatives[name] {
			for _, msg := range slices.Sorted(maps.Keys(byMessage)) {
				g.versions = append(g.versions, txtar.File{Name: msg, Data: apply(name, content, slices.Clone(byMessage[msg]))})
			}
		} else {
			var all []fix.Edit
			for _, msg := range slices.Sorted(maps.Keys(byMessage)) {
				all = append(all, byMessage[msg]...)
			}
			g.versions = []txtar.File{{Data: apply(name, content, all)}}
		}
		out[name] = g
	}
	return out
}
