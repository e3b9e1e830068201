package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestFixRequiresRuntime runs structlint -fix on a module whose fix
// imports the runtime, which the module does not require: structlint says
// what it applied, that the module does not build yet, and how to make it
// build; following its advice, from this checkout, makes it build and
// leaves nothing to report.
func TestFixRequiresRuntime(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	dir := t.TempDir()
	write := func(name, content string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", "module example.com/m\n\ngo 1.26\n")
	write("m.go", `package m

import (
	"context"
	"database/sql"
)

func migrate(db *sql.DB) error {
	ctx := context.Background()
	if _, err := db.ExecContext(ctx, "CREATE TABLE t (n int)"); err != nil {
		return err
	}
	_, err := db.ExecContext(ctx, "INSERT INTO t VALUES (1)")
	return err
}
`)
	runIn := func(program string, args ...string) (string, int) {
		t.Helper()
		cmd := exec.Command(program, args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off")
		out, err := cmd.CombinedOutput()
		exit := 0
		if exitErr, ok := err.(*exec.ExitError); ok {
			exit = exitErr.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		return string(out), exit
	}

	out, exit := runIn(structlint, "-fix", "./...")
	checkout, err := filepath.Abs("../../runtime")
	if err != nil {
		t.Fatal(err)
	}
	replace := "go mod edit -replace github.com/structlint/structlint/runtime=" + checkout + " && go mod tidy"
	want := []string{
		"structlint: applied 1 fix to 1 file\n",
		"structlint: the fixes import github.com/structlint/structlint/runtime/task, which go.mod does not require yet; the module does not build until it does. Add it with\n",
		"\tgo get github.com/structlint/structlint/runtime\n",
		"\t" + replace + "\n",
	}
	for _, w := range want {
		if exit != 1 || !strings.Contains(out, w) {
			t.Fatalf("structlint -fix: exit %d:\n%s\nwant exit 1 and %q", exit, out, w)
		}
	}
	if fixed, _ := os.ReadFile(filepath.Join(dir, "m.go")); !bytes.Contains(fixed, []byte("return task.Timeout(ctx, 30*time.Second, func(ctx context.Context) error {")) {
		t.Fatalf("m.go after -fix:\n%s", fixed)
	}

	for _, args := range [][]string{
		{"sh", "-c", replace},
		{"go", "build", "./..."},
		{structlint, "./..."},
	} {
		if out, exit := runIn(args[0], args[1:]...); exit != 0 {
			t.Errorf("%s: exit %d:\n%s", strings.Join(args, " "), exit, out)
		}
	}
}
