package driver

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestModulesLackingRuntime(t *testing.T) {
	root := t.TempDir()
	write := func(name, content string) string {
		name = filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return name
	}
	lacking := write("app/go.mod", "module example.com/app\n\ngo 1.26\n")
	has := write("has/go.mod", "module example.com/has\n\ngo 1.26\n\nrequire github.com/structlint/structlint/runtime v0.1.0\n")
	withTask := []byte("package p\n\nimport \"github.com/structlint/structlint/runtime/task\"\n")
	without := []byte("package p\n")
	files := []fixedFile{
		{name: filepath.Join(root, "app/a/a.go"), old: without, new: withTask},
		{name: filepath.Join(root, "app/b/b.go"), old: without, new: withTask},  // same module: once
		{name: filepath.Join(root, "app/c/c.go"), old: withTask, new: withTask}, // imported before the fix
		{name: filepath.Join(root, "has/h.go"), old: without, new: withTask},    // already required
		{name: filepath.Join(root, "app/d.go"), old: without, new: without},     // no runtime import
	}
	goMods := map[string]string{ // as the loaded packages' modules say
		files[0].name: lacking, files[1].name: lacking, files[2].name: lacking, files[3].name: has, files[4].name: lacking,
	}
	if got, want := modulesLackingRuntime(files, goMods), []string{lacking}; !slices.Equal(got, want) {
		t.Errorf("modulesLackingRuntime = %q, want %q", got, want)
	}
}
