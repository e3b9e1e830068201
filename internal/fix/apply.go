package fix

import (
	"bytes"
	"cmp"
	"fmt"
	"go/parser"
	"go/token"
	"slices"

	"golang.org/x/tools/go/analysis"
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
