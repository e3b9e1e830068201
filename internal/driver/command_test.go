package driver

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// These tests run the test binary as the command (see TestMain), with
// the test analyzers, in a copy of the fixture module.

// runCommand runs the command in dir and returns its output and exit code.
func runCommand(t *testing.T, dir string, args ...string) (stdout, stderr string, exit int) {
	t.Helper()
	return runIn(t, dir, os.Args[0], args...)
}

// runIn runs a program in dir with the test binary standing in for
// the command, and returns its output and exit code.
func runIn(t *testing.T, dir, program string, args ...string) (stdout, stderr string, exit int) {
	t.Helper()
	var out, errOut bytes.Buffer
	cmd := exec.Command(program, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "STRUCTLINT_DRIVER_TEST_COMMAND=1")
	cmd.Stdout = &out
	cmd.Stderr = &errOut
	err := cmd.Run()
	var exitErr *exec.ExitError
	if errors.As(err, &exitErr) {
		exit = exitErr.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String(), errOut.String(), exit
}

func TestCommandUsage(t *testing.T) {
	dir := copyFixture(t)
	for _, test := range []struct {
		args   []string
		exit   int
		stdout string // a substring
		stderr string // a substring
	}{
		{nil, exitUsage, "", "usage: "},
		{[]string{"-bogus", "./..."}, exitUsage, "", ": flag provided but not defined: -bogus\nRun '"},
		{[]string{"-h"}, exitClean, "Exit status: 0 clean, 3 diagnostics reported, 1 errors, 2 bad usage.", ""},
		{[]string{"help"}, exitClean, "\tliterals     report string literals, with fixes\n", ""},
		{[]string{"help", "literals"}, exitClean, "literals: report string literals, with fixes\n\nFlags:\n\n\t-literals.strict (default \"false\")\n", ""},
		{[]string{"help", "nope"}, exitUsage, "", `unknown check "nope"`},
		{[]string{"-json", "-fix", "./fixme"}, exitUsage, "", "-json cannot be combined with -fix or -diff"},
		{[]string{"./nothing/..."}, exitErrors, "", ": pattern ./nothing/...: lstat ./nothing/: no such file or directory\n"},
		{[]string{"-literals", "./lower/..."}, exitClean, "", ""},
		{[]string{"-literals", "-literals.strict", "./lower"}, exitClean, "", ""},
	} {
		stdout, stderr, exit := runCommand(t, dir, test.args...)
		if exit != test.exit || !strings.Contains(stdout, test.stdout) || !strings.Contains(stderr, test.stderr) {
			t.Errorf("structlint %s: exit %d, stdout:\n%s\nstderr:\n%s\nwant exit %d, stdout with %q, stderr with %q",
				strings.Join(test.args, " "), exit, stdout, stderr, test.exit, test.stdout, test.stderr)
		}
	}
}

func TestCommandReports(t *testing.T) {
	dir := copyFixture(t)

	_, stderr, exit := runCommand(t, dir, "-literals", "./fixme")
	want := `fixme/fixme.go:4:18: TODO string (literals)
fixme/fixme.go:4:26: twice (first) (literals)
fixme/fixme.go:4:26: twice (second) (literals)
fixme/fixme.go:4:35: clash (left) (literals)
fixme/fixme.go:4:35: clash (right) (literals)
fixme/fixme.go:4:44: nofix string (literals)
fixme/fixme_test.go:3:14: TODO string (literals)
fixme/gen.go:5:17: TODO string (literals)
`
	if exit != exitDiagnostics || stderr != want {
		t.Errorf("exit %d, stderr:\n%s\nwant exit 3 and:\n%s", exit, stderr, want)
	}

	_, stderr, exit = runCommand(t, dir, "-literals", "-test=false", "./fixme")
	if exit != exitDiagnostics || strings.Contains(stderr, "fixme_test.go") {
		t.Errorf("-test=false: exit %d, stderr:\n%s", exit, stderr)
	}

	_, stderr, exit = runCommand(t, dir, "-literals=false", "-facts=false", "-despite=false", "-requires=false", "./fixme", "./boom")
	if exit != exitErrors || !strings.Contains(stderr, "structlint.test: boom on example.com/fixture/boom: panic: boom") && !strings.Contains(stderr, ": boom on example.com/fixture/boom: panic: boom") {
		t.Errorf("panic: exit %d, stderr:\n%s", exit, stderr)
	}

	_, stderr, exit = runCommand(t, dir, "-literals", "./broken", "./lower")
	if exit != exitErrors || !strings.Contains(stderr, "example.com/fixture/broken has errors:\n\tbroken/broken.go:3:13: cannot use") {
		t.Errorf("broken package: exit %d, stderr:\n%s", exit, stderr)
	}
}

func TestCommandJSON(t *testing.T) {
	dir := copyFixture(t)
	stdout, stderr, exit := runCommand(t, dir, "-json", "-literals", "-boom", "./fixme", "./boom")
	if exit != exitClean {
		t.Errorf("exit %d, stderr:\n%s", exit, stderr)
	}
	var tree map[string]map[string]json.RawMessage
	if err := json.Unmarshal([]byte(stdout), &tree); err != nil {
		t.Fatalf("%v in:\n%s", err, stdout)
	}
	var diags []jsonDiagnostic
	if err := json.Unmarshal(tree["example.com/fixture/fixme"]["literals"], &diags); err != nil {
		t.Fatalf("%v in:\n%s", err, stdout)
	}
	if len(diags) != 8 {
		t.Fatalf("%d diagnostics, want 8:\n%s", len(diags), stdout)
	}
	first := diags[0]
	fixme := filepath.Join(dir, "fixme", "fixme.go")
	if first.Posn != fixme+":4:18" || first.Message != "TODO string" ||
		len(first.SuggestedFixes) != 1 || first.SuggestedFixes[0].Edits[0] != (jsonTextEdit{fixme, 52, 58, `"DONE"`}) {
		t.Errorf("first diagnostic: %+v", first)
	}
	var boom jsonError
	if err := json.Unmarshal(tree["example.com/fixture/boom"]["boom"], &boom); err != nil || !strings.HasPrefix(boom.Err, "panic: boom") {
		t.Errorf("boom: %v, %+v in:\n%s", err, boom, stdout)
	}
}

func TestCommandFix(t *testing.T) {
	dir := copyFixture(t)
	fixme := filepath.Join(dir, "fixme", "fixme.go")
	if err := os.Chmod(fixme, 0o600); err != nil {
		t.Fatal(err)
	}
	original, _ := os.ReadFile(fixme)

	stdout, stderr, exit := runCommand(t, dir, "-literals", "-diff", "./fixme")
	if exit != exitDiagnostics || !strings.Contains(stdout, "--- a/fixme/fixme.go\n+++ b/fixme/fixme.go\n") ||
		!strings.Contains(stdout, `+	return []string{"DONE", "once", "left", "nofix"}`) {
		t.Errorf("-diff: exit %d, stdout:\n%s\nstderr:\n%s", exit, stdout, stderr)
	}
	if now, _ := os.ReadFile(fixme); !bytes.Equal(now, original) {
		t.Errorf("-diff changed fixme.go:\n%s", now)
	}

	// -fix applies what it can, analyzes again, applies the fix that
	// conflicted (there is none left here: clash is gone with its
	// sibling's fix), and lists what remains.
	_, stderr, exit = runCommand(t, dir, "-literals", "-fix", "./fixme")
	want := `structlint.test: applied 5 fixes to 2 files
fixme/fixme.go:4:42: nofix string (literals)
fixme/gen.go:5:17: TODO string [fix skipped: it edits the generated file fixme/gen.go] (literals)
`
	if exit != exitDiagnostics || stderr != strings.ReplaceAll(want, "structlint.test", filepath.Base(os.Args[0])) {
		t.Errorf("-fix: exit %d, stderr:\n%s\nwant:\n%s", exit, stderr, want)
	}
	if now, _ := os.ReadFile(fixme); !bytes.Contains(now, []byte(`[]string{"DONE", "once", "left", "nofix"}`)) {
		t.Errorf("-fix left fixme.go as:\n%s", now)
	}
	if info, _ := os.Stat(fixme); info.Mode().Perm() != 0o600 {
		t.Errorf("fixme.go has mode %v after -fix, want 0600", info.Mode().Perm())
	}

	// Nothing remains: exit 0.
	_, stderr, exit = runCommand(t, dir, "-literals", "-fix", "./vetme")
	if want := filepath.Base(os.Args[0]) + ": applied 3 fixes to 1 file\n"; exit != exitClean || stderr != want {
		t.Errorf("-fix of every finding: exit %d, stderr:\n%s\nwant exit 0 and:\n%s", exit, stderr, want)
	}
}

// TestGoVetAndGoFix runs the command as go vet's and go fix's tool.
func TestGoVetAndGoFix(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	dir := copyFixture(t)
	tool := os.Args[0]

	_, stderr, exit := runIn(t, dir, "go", "vet", "-vettool="+tool, "-literals", "./vetme")
	if exit != 1 || !strings.Contains(stderr, "vetme/vetme.go:4:6: TODO string\n") {
		t.Errorf("go vet: exit %d, stderr:\n%s", exit, stderr)
	}

	stdout, stderr, exit := runIn(t, dir, "go", "fix", "-fixtool="+tool, "-diff", "-literals", "./vetme")
	if exit != 1 || !strings.Contains(stdout, "+\ta = \"DONE\"\n") {
		t.Errorf("go fix -diff: exit %d, stdout:\n%s\nstderr:\n%s", exit, stdout, stderr)
	}

	_, stderr, exit = runIn(t, dir, "go", "fix", "-fixtool="+tool, "-literals", "./vetme")
	if exit != 0 {
		t.Errorf("go fix: exit %d, stderr:\n%s", exit, stderr)
	}
	if now, _ := os.ReadFile(filepath.Join(dir, "vetme", "vetme.go")); !bytes.Contains(now, []byte(`a = "DONE"`)) || !bytes.Contains(now, []byte(`b = "once"`)) {
		t.Errorf("go fix left vetme.go as:\n%s", now)
	}
	if _, stderr, exit := runIn(t, dir, "go", "build", "./vetme"); exit != 0 {
		t.Errorf("go build after go fix: exit %d\n%s", exit, stderr)
	}

	// unitchecker counts a conflict between fixes as a failure, and then
	// go fix applies none of the package's fixes.
	_, stderr, exit = runIn(t, dir, "go", "fix", "-fixtool="+tool, "-literals", "./fixme")
	if exit != 1 || !strings.Contains(stderr, "applied 5 of 7 fixes") {
		t.Errorf("go fix with conflicting fixes: exit %d, stderr:\n%s", exit, stderr)
	}
	if now, _ := os.ReadFile(filepath.Join(dir, "fixme", "fixme.go")); bytes.Contains(now, []byte(`"DONE"`)) {
		t.Errorf("go fix with conflicting fixes changed fixme.go:\n%s", now)
	}
}
