package driver

import (
	"cmp"
	"encoding/json"
	"fmt"
	"go/token"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// A diagnostic is a finding in a root package, ready to print or fix.
type diagnostic struct {
	analysis.Diagnostic
	check string         // analyzer name
	posn  token.Position // of Pos
}

// diagnostics returns the root packages' diagnostics sorted by file,
// line, column and check, without duplicates.
func (r *runner) diagnostics() []diagnostic {
	var all []diagnostic
	for _, n := range r.nodes {
		if !n.root {
			continue
		}
		for _, act := range n.actions {
			for _, d := range act.diagnostics {
				all = append(all, diagnostic{d, act.analyzer.Name, r.fset.Position(d.Pos)})
			}
		}
	}
	slices.SortStableFunc(all, func(x, y diagnostic) int {
		return cmp.Or(
			cmp.Compare(x.posn.Filename, y.posn.Filename),
			cmp.Compare(x.posn.Line, y.posn.Line),
			cmp.Compare(x.posn.Column, y.posn.Column),
			cmp.Compare(x.check, y.check),
			cmp.Compare(x.Message, y.Message))
	})
	return slices.CompactFunc(all, func(x, y diagnostic) bool {
		return x.posn == y.posn && x.End == y.End && x.check == y.check && x.Message == y.Message
	})
}

// sourceFiles returns the root packages' files by name.
func (r *runner) sourceFiles() map[string]sourceFile {
	files := make(map[string]sourceFile)
	for _, n := range r.nodes {
		for _, f := range n.files {
			files[f.name] = f
		}
	}
	return files
}

// goMods returns the go.mod file of the module of each source file, for
// the packages that belong to one.
func (r *runner) goMods() map[string]string {
	mods := make(map[string]string)
	for _, n := range r.nodes {
		if n.pkg.Module == nil || n.pkg.Module.GoMod == "" {
			continue
		}
		for _, f := range n.files {
			mods[f.name] = n.pkg.Module.GoMod
		}
	}
	return mods
}

// sortedNodes returns the nodes in package ID order.
func (r *runner) sortedNodes() []*node {
	nodes := slices.Clone(r.nodes)
	slices.SortFunc(nodes, func(x, y *node) int { return cmp.Compare(x.pkg.ID, y.pkg.ID) })
	return nodes
}

// maxErrors is how many errors of one package are printed.
const maxErrors = 10

// printPackageErrors prints the first few errors of each package that
// does not load, parse or type-check, and returns how many such packages
// there are. A pattern that go list could not resolve comes as a
// package with no files and a message that names it.
func (r *runner) printPackageErrors(w io.Writer, prog string, rel func(string) string) int {
	count := 0
	for _, n := range r.sortedNodes() {
		if len(n.errs) == 0 {
			continue
		}
		count++
		if len(n.pkg.CompiledGoFiles) == 0 {
			for _, err := range n.errs {
				fmt.Fprintf(w, "%s: %s\n", prog, rel(err.msg))
			}
			continue
		}
		fmt.Fprintf(w, "%s: %s has errors:\n", prog, n.pkg.ID)
		for i, err := range n.errs {
			if i == maxErrors {
				fmt.Fprintf(w, "\t(and %d more)\n", len(n.errs)-maxErrors)
				break
			}
			fmt.Fprintf(w, "\t%s\n", rel(err.Error()))
		}
	}
	return count
}

// printActionErrors prints the analyzers that failed, or did not run on
// a root package, grouping the analyzers that did not run for the same
// reason on one line. Not running because of the package's own errors
// goes without saying. It returns how many lines it printed.
func (r *runner) printActionErrors(w io.Writer, prog string) int {
	count := 0
	for _, n := range r.sortedNodes() {
		var reasons []string
		checks := make(map[string][]string)
		for _, act := range n.actions {
			if act.err == nil || len(n.errs) > 0 && act.err == skipError("analysis skipped due to errors in package") {
				continue
			}
			msg := act.err.Error()
			if checks[msg] == nil {
				reasons = append(reasons, msg)
			}
			checks[msg] = append(checks[msg], act.analyzer.Name)
		}
		for _, msg := range reasons {
			count++
			fmt.Fprintf(w, "%s: %s on %s: %s\n", prog, strings.Join(checks[msg], ", "), n.pkg.ID, msg)
		}
	}
	return count
}

// printText prints diagnostics as "file:line:col: message (check)",
// with related information indented below.
func printText(w io.Writer, fset *token.FileSet, diags []diagnostic, rel func(string) string) {
	for _, d := range diags {
		fmt.Fprintf(w, "%s: %s (%s)\n", rel(d.posn.String()), d.Message, d.check)
		for _, related := range d.Related {
			fmt.Fprintf(w, "\t%s: %s\n", rel(fset.Position(related.Pos).String()), related.Message)
		}
	}
}

// relativeTo returns a function that shortens the names of files inside
// dir, in a file name or a message, to paths relative to dir.
func relativeTo(dir string) func(string) string {
	return func(s string) string {
		if dir == "" {
			return s
		}
		return strings.ReplaceAll(s, dir+string(filepath.Separator), "")
	}
}

// The JSON output has the shape of go vet -json (and of the x/tools
// checkers): package path → analyzer name → diagnostics, or an error.
type (
	jsonTree       map[string]map[string]any
	jsonDiagnostic struct {
		Category       string             `json:"category,omitempty"`
		Posn           string             `json:"posn"`
		End            string             `json:"end"`
		Message        string             `json:"message"`
		SuggestedFixes []jsonSuggestedFix `json:"suggested_fixes,omitempty"`
		Related        []jsonRelated      `json:"related,omitempty"`
	}
	jsonSuggestedFix struct {
		Message string         `json:"message"`
		Edits   []jsonTextEdit `json:"edits"`
	}
	jsonTextEdit struct {
		Filename string `json:"filename"`
		Start    int    `json:"start"`
		End      int    `json:"end"`
		New      string `json:"new"`
	}
	jsonRelated struct {
		Posn    string `json:"posn"`
		End     string `json:"end"`
		Message string `json:"message"`
	}
	jsonError struct {
		Err string `json:"error"`
	}
)

// printJSON prints the diagnostics and errors of the run as a jsonTree.
// A root package is keyed by its package path, as go vet does; a
// dependency (which appears only when an analyzer failed on it) by its
// package ID.
func (r *runner) printJSON(w io.Writer) error {
	tree := make(jsonTree)
	position := func(pos token.Pos) string { return r.fset.Position(pos).String() }
	for _, n := range r.sortedNodes() {
		key := n.pkg.ID
		if n.root {
			key = n.pkg.PkgPath
		}
		for _, act := range n.actions {
			var v any
			if act.err != nil {
				v = jsonError{act.err.Error()}
			} else if len(act.diagnostics) > 0 {
				var list []jsonDiagnostic
				for _, d := range act.diagnostics {
					jd := jsonDiagnostic{
						Category: d.Category,
						Posn:     position(d.Pos),
						End:      position(cmp.Or(d.End, d.Pos)),
						Message:  d.Message,
					}
					for _, fix := range d.SuggestedFixes {
						jf := jsonSuggestedFix{Message: fix.Message}
						for _, e := range fix.TextEdits {
							tokFile := r.fset.File(e.Pos)
							jf.Edits = append(jf.Edits, jsonTextEdit{tokFile.Name(), tokFile.Offset(e.Pos), tokFile.Offset(e.End), string(e.NewText)})
						}
						jd.SuggestedFixes = append(jd.SuggestedFixes, jf)
					}
					for _, rel := range d.Related {
						jd.Related = append(jd.Related, jsonRelated{position(rel.Pos), position(cmp.Or(rel.End, rel.Pos)), rel.Message})
					}
					list = append(list, jd)
				}
				v = list
			} else {
				continue
			}
			if tree[key] == nil {
				tree[key] = make(map[string]any)
			}
			tree[key][act.analyzer.Name] = v
		}
	}
	data, err := json.MarshalIndent(tree, "", "\t")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", data)
	return err
}
