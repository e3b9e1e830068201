package driver

import (
	"bytes"
	"errors"
	"fmt"
	"go/token"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strconv"

	"github.com/structlint/structlint/internal/fix"
	"github.com/structlint/structlint/internal/model"
)

// Applying fixes. Each diagnostic offers at most one fix we apply: its
// first. A fix is a set of edits that must be applied together. Fixes are
// merged in the order of the diagnostics: an edit identical to one
// already accepted is a duplicate and merges silently (two diagnostics
// adding the same import); an edit that overlaps an accepted one, or
// inserts different text at the same offset, is a conflict, and its whole
// fix is skipped. The merged edits are applied to each file's content,
// the result is gofmt'd when it parses, without the imports the fixes
// left unused (see fix.Tidy), and the file is replaced atomically, so a
// failure never leaves it half written.

// A fixOutcome says what happened to one diagnostic's fix.
type fixOutcome int

const (
	noFix      fixOutcome = iota // the diagnostic offers no fix
	fixed                        // its fix was merged
	fixSkipped                   // its fix conflicts, or edits a file it must not
)

// A fixSet accumulates the edits of the fixes accepted so far.
type fixSet struct {
	fset  *token.FileSet
	files map[string]sourceFile // the files fixes may edit
	edits map[string][]fix.Edit // accepted edits, by file name, in acceptance order
}

func newFixSet(fset *token.FileSet, files map[string]sourceFile) *fixSet {
	return &fixSet{fset: fset, files: files, edits: make(map[string][]fix.Edit)}
}

// add merges the first fix of d, a diagnostic of a root package, and
// says what became of it. The reason explains a skipped fix.
func (s *fixSet) add(d diagnostic) (outcome fixOutcome, reason string) {
	if len(d.SuggestedFixes) == 0 {
		return noFix, ""
	}
	byFile, err := fix.Offsets(s.fset, d.SuggestedFixes[0].TextEdits)
	if err != nil {
		return fixSkipped, err.Error() // not reached: the runner checked it
	}
	for name := range byFile {
		switch file, ok := s.files[name]; {
		case !ok || !file.editable:
			return fixSkipped, fmt.Sprintf("it edits %s, which is not a source file of an analyzed package", name)
		case file.generated:
			return fixSkipped, fmt.Sprintf("it edits the generated file %s", name)
		}
	}
	if !fix.Merge(s.edits, byFile) {
		return fixSkipped, "it conflicts with the fix of an earlier diagnostic; run again to apply it"
	}
	return fixed, ""
}

// A fixedFile is a file's content before and after its fixes.
type fixedFile struct {
	name        string
	old, new    []byte
	unformatted bool // the result does not parse, so it was not gofmt'd
}

// apply applies the accepted edits to each file's current content, in
// file name order. A file that cannot be read, or changed since it was
// analyzed, is left out, and the error says so.
func (s *fixSet) apply() ([]fixedFile, error) {
	names := make([]string, 0, len(s.edits))
	for name := range s.edits {
		names = append(names, name)
	}
	sort.Strings(names)
	var (
		out  []fixedFile
		errs []error
	)
	for _, name := range names {
		old, err := os.ReadFile(name)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if size := s.files[name].tokFile.Size(); len(old) != size {
			errs = append(errs, fmt.Errorf("%s changed while it was analyzed (%d bytes, then %d); not fixing it", name, size, len(old)))
			continue
		}
		content, err := fix.Apply(old, s.edits[name])
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %v", name, err)) // not reached: Merge keeps them apart
			continue
		}
		f := fixedFile{name: name, old: old, new: content}
		if tidy, err := fix.Tidy(old, content); err == nil {
			f.new = tidy
		} else {
			f.unformatted = true
		}
		out = append(out, f)
	}
	return out, errors.Join(errs...)
}

// writeFileAtomic replaces the file name with data, or leaves it as it
// was: it writes a temporary file in the same directory, with the
// original's permissions, syncs it and renames it over the original.
// A symbolic link is followed, so the link stays a link.
func writeFileAtomic(name string, data []byte) (err error) {
	name, err = filepath.EvalSymlinks(name)
	if err != nil {
		return err
	}
	info, err := os.Stat(name)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".structlint-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	if err = tmp.Chmod(info.Mode() & (fs.ModePerm | fs.ModeSetuid | fs.ModeSetgid | fs.ModeSticky)); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), name)
}

// taskImport is the import, as written, of the runtime package the fixes
// rewrite code onto; runtimePath, the runtime's module.
var (
	taskImport  = strconv.Quote(model.TaskPath)
	runtimePath = path.Dir(model.TaskPath)
)

// modulesLackingRuntime returns the go.mod files (goMods maps a file to
// the go.mod of its module) of the modules of files whose fixes add an
// import of the runtime that the module does not yet require: until it
// does, the fixed code does not build.
func modulesLackingRuntime(files []fixedFile, goMods map[string]string) []string {
	var lacking []string
	for _, f := range files {
		if !bytes.Contains(f.new, []byte(taskImport)) || bytes.Contains(f.old, []byte(taskImport)) {
			continue
		}
		gomod := goMods[f.name]
		if gomod == "" || slices.Contains(lacking, gomod) {
			continue
		}
		if data, err := os.ReadFile(gomod); err == nil && !bytes.Contains(data, []byte(runtimePath)) {
			lacking = append(lacking, gomod)
		}
	}
	return lacking
}

// runtimeHint says what a module whose go.mod is gomod needs once fixes
// import the runtime: a require, from the module proxy, or while it has
// no version of the runtime, a replace pointing at a checkout (this
// binary's own, when it was built from one).
func runtimeHint(prog, gomod string) string {
	checkout := runtimeCheckout()
	if checkout == "" {
		checkout = "<checkout>/runtime"
	}
	in := ""
	if dir := filepath.Dir(gomod); dir != "." {
		in = " in " + dir
	}
	return fmt.Sprintf("%[1]s: the fixes import %[2]s/task, which %[3]s does not require yet; the module does not build until it does. Add it%[4]s with\n"+
		"\tgo get %[2]s\n"+
		"or, while the module proxy has no version of it, from a checkout of structlint:\n"+
		"\tgo mod edit -replace %[2]s=%[5]s && go mod tidy\n",
		prog, runtimePath, gomod, in, checkout)
}

// runtimeCheckout returns the runtime module's directory in the checkout
// this binary was built from, or "" when it cannot tell: a binary built
// with -trimpath, from the module cache (which holds no runtime: it is a
// module of its own), or moved to another machine.
func runtimeCheckout() string {
	_, file, _, ok := runtime.Caller(0)
	if !ok || !filepath.IsAbs(file) {
		return ""
	}
	dir := filepath.Join(filepath.Dir(file), "..", "..", "runtime")
	data, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	if err != nil || !bytes.Contains(data, []byte("module "+runtimePath+"\n")) {
		return ""
	}
	return dir
}
