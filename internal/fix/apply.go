package fix

import (
	"bytes"
	"cmp"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	pathpkg "path"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
)

// An Edit replaces the bytes [Start, End) of a file with New.
type Edit struct {
	Start, End int
	New        string
}

// Offsets converts the edits of a fix to byte offsets, by file name. It
// fails on an edit outside any file of fset, one that ends before it
// starts or after its file's end, and one that spans files.
func Offsets(fset *token.FileSet, edits []analysis.TextEdit) (map[string][]Edit, error) {
	byFile := make(map[string][]Edit)
	for _, e := range edits {
		file := fset.File(e.Pos)
		if file == nil {
			return nil, fmt.Errorf("an edit at %d is in no file", e.Pos)
		}
		end := e.End
		if !end.IsValid() {
			end = e.Pos
		}
		fileEnd := token.Pos(file.Base() + file.Size())
		switch {
		case end < e.Pos:
			return nil, fmt.Errorf("an edit at %s ends before it starts", fset.Position(e.Pos))
		case end > fileEnd:
			return nil, fmt.Errorf("an edit at %s ends past the end of its file", fset.Position(e.Pos))
		}
		byFile[file.Name()] = append(byFile[file.Name()], Edit{file.Offset(e.Pos), file.Offset(end), string(e.NewText)})
	}
	return byFile, nil
}

// Apply returns src with edits applied. Edits are ordered by where they
// start, insertions at one point in the order given, before a
// replacement starting there; they must not overlap, and an insertion
// must not fall inside a replaced range.
func Apply(src []byte, edits []Edit) ([]byte, error) {
	edits = slices.Clone(edits)
	slices.SortStableFunc(edits, func(x, y Edit) int {
		return cmp.Or(cmp.Compare(x.Start, y.Start), cmp.Compare(x.End, y.End))
	})
	var out bytes.Buffer
	last := 0
	for _, e := range edits {
		if e.Start < last {
			return nil, fmt.Errorf("overlapping edits at offset %d", e.Start)
		}
		if e.End > len(src) {
			return nil, fmt.Errorf("an edit at offset %d ends past the end of the file", e.Start)
		}
		out.Write(src[last:e.Start])
		out.WriteString(e.New)
		last = e.End
	}
	out.Write(src[last:])
	return out.Bytes(), nil
}

// conflicts reports whether e and f, edits of two fixes, cannot both be
// applied in a well-defined order: they overlap, or insert at one point.
func (e Edit) conflicts(f Edit) bool {
	eIns, fIns := e.Start == e.End, f.Start == f.End
	switch {
	case eIns && fIns:
		return e.Start == f.Start
	case eIns:
		return f.Start < e.Start && e.Start < f.End
	case fIns:
		return e.Start < f.Start && f.Start < e.End
	}
	return e.Start < f.End && f.Start < e.End
}

// Merge adds the edits of one fix (by file name, as Offsets returns them)
// to those accepted so far, as structlint -fix and the tests merge the
// fixes of a package: an edit identical to an accepted one is a duplicate
// (two fixes adding the same import); one that conflicts with an accepted
// one, or inserts other text at the same point, rejects the whole fix,
// and Merge returns false with accepted unchanged.
func Merge(accepted map[string][]Edit, fix map[string][]Edit) bool {
	fresh := make(map[string][]Edit)
	for name, edits := range fix {
		for _, e := range edits {
			if slices.Contains(accepted[name], e) {
				continue
			}
			for _, prev := range accepted[name] {
				if e.conflicts(prev) {
					return false
				}
			}
			fresh[name] = append(fresh[name], e)
		}
	}
	for name, edits := range fresh {
		accepted[name] = append(accepted[name], edits...)
	}
	return true
}

// Check reports why suggested fix f cannot be applied on its own, or nil:
// an edit is out of its file's bounds, two edits overlap, or a file it
// edits does not parse once it is applied. readFile reads the content a
// file of fset was parsed from (analysis.Pass.ReadFile).
func Check(fset *token.FileSet, readFile func(string) ([]byte, error), f analysis.SuggestedFix) error {
	if len(f.TextEdits) == 0 {
		return fmt.Errorf("it has no edits")
	}
	byFile, err := Offsets(fset, f.TextEdits)
	if err != nil {
		return err
	}
	for name, edits := range byFile {
		src, err := readFile(name)
		if err != nil {
			return err
		}
		fixed, err := Apply(src, edits)
		if err != nil {
			return fmt.Errorf("%s: %v", name, err)
		}
		if _, err := parser.ParseFile(token.NewFileSet(), name, fixed, parser.SkipObjectResolution); err != nil {
			return fmt.Errorf("the fixed file does not parse: %v", err)
		}
	}
	return nil
}

// Tidy returns fixed, the content of a file once the fixes merged for it
// are applied, gofmt'd and without the imports the fixes left unused: an
// import that the file named before (name.X) and names no more. Each of
// two fixes that rewrite one WaitGroup of a file keeps "sync" for the
// other; merged, they leave it unused. Every use of an import is a
// selector, so one that names none is unused; an import whose name its
// path does not end with (yaml.v3, go-sqlite3) is kept. fixed must parse.
func Tidy(old, fixed []byte) ([]byte, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "fixed.go", fixed, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	named := selectorNames(f)
	var before map[string]bool
	if o, err := parser.ParseFile(token.NewFileSet(), "old.go", old, parser.SkipObjectResolution); err == nil {
		before = selectorNames(o)
	}
	for _, spec := range slices.Clone(f.Imports) {
		path := importPath(spec)
		name := pathpkg.Base(path)
		if spec.Name != nil {
			name = spec.Name.Name
		}
		if !token.IsIdentifier(name) || !before[name] || named[name] {
			continue
		}
		alias := ""
		if spec.Name != nil {
			alias = name
		}
		astutil.DeleteNamedImport(fset, f, alias, path)
	}
	var buf bytes.Buffer
	if err := format.Node(&buf, fset, f); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// selectorNames returns the identifiers that are the X of a selector X.Y
// in f, outside its imports.
func selectorNames(f *ast.File) map[string]bool {
	names := make(map[string]bool)
	for _, decl := range f.Decls {
		ast.Inspect(decl, func(n ast.Node) bool {
			if sel, ok := n.(*ast.SelectorExpr); ok {
				if id, ok := sel.X.(*ast.Ident); ok {
					names[id.Name] = true
				}
			}
			return true
		})
	}
	return names
}
