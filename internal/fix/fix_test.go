package fix

import (
	"go/ast"
	"go/format"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	pathpkg "path"
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis"
)

// TestImport checks the source Builder.Import produces for the import
// shapes a file can have, and that the result is already gofmt'd.
func TestImport(t *testing.T) {
	for _, test := range []struct {
		name, src, path, want, wantName string
		more                            []string // paths imported after path
		forget                          string   // a path whose only use, the last declaration, the fix replaces
	}{
		{
			name:     "none",
			src:      "package p\n\nfunc f() {}\n",
			path:     "time",
			want:     "package p\n\nimport \"time\"\n\nfunc f() {}\n",
			wantName: "time",
		},
		{
			name:     "single std after",
			src:      "package p\n\nimport \"fmt\"\n\nvar _ = fmt.Sprint\n",
			path:     "time",
			want:     "package p\n\nimport (\n\t\"fmt\"\n\t\"time\"\n)\n\nvar _ = fmt.Sprint\n",
			wantName: "time",
		},
		{
			name:     "single std before",
			src:      "package p\n\nimport \"time\"\n\nvar _ = time.Now\n",
			path:     "context",
			want:     "package p\n\nimport (\n\t\"context\"\n\t\"time\"\n)\n\nvar _ = time.Now\n",
			wantName: "context",
		},
		{
			name:     "group std in order",
			src:      "package p\n\nimport (\n\t\"fmt\"\n\t\"os\"\n)\n\nvar _, _ = fmt.Sprint, os.Exit\n",
			path:     "net",
			want:     "package p\n\nimport (\n\t\"fmt\"\n\t\"net\"\n\t\"os\"\n)\n\nvar _, _ = fmt.Sprint, os.Exit\n",
			wantName: "net",
		},
		{
			name:     "group std at end",
			src:      "package p\n\nimport (\n\t\"fmt\"\n\t\"os\"\n)\n\nvar _, _ = fmt.Sprint, os.Exit\n",
			path:     "time",
			want:     "package p\n\nimport (\n\t\"fmt\"\n\t\"os\"\n\t\"time\"\n)\n\nvar _, _ = fmt.Sprint, os.Exit\n",
			wantName: "time",
		},
		{
			name:     "non-std gets its own group",
			src:      "package p\n\nimport (\n\t\"context\"\n\t\"fmt\"\n)\n\nvar _, _ = fmt.Sprint, context.Background\n",
			path:     "github.com/structlint/structlint/runtime/task",
			want:     "package p\n\nimport (\n\t\"context\"\n\t\"fmt\"\n\n\t\"github.com/structlint/structlint/runtime/task\"\n)\n\nvar _, _ = fmt.Sprint, context.Background\n",
			wantName: "task",
		},
		{
			name:     "already imported",
			src:      "package p\n\nimport \"time\"\n\nvar _ = time.Now\n",
			path:     "time",
			want:     "package p\n\nimport \"time\"\n\nvar _ = time.Now\n",
			wantName: "time",
		},
		{
			name:     "name taken",
			src:      "package p\n\nimport \"fmt\"\n\nvar time = fmt.Sprint\n",
			path:     "time",
			want:     "package p\n\nimport (\n\t\"fmt\"\n\ttime2 \"time\"\n)\n\nvar time = fmt.Sprint\n",
			wantName: "time2",
		},
		{
			name:     "two into none",
			src:      "package p\n\nfunc f() {}\n",
			path:     "time",
			more:     []string{"context", "time"},
			want:     "package p\n\nimport (\n\t\"context\"\n\t\"time\"\n)\n\nfunc f() {}\n",
			wantName: "time",
		},
		{
			name:     "two into single",
			src:      "package p\n\nimport \"net/http\"\n\nvar _ = http.Get\n",
			path:     "time",
			more:     []string{"context"},
			want:     "package p\n\nimport (\n\t\"context\"\n\t\"net/http\"\n\t\"time\"\n)\n\nvar _ = http.Get\n",
			wantName: "time",
		},
		{
			name:     "std and non-std into single non-std",
			src:      "package p\n\nimport \"example.com/x\"\n\nvar _ = x.X\n",
			path:     "github.com/structlint/structlint/runtime/task",
			more:     []string{"context"},
			want:     "package p\n\nimport (\n\t\"context\"\n\n\t\"example.com/x\"\n\t\"github.com/structlint/structlint/runtime/task\"\n)\n\nvar _ = x.X\n",
			wantName: "task",
		},
		{
			name:     "two at one place in a group",
			src:      "package p\n\nimport (\n\t\"fmt\"\n\t\"os\"\n)\n\nvar _, _ = fmt.Sprint, os.Exit\n",
			path:     "time",
			more:     []string{"context", "errors", "sync"},
			want:     "package p\n\nimport (\n\t\"context\"\n\t\"errors\"\n\t\"fmt\"\n\t\"os\"\n\t\"sync\"\n\t\"time\"\n)\n\nvar _, _ = fmt.Sprint, os.Exit\n",
			wantName: "time",
		},
		{
			name:     "std and non-std runs into a non-std group",
			src:      "package p\n\nimport (\n\t\"example.com/x\"\n)\n\nvar _ = x.X\n",
			path:     "time",
			more:     []string{"context", "github.com/structlint/structlint/runtime/task"},
			want:     "package p\n\nimport (\n\t\"context\"\n\t\"time\"\n\n\t\"example.com/x\"\n\t\"github.com/structlint/structlint/runtime/task\"\n)\n\nvar _ = x.X\n",
			wantName: "time",
		},
		{
			name:     "two non-std runs after std",
			src:      "package p\n\nimport (\n\t\"fmt\"\n)\n\nvar _ = fmt.Sprint\n",
			path:     "golang.org/x/sync/errgroup",
			more:     []string{"github.com/structlint/structlint/runtime/task"},
			want:     "package p\n\nimport (\n\t\"fmt\"\n\n\t\"github.com/structlint/structlint/runtime/task\"\n\t\"golang.org/x/sync/errgroup\"\n)\n\nvar _ = fmt.Sprint\n",
			wantName: "errgroup",
		},
		{
			name:     "a dropped import's line taken by the new one (README's fetchAll)",
			src:      "package p\n\nimport (\n\t\"context\"\n\t\"net/http\"\n\n\t\"golang.org/x/sync/errgroup\"\n)\n\nvar _, _ = context.Background, http.Get\n\nvar _ = errgroup.X\n",
			path:     "github.com/structlint/structlint/runtime/task",
			more:     []string{"context"},
			forget:   "golang.org/x/sync/errgroup",
			want:     "package p\n\nimport (\n\t\"context\"\n\t\"net/http\"\n\n\t\"github.com/structlint/structlint/runtime/task\"\n)\n\nvar _, _ = context.Background, http.Get\n\nvar _ = errgroup.X\n",
			wantName: "task",
		},
		{
			name:     "a dropped import among others of its run",
			src:      "package p\n\nimport (\n\t\"fmt\"\n\n\t\"example.com/x\"\n\t// errgroup, for now.\n\t\"golang.org/x/sync/errgroup\"\n\t\"golang.org/x/z\" // last\n)\n\nvar _, _, _ = fmt.Sprint, x.X, z.X\n\nvar _ = errgroup.X\n",
			path:     "github.com/structlint/structlint/runtime/task",
			forget:   "golang.org/x/sync/errgroup",
			want:     "package p\n\nimport (\n\t\"fmt\"\n\n\t\"example.com/x\"\n\t\"github.com/structlint/structlint/runtime/task\"\n\t\"golang.org/x/z\" // last\n)\n\nvar _, _, _ = fmt.Sprint, x.X, z.X\n\nvar _ = errgroup.X\n",
			wantName: "task",
		},
		{
			name:     "a group's only import dropped, two added",
			src:      "package p\n\nimport (\n\t\"sync\"\n)\n\nvar _ sync.WaitGroup\n",
			path:     "github.com/structlint/structlint/runtime/task",
			more:     []string{"context"},
			forget:   "sync",
			want:     "package p\n\nimport (\n\t\"context\"\n\n\t\"github.com/structlint/structlint/runtime/task\"\n)\n\nvar _ sync.WaitGroup\n",
			wantName: "task",
		},
		{
			name:     "a non-std group's only import dropped, a std one added",
			src:      "package p\n\nimport (\n\t\"golang.org/x/sync/errgroup\"\n)\n\nvar _ = errgroup.X\n",
			path:     "context",
			forget:   "golang.org/x/sync/errgroup",
			want:     "package p\n\nimport (\n\t\"context\"\n)\n\nvar _ = errgroup.X\n",
			wantName: "context",
		},
		{
			name:     "a std import dropped from a mixed group, std and non-std added",
			src:      "package p\n\nimport (\n\t\"fmt\"\n\t\"sync\"\n\n\t\"example.com/x\"\n)\n\nvar _, _ = fmt.Sprint, x.X\n\nvar _ sync.WaitGroup\n",
			path:     "github.com/structlint/structlint/runtime/task",
			more:     []string{"context"},
			forget:   "sync",
			want:     "package p\n\nimport (\n\t\"context\"\n\t\"fmt\"\n\n\t\"example.com/x\"\n\t\"github.com/structlint/structlint/runtime/task\"\n)\n\nvar _, _ = fmt.Sprint, x.X\n\nvar _ sync.WaitGroup\n",
			wantName: "task",
		},
		{
			name:     "a lone import dropped, another added",
			src:      "package p\n\nimport \"sync\"\n\nvar _ sync.WaitGroup\n",
			path:     "context",
			forget:   "sync",
			want:     "package p\n\nimport \"context\"\n\nvar _ sync.WaitGroup\n",
			wantName: "context",
		},
	} {
		t.Run(test.name, func(t *testing.T) {
			b, fset := builder(t, test.src)
			last := b.File.Decls[len(b.File.Decls)-1]
			name := b.Import(test.path, last.Pos())
			if name != test.wantName {
				t.Errorf("Import returned name %q, want %q", name, test.wantName)
			}
			for _, path := range test.more {
				b.Import(path, last.Pos())
			}
			if test.forget != "" {
				b.ForgetImport(test.forget, last)
			}
			got := apply(t, fset, test.src, b.Fix("").TextEdits)
			if got != test.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, test.want)
			}
			if formatted, err := format.Source([]byte(got)); err != nil || string(formatted) != got {
				t.Errorf("result is not gofmt'd (err %v):\n%s", err, got)
			}
		})
	}
}

func TestZeroValue(t *testing.T) {
	src := "package p\n\nimport \"time\"\n\ntype S struct{}\n\nfunc f() (int, string, bool, *S, S, []int, error, time.Duration, time.Time, [2]int) { panic(0) }\n"
	b, _ := builder(t, src)
	sig := b.Pass.TypesInfo.Defs[b.File.Decls[len(b.File.Decls)-1].(*ast.FuncDecl).Name].Type().(*types.Signature)
	var got []string
	for i := 0; i < sig.Results().Len(); i++ {
		z, ok := b.ZeroValue(sig.Results().At(i).Type())
		if !ok {
			t.Fatalf("no zero value for %v", sig.Results().At(i).Type())
		}
		got = append(got, z)
	}
	want := []string{"0", `""`, "false", "nil", "S{}", "nil", "nil", "0", "time.Time{}", "[2]int{}"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("zero value %d = %s, want %s", i, got[i], want[i])
		}
	}
}

func builder(t *testing.T, src string) (*Builder, *token.FileSet) {
	t.Helper()
	dir := t.TempDir()
	filename := filepath.Join(dir, "p.go")
	if err := os.WriteFile(filename, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, filename, src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{Defs: map[*ast.Ident]types.Object{}, Uses: map[*ast.Ident]types.Object{}, Scopes: map[ast.Node]*types.Scope{}, Implicits: map[ast.Node]types.Object{}}
	pkg, err := (&types.Config{Importer: stubImporter{importer.Default()}}).Check("p", fset, []*ast.File{f}, info)
	if err != nil {
		t.Fatal(err)
	}
	pass := &analysis.Pass{Fset: fset, Files: []*ast.File{f}, Pkg: pkg, TypesInfo: info, ReadFile: os.ReadFile}
	return &Builder{Pass: pass, File: f}, fset
}

// stubImporter imports standard packages, and stands in for others with
// a package that declares X.
type stubImporter struct{ std types.Importer }

func (imp stubImporter) Import(path string) (*types.Package, error) {
	if isStd(path) {
		return imp.std.Import(path)
	}
	pkg := types.NewPackage(path, pathpkg.Base(path))
	pkg.Scope().Insert(types.NewVar(token.NoPos, pkg, "X", types.Typ[types.Int]))
	pkg.MarkComplete()
	return pkg, nil
}

func apply(t *testing.T, fset *token.FileSet, src string, edits []analysis.TextEdit) string {
	t.Helper()
	byFile, err := Offsets(fset, edits)
	if err != nil {
		t.Fatal(err)
	}
	out := []byte(src)
	for _, edits := range byFile {
		if out, err = Apply(out, edits); err != nil {
			t.Fatal(err)
		}
	}
	return string(out)
}
