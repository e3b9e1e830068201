package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/structlint/structlint/analyzer"
)

// These tests build the real structlint binary once and run it on the
// module in testdata/src. What they check does not depend on what the
// checks find: the module gives them nothing to report, and imports
// nothing, so that no dependency needs analyzing.

var structlint string // the binary

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "structlint-test")
	if err != nil {
		panic(err)
	}
	structlint = filepath.Join(dir, "structlint")
	if out, err := exec.Command("go", "build", "-o", structlint, ".").CombinedOutput(); err != nil {
		os.RemoveAll(dir)
		panic("go build: " + err.Error() + "\n" + string(out))
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// run runs the binary, or with go first, the go command, in testdata/src.
func run(t *testing.T, program string, args ...string) (stdout, stderr string, exit int) {
	t.Helper()
	var out, errOut bytes.Buffer
	cmd := exec.Command(program, args...)
	cmd.Dir = "testdata/src"
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

func TestHelp(t *testing.T) {
	stdout, _, exit := run(t, structlint, "help")
	list, _, _ := strings.Cut(stdout, "\nAll checks run")
	for _, a := range analyzer.Suite {
		if !strings.Contains(list, "\t"+a.Name+" ") || strings.Count(list, a.Name) != 1 {
			t.Errorf("structlint help does not list %s once:\n%s", a.Name, list)
		}
		out, _, exit := run(t, structlint, "help", a.Name)
		if exit != 0 || !strings.HasPrefix(out, analyzer.Docs[a].Title+"\n") {
			t.Errorf("structlint help %s: exit %d:\n%s", a.Name, exit, out)
		}
	}
	if exit != 0 {
		t.Errorf("structlint help: exit %d", exit)
	}
	if _, stderr, exit := run(t, structlint, "help", "nosuchcheck"); exit != 2 || !strings.Contains(stderr, `unknown check "nosuchcheck"`) {
		t.Errorf("structlint help nosuchcheck: exit %d:\n%s", exit, stderr)
	}
}

func TestUsage(t *testing.T) {
	if _, stderr, exit := run(t, structlint); exit != 2 || !strings.HasPrefix(stderr, "usage: structlint [flags] packages...") {
		t.Errorf("structlint: exit %d:\n%s", exit, stderr)
	}
	// A bad flag: its error and where to read about flags, not all of them.
	if _, stderr, exit := run(t, structlint, "-nosuchflag", "./..."); exit != 2 || stderr != "structlint: flag provided but not defined: -nosuchflag\nRun 'structlint -help' for the flags.\n" {
		t.Errorf("structlint -nosuchflag: exit %d:\n%s", exit, stderr)
	}
}

func TestAnalyze(t *testing.T) {
	if stdout, stderr, exit := run(t, structlint, "./clean"); exit != 0 || stdout+stderr != "" {
		t.Errorf("structlint ./clean: exit %d:\n%s%s", exit, stdout, stderr)
	}
	stdout, stderr, exit := run(t, structlint, "-json", "./clean")
	var tree map[string]any
	if err := json.Unmarshal([]byte(stdout), &tree); exit != 0 || err != nil || len(tree) != 0 {
		t.Errorf("structlint -json ./clean: exit %d, %v:\n%s%s", exit, err, stdout, stderr)
	}
	_, stderr, exit = run(t, structlint, "./...")
	if exit != 1 || !strings.Contains(stderr, "structlint: example.com/e2e/broken has errors:\n\tbroken/broken.go:3:23: undefined: undefined\n") {
		t.Errorf("structlint ./...: exit %d:\n%s", exit, stderr)
	}
}

// TestVetProtocol checks the handshake of go vet and go fix, and runs
// both on the clean package.
func TestVetProtocol(t *testing.T) {
	if stdout, _, exit := run(t, structlint, "-V=full"); exit != 0 || !strings.Contains(stdout, " version devel ") || !strings.Contains(stdout, "buildID=") {
		t.Errorf("structlint -V=full: exit %d:\n%s", exit, stdout)
	}
	stdout, _, exit := run(t, structlint, "-flags")
	var flags []struct{ Name string }
	if err := json.Unmarshal([]byte(stdout), &flags); exit != 0 || err != nil || !strings.Contains(stdout, `"Name": "`+analyzer.Suite[0].Name+`"`) {
		t.Errorf("structlint -flags: exit %d, %v:\n%s", exit, err, stdout)
	}
	if testing.Short() {
		t.Skip("runs the go command")
	}
	for _, args := range [][]string{
		{"vet", "-vettool=" + structlint, "./clean"},
		{"fix", "-fixtool=" + structlint, "-diff", "./clean"},
	} {
		if stdout, stderr, exit := run(t, "go", args...); exit != 0 || stdout+stderr != "" {
			t.Errorf("go %s: exit %d:\n%s%s", strings.Join(args, " "), exit, stdout, stderr)
		}
	}
}
