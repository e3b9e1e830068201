package fixtest

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// RunDir returns the module of the tests that run fixed code:
// testdata/run at the root of the repository.
func RunDir() string { return filepath.Join(Dir(), "run") }

// Run proves that the fixes of analyzer a are safe at run time. dir is a
// module (see RunDir) whose packages matching patterns each hold code a
// reports, in one file, and a _test.go that drives it under
// testing/synctest. Run analyzes those packages, checks the golden file
// of the file the fixes edit (with -update, writes it, as Update does),
// and runs `go test -race` on a copy of the module in which each package
// appears
//
//   - once for each version of the golden file (every fix applied, or
//     each fix message's), where every test must pass: the bug is gone,
//     and the behaviour is kept;
//   - and once as it is, where every test must fail (or not run, after a
//     test that crashed), but for those named TestKeeps…: they check
//     what the function does that its fix must keep, and pass either way.
//
// The go command runs offline: the module requires only the runtime (by
// a replace of the checkout's runtime/ directory) and what the module
// cache holds for structlint's own build.
func Run(t *testing.T, dir string, a *analysis.Analyzer, patterns ...string) {
	t.Helper()
	if testing.Short() {
		t.Skip("runs go test -race on fixed code")
	}
	dir, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	env := append(os.Environ(), "GOWORK=off", "GOPROXY=off", "GOFLAGS=-mod=mod", "GOTOOLCHAIN=local")
	cfg := &packages.Config{Mode: packages.LoadAllSyntax, Dir: dir, Env: env}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		t.Fatal(err)
	}
	if packages.PrintErrors(pkgs) > 0 {
		t.Fatal("the packages do not load")
	}
	graph, err := checker.Analyze([]*analysis.Analyzer{a}, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	gs := goldens(t, graph)

	// The copy of the module: its other packages (helpers the tests
	// share), go.mod with the runtime's replace made absolute, and each
	// package analyzed as it is and fixed.
	tmp := t.TempDir()
	analyzed := make(map[string]bool)
	for _, p := range pkgs {
		analyzed[p.Dir] = true
	}
	err = filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || analyzed[filepath.Dir(path)] || strings.HasSuffix(path, ".golden") {
			return err
		}
		content, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if path == filepath.Join(dir, "go.mod") {
			runtimeDir := filepath.Join(Dir(), "..", "runtime")
			content = bytes.ReplaceAll(content, []byte("=> ../../runtime"), []byte("=> "+runtimeDir))
		}
		rel, _ := filepath.Rel(dir, path)
		write(t, filepath.Join(tmp, rel), content)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	type version struct {
		pkg, fix string // fix is "" for the code as it is
	}
	versions := make(map[string]version) // by import path in the copy
	for _, p := range pkgs {
		rel, err := filepath.Rel(dir, p.Dir)
		if err != nil {
			t.Fatal(err)
		}
		var fixedFile string
		var g *golden
		for _, f := range p.GoFiles {
			if gs[f] == nil {
				continue
			}
			if g != nil {
				t.Fatalf("%s: fixes edit two files; a run package must have one", p.PkgPath)
			}
			fixedFile, g = f, gs[f]
		}
		if g == nil {
			t.Errorf("%s: no fix", p.PkgPath)
			continue
		}
		goldenFile := fixedFile + ".golden"
		if *update {
			write(t, goldenFile, g.bytes())
			fmt.Fprintf(os.Stderr, "wrote %s\n", goldenFile)
		} else if want, err := os.ReadFile(goldenFile); err != nil || !bytes.Equal(want, g.bytes()) {
			t.Errorf("%s does not hold what the fixes make of %s (run with -update, and review the diff): %v", goldenFile, filepath.Base(fixedFile), err)
			continue
		}
		files := slices.Concat(p.GoFiles, p.OtherFiles)
		testFiles, _ := filepath.Glob(filepath.Join(p.Dir, "*_test.go"))
		copyTo := func(sub string, replaced []byte) string {
			target := filepath.Join(tmp, rel, sub)
			for _, f := range append(files, testFiles...) {
				content, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				if f == fixedFile && replaced != nil {
					content = replaced
				}
				write(t, filepath.Join(target, filepath.Base(f)), content)
			}
			return p.PkgPath + "/" + sub
		}
		versions[copyTo("asis", nil)] = version{p.PkgPath, ""}
		for i, v := range g.versions {
			msg := v.Name
			if msg == "" {
				msg = "every fix"
			}
			versions[copyTo(fmt.Sprintf("fixed%d", i+1), v.Data)] = version{p.PkgPath, msg}
		}
	}
	if t.Failed() {
		return
	}

	cmd := exec.Command("go", append([]string{"test", "-race", "-json", "-count=1", "-timeout=2m"}, slices.Sorted(maps.Keys(versions))...)...)
	cmd.Dir, cmd.Env = tmp, env
	out, err := cmd.Output()
	if err != nil && len(out) == 0 {
		t.Fatalf("go test -race: %v", err)
	}
	type event struct {
		Action, Package, Test, Output string
		ImportPath                    string // of build output
	}
	results := make(map[string]map[string]string) // package → test ("" for the package) → pass, fail or skip
	output := make(map[string]*strings.Builder)
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var e event
		if json.Unmarshal(sc.Bytes(), &e) != nil {
			continue
		}
		importPath, _, _ := strings.Cut(e.ImportPath, " ") // "p [p.test]"
		pkg := cmp.Or(e.Package, importPath)
		if output[pkg] == nil {
			output[pkg] = new(strings.Builder)
			results[pkg] = make(map[string]string)
		}
		output[pkg].WriteString(e.Output)
		switch e.Action {
		case "pass", "fail", "skip":
			results[pkg][e.Test] = e.Action
		}
	}
	for _, path := range slices.Sorted(maps.Keys(versions)) {
		v, res := versions[path], results[path]
		log := ""
		if output[path] != nil {
			log = output[path].String()
		}
		if v.fix != "" {
			if res[""] != "pass" {
				t.Errorf("%s, fixed (%s): its tests fail:\n%s", v.pkg, v.fix, log)
			}
			continue
		}
		if res[""] != "fail" {
			t.Errorf("%s as it is: its tests pass, so they do not show the bug the fix removes:\n%s", v.pkg, log)
		} else {
			t.Logf("%s as it is fails: %s", v.pkg, why(log))
		}
		for test, action := range res {
			switch keeps := strings.HasPrefix(test, "TestKeeps"); {
			case test == "":
			case keeps && action == "fail":
				t.Errorf("%s as it is: %s fails, but what it checks must hold before the fix too:\n%s", v.pkg, test, log)
			case !keeps && action == "pass" && !strings.Contains(test, "/"):
				t.Errorf("%s as it is: %s passes, so it does not show the bug the fix removes (name it TestKeeps… if it checks behaviour to keep)", v.pkg, test)
			}
		}
	}
}

// why returns the first line of a failed test's output that says why: a
// data race, a deadlock, a panic, or a test's own error.
func why(log string) string {
	for _, line := range strings.Split(log, "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "WARNING: DATA RACE") || strings.HasPrefix(line, "panic:") || strings.Contains(line, "_test.go:") {
			return line
		}
	}
	return "(no reason printed)"
}

func write(t *testing.T, name string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
