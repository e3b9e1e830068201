// Package fix builds the suggested fixes of structlint's passes: text edits
// computed from the syntax tree, the imports they need, and the small
// pieces of code they insert (zero values, fresh names, indentation), so
// that a fixed file reads as if written by hand.
package fix

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	pathpkg "path"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/structlint/structlint/internal/model"
)

// A Builder accumulates the edits of one fix to files of one package.
type Builder struct {
	Pass    *analysis.Pass
	File    *ast.File // the file being edited
	Edits   []analysis.TextEdit
	imports []string          // specs to add to File's imports, `"path"` or `name "path"`
	dropped []*ast.ImportSpec // imports the fix leaves unused, to delete
}

// NewBuilder returns a builder for a fix to the file containing pos, or nil
// if pos is in none of the pass's files.
func NewBuilder(pass *analysis.Pass, pos token.Pos) *Builder {
	for _, f := range pass.Files {
		if f.FileStart <= pos && pos <= f.FileEnd {
			return &Builder{Pass: pass, File: f}
		}
	}
	return nil
}

// Replace replaces the source of [pos, end) with text.
func (b *Builder) Replace(pos, end token.Pos, text string) {
	b.Edits = append(b.Edits, analysis.TextEdit{Pos: pos, End: end, NewText: []byte(text)})
}

// Insert inserts text at pos.
func (b *Builder) Insert(pos token.Pos, text string) { b.Replace(pos, pos, text) }

// Fix returns the suggested fix with the given message: the edits made so
// far and those that add the imports asked for. A fix that adds an import
// of the runtime says so in its message, which every driver shows (gopls
// as the quick fix's title): the module must require the runtime for the
// fixed code to build.
func (b *Builder) Fix(message string) analysis.SuggestedFix {
	if slices.ContainsFunc(b.imports, func(spec string) bool { return specPath(spec) == model.TaskPath }) {
		message += fmt.Sprintf(" (imports %s, which the module must require)", model.TaskPath)
	}
	edits := slices.Clip(b.Edits)
	first := importDecl(b.File)
	for _, decl := range importDecls(b.File) {
		var dropped []*ast.ImportSpec
		for _, spec := range b.dropped {
			if decl.Pos() <= spec.Pos() && spec.End() <= decl.End() {
				dropped = append(dropped, spec)
			}
		}
		var imports []string
		if decl == first {
			imports = b.imports
		}
		edits = append(edits, b.declEdits(decl, imports, dropped)...)
	}
	if first == nil && len(b.imports) > 0 {
		edits = append(edits, importEdits(b.File, b.imports, nil)...)
	}
	return analysis.SuggestedFix{Message: message, TextEdits: edits}
}

// declEdits returns the edits to import declaration decl that add specs
// (`"path"` or `name "path"`) and delete the specs in dropped.
func (b *Builder) declEdits(decl *ast.GenDecl, specs []string, dropped []*ast.ImportSpec) []analysis.TextEdit {
	switch {
	case len(specs) == 0 && len(dropped) == 0:
		return nil
	case len(specs) == 0 && len(dropped) == len(decl.Specs):
		return []analysis.TextEdit{b.lineDeletion(decl)} // no import is left
	case !decl.Lparen.IsValid():
		var lone *ast.ImportSpec
		if len(dropped) > 0 {
			lone = dropped[0]
		}
		return importEdits(b.File, specs, lone) // import "x" written anew
	case len(dropped) == 0:
		return importEdits(b.File, specs, nil)
	case len(specs) == 0:
		var edits []analysis.TextEdit
		for _, spec := range dropped {
			edits = append(edits, b.lineDeletion(spec))
		}
		return edits
	}
	return []analysis.TextEdit{b.regroup(decl, specs, dropped)}
}

// Source returns the source text of node as written.
func (b *Builder) Source(node ast.Node) string {
	return string(b.source(node.Pos(), node.End()))
}

func (b *Builder) source(pos, end token.Pos) []byte {
	tf := b.Pass.Fset.File(pos)
	content, err := b.Pass.ReadFile(tf.Name())
	if err != nil {
		return nil
	}
	return content[tf.Offset(pos):tf.Offset(end)]
}

// Indent returns the indentation of the line containing pos.
func (b *Builder) Indent(pos token.Pos) string {
	tf := b.Pass.Fset.File(pos)
	line := b.source(tf.LineStart(tf.Line(pos)), pos)
	return string(line[:len(line)-len(bytes.TrimLeft(line, " \t"))])
}

// LineEnd returns the position of the end of the line containing pos,
// after any trailing comment: where a statement inserted after the one at
// pos goes, so that the comment stays with its line.
func (b *Builder) LineEnd(pos token.Pos) token.Pos {
	tf := b.Pass.Fset.File(pos)
	content, err := b.Pass.ReadFile(tf.Name())
	if err != nil {
		return pos
	}
	off := tf.Offset(pos)
	if i := bytes.IndexByte(content[off:], '\n'); i >= 0 {
		return pos + token.Pos(i)
	}
	return tf.Pos(tf.Size())
}

// DeleteLine deletes node, with its whole line when nothing else is on it.
func (b *Builder) DeleteLine(node ast.Node) {
	b.Edits = append(b.Edits, b.lineDeletion(node))
}

// lineDeletion returns the edit DeleteLine makes.
func (b *Builder) lineDeletion(node ast.Node) analysis.TextEdit {
	tf := b.Pass.Fset.File(node.Pos())
	start := tf.LineStart(tf.Line(node.Pos()))
	end := b.LineEnd(node.End())
	if len(bytes.TrimSpace(b.source(start, node.Pos()))) == 0 && len(bytes.TrimSpace(b.source(node.End(), end))) == 0 && int(end-token.Pos(tf.Base())) < tf.Size() {
		return analysis.TextEdit{Pos: start, End: end + 1}
	}
	return analysis.TextEdit{Pos: node.Pos(), End: node.End()}
}

// Import makes the package at path usable at pos and returns the name to
// qualify its members with (e.g. "time"). If the file imports the package
// already under a name visible at pos, that name is used; otherwise an
// import is added (renamed only when its name is taken at pos), in the
// standard-library group for std packages or after it for others.
func (b *Builder) Import(path string, pos token.Pos) string {
	info := b.Pass.TypesInfo
	scope := info.Scopes[b.File].Innermost(pos)
	for _, spec := range b.File.Imports {
		pkgName := info.PkgNameOf(spec)
		if pkgName == nil || pkgName.Imported().Path() != path || pkgName.Name() == "_" || pkgName.Name() == "." {
			continue
		}
		if _, obj := scope.LookupParent(pkgName.Name(), pos); obj == pkgName {
			return pkgName.Name()
		}
	}
	base := pathpkg.Base(path)
	name := freshName(scope, pos, base)
	spec := strconv.Quote(path)
	if name != base {
		spec = name + " " + spec
	}
	if !slices.Contains(b.imports, spec) {
		b.imports = append(b.imports, spec)
	}
	return name
}

// ForgetImport deletes the file's import of path when none of its uses
// lies outside the nodes being replaced: after rewriting the only
// var wg sync.WaitGroup of a file, "sync" must go too.
func (b *Builder) ForgetImport(path string, replaced ...ast.Node) {
	for _, spec := range b.File.Imports {
		pkgName := b.Pass.TypesInfo.PkgNameOf(spec)
		if pkgName == nil || pkgName.Imported().Path() != path {
			continue
		}
		used := false
		ast.Inspect(b.File, func(n ast.Node) bool {
			id, ok := n.(*ast.Ident)
			if !ok || used || b.Pass.TypesInfo.Uses[id] != pkgName {
				return !used
			}
			for _, r := range replaced {
				if r.Pos() <= id.Pos() && id.End() <= r.End() {
					return true
				}
			}
			used = true
			return false
		})
		if !used && !slices.Contains(b.dropped, spec) {
			b.dropped = append(b.dropped, spec) // Fix deletes it
		}
	}
}

// importEdits returns the edits that add specs (`"path"` or `name "path"`)
// to file's imports: standard packages in the first run of the group, the
// others in a run after it, each in order.
// A dropped import (import "x" that the fix leaves unused) is left out of
// the declaration written in its place.
func importEdits(file *ast.File, specs []string, dropped *ast.ImportSpec) []analysis.TextEdit {
	byPath := func(a, b string) int { return strings.Compare(specPath(a), specPath(b)) }
	specs = slices.Clone(specs)
	slices.SortFunc(specs, byPath)
	decl := importDecl(file)
	if decl == nil || !decl.Lparen.IsValid() {
		// No imports, or import "x": write the whole declaration.
		if decl != nil && decl.Specs[0] != dropped {
			old := decl.Specs[0].(*ast.ImportSpec)
			spec := old.Path.Value
			if old.Name != nil {
				spec = old.Name.Name + " " + spec
			}
			specs = append(specs, spec)
			slices.SortFunc(specs, byPath)
		}
		var std, other []string
		for _, spec := range specs {
			if isStd(specPath(spec)) {
				std = append(std, spec)
			} else {
				other = append(other, spec)
			}
		}
		text := "import " + specs[0]
		if len(specs) > 1 {
			runs := strings.Join(std, "\n\t")
			if len(std) > 0 && len(other) > 0 {
				runs += "\n\n\t"
			}
			text = "import (\n\t" + runs + strings.Join(other, "\n\t") + "\n)"
		}
		if decl == nil {
			return []analysis.TextEdit{{Pos: file.Name.End(), End: file.Name.End(), NewText: []byte("\n\n" + text)}}
		}
		return []analysis.TextEdit{{Pos: decl.Pos(), End: decl.End(), NewText: []byte(text)}}
	}
	// A group: insert each where it sorts, specs landing at one place in
	// one edit.
	var inserts []*insertion
	for _, spec := range specs {
		ins := groupInsertion(decl, specPath(spec))
		i := slices.IndexFunc(inserts, func(at *insertion) bool { return at.pos == ins.pos })
		if i < 0 {
			i = len(inserts)
			inserts = append(inserts, &ins)
		}
		inserts[i].specs = append(inserts[i].specs, spec)
	}
	var edits []analysis.TextEdit
	for _, ins := range inserts {
		edits = append(edits, ins.edit())
	}
	return edits
}

// importDecl returns the file's first import declaration, or nil.
func importDecl(file *ast.File) *ast.GenDecl {
	if decls := importDecls(file); len(decls) > 0 {
		return decls[0]
	}
	return nil
}

// importDecls returns the file's import declarations.
func importDecls(file *ast.File) []*ast.GenDecl {
	var decls []*ast.GenDecl
	for _, d := range file.Decls {
		if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.IMPORT {
			decls = append(decls, g)
		}
	}
	return decls
}

// regroup returns the edit that rewrites the specs of the import group
// decl with specs added and the specs in dropped (and their doc comments)
// deleted, line by line, so that a new import takes the place of a
// dropped one where it sorts: errgroup's line becomes the runtime's.
// The other lines, comments included, are kept as written; runs are
// separated by one blank line.
func (b *Builder) regroup(decl *ast.GenDecl, specs []string, dropped []*ast.ImportSpec) analysis.TextEdit {
	tf := b.Pass.Fset.File(decl.Pos())
	line0 := tf.Line(decl.Lparen)
	lines := strings.Split(string(b.source(decl.Lparen+1, decl.Rparen)), "\n")
	// The kept specs, by line.
	type kept struct {
		path string
		from int // the first line of its doc comment
	}
	byLine := make(map[int]kept)
	for _, s := range decl.Specs {
		spec := s.(*ast.ImportSpec)
		from, to := tf.Line(startOf(spec))-line0, tf.Line(spec.End())-line0
		if slices.Contains(dropped, spec) {
			for i := from; i <= to && i < len(lines)-1; i++ {
				lines[i] = "\x00" // deleted
			}
			continue
		}
		byLine[to] = kept{importPath(spec), from}
	}
	slices.SortFunc(specs, func(x, y string) int { return strings.Compare(specPath(x), specPath(y)) })
	for _, spec := range specs {
		path, std := specPath(spec), isStd(specPath(spec))
		at, lastOfKind := -1, -1
		for i := 1; i < len(lines)-1; i++ {
			k, ok := byLine[i]
			if !ok || isStd(k.path) != std {
				continue
			}
			if k.path > path {
				at = k.from
				break
			}
			lastOfKind = i + 1
		}
		added := []string{"\t" + spec}
		switch {
		case at >= 0:
		case lastOfKind >= 0:
			at = lastOfKind
		case std:
			at, added = 1, append(added, "") // a run of its own, first
		default:
			at, added = len(lines)-1, append([]string{""}, added...) // a run of its own, last
		}
		lines = slices.Insert(lines, at, added...)
		shifted := make(map[int]kept)
		for i, k := range byLine {
			if i >= at {
				i += len(added)
				k.from += len(added)
			}
			shifted[i] = k
		}
		byLine = shifted
	}
	// Drop the deleted lines, and blank lines that are not between runs.
	var out []string
	for i, l := range lines {
		blank := strings.TrimSpace(l) == ""
		switch {
		case l == "\x00":
		case i > 0 && i < len(lines)-1 && blank && (len(out) == 1 || strings.TrimSpace(out[len(out)-1]) == ""):
		default:
			out = append(out, l)
		}
	}
	if n := len(out); n > 2 && strings.TrimSpace(out[n-2]) == "" {
		out = slices.Delete(out, n-2, n-1)
	}
	return analysis.TextEdit{Pos: decl.Lparen + 1, End: decl.Rparen, NewText: []byte(strings.Join(out, "\n"))}
}

// An insertion adds specs at pos in an import group, between prefix and
// suffix.
type insertion struct {
	pos            token.Pos
	prefix, suffix string
	specs          []string
}

func (ins *insertion) edit() analysis.TextEdit {
	text := ins.prefix + strings.Join(ins.specs, "\n\t") + ins.suffix
	return analysis.TextEdit{Pos: ins.pos, End: ins.pos, NewText: []byte(text)}
}

// groupInsertion returns where an import of path goes in the group decl:
// in order within the run of standard or other packages.
func groupInsertion(decl *ast.GenDecl, path string) insertion {
	std := isStd(path)
	var last *ast.ImportSpec
	for _, s := range decl.Specs {
		is := s.(*ast.ImportSpec)
		if isStd(importPath(is)) != std {
			if std && last == nil {
				// Non-std imports come first: put std before them.
				return insertion{pos: startOf(is), suffix: "\n\n\t"}
			}
			continue
		}
		if importPath(is) > path {
			return insertion{pos: startOf(is), suffix: "\n\t"}
		}
		last = is
	}
	if last == nil {
		// No import of this kind yet: a new run at the end.
		return insertion{pos: decl.Rparen, prefix: "\n\t", suffix: "\n"}
	}
	return insertion{pos: last.End(), prefix: "\n\t"}
}

// specPath returns the path an import spec names.
func specPath(spec string) string {
	f := strings.Fields(spec)
	p, _ := strconv.Unquote(f[len(f)-1])
	return p
}

// startOf returns where an import spec begins, including its doc comment.
func startOf(spec *ast.ImportSpec) token.Pos {
	if spec.Doc != nil {
		return spec.Doc.Pos()
	}
	return spec.Pos()
}

func importPath(spec *ast.ImportSpec) string {
	p, _ := strconv.Unquote(spec.Path.Value)
	return p
}

// isStd reports whether path looks like a standard library package: its
// first element has no dot.
func isStd(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".")
}

// FreshName returns name, or name followed by a number, whichever is first
// free for a new variable declared at pos, a statement's position in
// scope (or in a scope of that statement, like an if's): not declared in
// the block the declaration goes into, not visible at pos from an
// enclosing one, not declared after pos in a block it encloses, and not
// claimed there by another fix of m's package (see model.Model.Claim; m
// may be nil), nor hidden at uses, where the fix refers to it.
func FreshName(m *model.Model, scope *types.Scope, pos token.Pos, name string, uses ...token.Pos) string {
	for scope.Parent() != nil && scope.Parent() != types.Universe && scope.Pos() >= pos {
		scope = scope.Parent() // the statement's own scope: the declaration goes before it
	}
	fresh := name
	for i := 2; taken(scope, pos, fresh) || shadowed(scope, fresh, uses) || m != nil && !m.Claim(scope, fresh); i++ {
		fresh = name + strconv.Itoa(i)
	}
	return fresh
}

// freshName is FreshName for a name in scope at pos without declaring it
// there, as an import's name.
func freshName(scope *types.Scope, pos token.Pos, name string) string {
	fresh := name
	for i := 2; taken(scope, pos, fresh); i++ {
		fresh = name + strconv.Itoa(i)
	}
	return fresh
}

func taken(scope *types.Scope, pos token.Pos, name string) bool {
	if _, obj := scope.LookupParent(name, pos); obj != nil {
		return true
	}
	// A later declaration in the same scope would clash with a new one.
	if obj := scope.Lookup(name); obj != nil {
		return true
	}
	for i := 0; i < scope.NumChildren(); i++ {
		if child := scope.Child(i); child.Pos() > pos && child.Lookup(name) != nil {
			return true
		}
	}
	return false
}

// shadowed reports whether a declaration in a block between scope and a
// use at one of uses hides name there: for g := range n { g.Go(…) }.
func shadowed(scope *types.Scope, name string, uses []token.Pos) bool {
	for _, use := range uses {
		for s := scope.Innermost(use); s != nil && s != scope; s = s.Parent() {
			if obj := s.Lookup(name); obj != nil && obj.Pos() < use {
				return true
			}
		}
	}
	return false
}

// ZeroValue returns Go source for the zero value of t, as written in the
// builder's file, or false if t cannot be named there (e.g. a type of a
// package the file does not import).
func (b *Builder) ZeroValue(t types.Type) (string, bool) {
	switch u := t.Underlying().(type) {
	case *types.Basic:
		switch {
		case u.Info()&types.IsBoolean != 0:
			return "false", true
		case u.Info()&types.IsNumeric != 0:
			return "0", true
		case u.Info()&types.IsString != 0:
			return `""`, true
		case u.Kind() == types.UnsafePointer:
			return "nil", true
		}
	case *types.Pointer, *types.Slice, *types.Map, *types.Chan, *types.Signature, *types.Interface:
		if _, ok := t.(*types.TypeParam); !ok {
			return "nil", true
		}
	case *types.Struct, *types.Array:
		if name, ok := b.TypeName(t); ok {
			return name + "{}", true
		}
		return "", false
	}
	if _, ok := t.(*types.TypeParam); ok {
		name, ok := b.TypeName(t)
		return "*new(" + name + ")", ok
	}
	return "", false
}

// TypeName renders t as written in the builder's file, or false if it
// names a package the file does not import.
func (b *Builder) TypeName(t types.Type) (string, bool) {
	ok := true
	qual := func(p *types.Package) string {
		if p == b.Pass.Pkg {
			return ""
		}
		for _, spec := range b.File.Imports {
			if pn := b.Pass.TypesInfo.PkgNameOf(spec); pn != nil && pn.Imported() == p && pn.Name() != "_" && pn.Name() != "." {
				return pn.Name()
			}
		}
		ok = false
		return p.Name()
	}
	s := types.TypeString(t, qual)
	return s, ok
}
