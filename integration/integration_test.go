//go:build integration

package integration

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "TestStandalone rewrites testdata/ from what the structlint command prints (review the diff: every other driver is held to it)")

var (
	root    string // this checkout
	binDir  string // where the tools are built
	timings = new(strings.Builder)
)

func TestMain(m *testing.M) {
	flag.Parse()
	wd, err := os.Getwd()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	root = filepath.Dir(wd)
	binDir = os.Getenv("STRUCTLINT_INTEGRATION_BIN")
	cleanup := func() {}
	if binDir == "" {
		binDir, err = os.MkdirTemp("", "structlint-integration-bin")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		cleanup = func() { os.RemoveAll(binDir) }
	} else if binDir, err = filepath.Abs(binDir); err == nil {
		err = os.MkdirAll(binDir, 0o755)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := m.Run()
	if timings.Len() > 0 {
		fmt.Printf("build times (%d CPUs):\n%s", runtime.NumCPU(), timings)
	}
	cleanup()
	os.Exit(code)
}

// A tool is built once, on first use.
type tool struct {
	name  string
	reuse bool // reuse a binary kept in STRUCTLINT_INTEGRATION_BIN
	build func(out string) *exec.Cmd
	once  sync.Once
	path  string
	err   error
}

func (tl *tool) get(t *testing.T) string {
	t.Helper()
	tl.once.Do(func() {
		tl.path = filepath.Join(binDir, tl.name)
		if _, err := os.Stat(tl.path); err == nil && tl.reuse {
			return // kept from an earlier run
		}
		cmd := tl.build(tl.path)
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		start := time.Now()
		if err := cmd.Run(); err != nil {
			tl.err = fmt.Errorf("building %s: %s: %v\n%s", tl.name, strings.Join(cmd.Args, " "), err, out.String())
			return
		}
		d := time.Since(start).Round(time.Second)
		fmt.Fprintf(timings, "\t%-14s %v\n", tl.name, d)
		t.Logf("built %s in %v", tl.name, d)
	})
	if tl.err != nil {
		t.Fatal(tl.err)
	}
	return tl.path
}

var (
	structlint = &tool{name: "structlint", build: func(out string) *exec.Cmd {
		cmd := exec.Command("go", "build", "-o", out, "./cmd/structlint")
		cmd.Dir = root
		return cmd
	}}
	golangciLint = &tool{name: "golangci-lint", reuse: true, build: func(out string) *exec.Cmd {
		return exec.Command("bash", filepath.Join(root, "integration", "build-golangci-lint.sh"), out)
	}}
	gopls = &tool{name: "gopls", reuse: true, build: func(out string) *exec.Cmd {
		return exec.Command("bash", filepath.Join(root, "integration", "build-gopls.sh"), out)
	}}
)

// result is what a command did.
type result struct {
	stdout, stderr string
	code           int
}

// run runs name with args in dir, with env added to the environment. A
// command that cannot start fails the test; a non-zero exit does not.
func run(t *testing.T, dir string, env []string, name string, args ...string) result {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	r := result{stdout: stdout.String(), stderr: stderr.String()}
	switch {
	case errors.As(err, &exit):
		r.code = exit.ExitCode()
	case err != nil:
		t.Fatalf("%s %s: %v", name, strings.Join(args, " "), err)
	}
	t.Logf("%s %s: exit %d", filepath.Base(name), strings.Join(args, " "), r.code)
	return r
}

// wantCode fails the test unless r exited with code.
func wantCode(t *testing.T, what string, r result, code int) {
	t.Helper()
	if r.code != code {
		t.Errorf("%s: exit status %d, want %d\nstdout:\n%s\nstderr:\n%s", what, r.code, code, r.stdout, r.stderr)
	}
}

// fixture copies the fixture module to a new directory, its replace of
// the runtime pointing at this checkout, and returns the directory.
func fixture(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	src := filepath.Join(root, "integration", "fixture")
	err := filepath.WalkDir(src, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dir, rel), 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	r := run(t, dir, nil, "go", "mod", "edit", "-replace", "github.com/structlint/structlint/runtime="+filepath.Join(root, "runtime"))
	wantCode(t, "go mod edit", r, 0)
	return dir
}

// golden returns the lines of testdata/name.
func golden(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// findings returns the findings of testdata/findings.txt, each
// "file:line:col: check: message"; without checks, with the check names
// left out, as drivers that do not print them show them.
func findings(t *testing.T, checks bool, only ...string) []string {
	t.Helper()
	var out []string
	for _, line := range strings.Split(strings.TrimSpace(golden(t, "findings.txt")), "\n") {
		pos, rest, _ := strings.Cut(line, ": ")
		check, msg, _ := strings.Cut(rest, ": ")
		if len(only) > 0 && !slices.Contains(only, check) {
			continue
		}
		if checks {
			out = append(out, line)
		} else {
			out = append(out, pos+": "+msg)
		}
	}
	sort.Strings(out)
	return out
}

// sameLines fails the test unless got and want hold the same lines, in
// any order, and shows the difference.
func sameLines(t *testing.T, what string, got, want []string) {
	t.Helper()
	got, want = slices.Sorted(slices.Values(got)), slices.Sorted(slices.Values(want))
	if slices.Equal(got, want) {
		return
	}
	var b strings.Builder
	for _, l := range want {
		if !slices.Contains(got, l) {
			fmt.Fprintf(&b, "-%s\n", l)
		}
	}
	for _, l := range got {
		if !slices.Contains(want, l) {
			fmt.Fprintf(&b, "+%s\n", l)
		}
	}
	t.Errorf("%s: findings differ (-want +got):\n%s", what, b.String())
}

// sameText fails the test unless got equals want, and shows both.
func sameText(t *testing.T, what, got, want string) {
	t.Helper()
	if got != want {
		t.Errorf("%s differs\n--- want\n%s\n--- got\n%s\n--- (diff -u of the two:)\n%s", what, want, got, udiff(t, want, got))
	}
}

// udiff is diff -u of two texts, for messages.
func udiff(t *testing.T, a, b string) string {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "want"), []byte(a), 0o644)
	os.WriteFile(filepath.Join(dir, "got"), []byte(b), 0o644)
	out, _ := exec.Command("diff", "-u", filepath.Join(dir, "want"), filepath.Join(dir, "got")).CombinedOutput()
	return string(out)
}

// lines returns the non-empty lines of s.
func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.TrimSpace(l) != "" {
			out = append(out, l)
		}
	}
	return out
}

// fixtureFiles lists the fixture's Go files, relative to it.
func fixtureFiles(t *testing.T) []string {
	t.Helper()
	var files []string
	src := filepath.Join(root, "integration", "fixture")
	filepath.WalkDir(src, func(path string, d os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(path, ".go") {
			rel, _ := filepath.Rel(src, path)
			files = append(files, rel)
		}
		return err
	})
	return files
}

// wantFixed fails the test unless the fixture in dir is as
// testdata/fixed (or, for files not there, as it was), builds, and has
// nothing left to report.
func wantFixed(t *testing.T, dir string) {
	t.Helper()
	for _, f := range fixtureFiles(t) {
		want, err := os.ReadFile(filepath.Join("testdata", "fixed", f))
		if errors.Is(err, os.ErrNotExist) {
			want, err = os.ReadFile(filepath.Join(root, "integration", "fixture", f))
		}
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		sameText(t, "fixed "+f, string(got), string(want))
	}
	wantCode(t, "go build of the fixed module", run(t, dir, nil, "go", "build", "./..."), 0)
	wantCode(t, "go vet of the fixed module", run(t, dir, nil, "go", "vet", "./..."), 0)
	r := run(t, dir, nil, "go", "vet", "-vettool="+structlint.get(t), "./...")
	wantCode(t, "go vet -vettool=structlint of the fixed module", r, 0)
}

// unchanged fails the test if a file of the fixture in dir changed.
func unchanged(t *testing.T, dir string) {
	t.Helper()
	for _, f := range fixtureFiles(t) {
		want, _ := os.ReadFile(filepath.Join(root, "integration", "fixture", f))
		got, _ := os.ReadFile(filepath.Join(dir, f))
		if !bytes.Equal(got, want) {
			t.Errorf("%s was changed:\n%s", f, udiff(t, string(want), string(got)))
		}
	}
}

// vetJSON is the output of go vet -json: package -> analyzer -> diagnostics.
type vetJSON map[string]map[string]json.RawMessage

type vetDiagnostic struct {
	Posn           string `json:"posn"`
	Message        string `json:"message"`
	SuggestedFixes []struct {
		Message string `json:"message"`
	} `json:"suggested_fixes"`
}

// parseVetJSON returns the findings in go vet -json output, which is a
// stream of JSON objects, positions relative to dir.
func parseVetJSON(t *testing.T, out, dir string) []string {
	t.Helper()
	var got []string
	dec := json.NewDecoder(strings.NewReader(out))
	for dec.More() {
		var v vetJSON
		if err := dec.Decode(&v); err != nil {
			t.Fatalf("bad JSON: %v\n%s", err, out)
		}
		for pkg, byCheck := range v {
			for check, raw := range byCheck {
				var diags []vetDiagnostic
				if err := json.Unmarshal(raw, &diags); err != nil {
					t.Errorf("%s: %s: not a list of diagnostics (an analyzer error?): %s", pkg, check, raw)
					continue
				}
				for _, d := range diags {
					got = append(got, relPos(dir, d.Posn)+": "+check+": "+d.Message)
				}
			}
		}
	}
	return got
}

func relPos(dir, pos string) string {
	if rel, ok := strings.CutPrefix(pos, dir+string(filepath.Separator)); ok {
		return filepath.ToSlash(rel)
	}
	return pos
}

// textFindings returns the findings in a driver's text output:
// "file:line:col: message" lines, others (such as go vet's "# package")
// left out. A trailing " (check)" becomes a "check: " prefix.
func textFindings(out, dir string) []string {
	var got []string
	for _, l := range lines(out) {
		if _, msg, _ := strings.Cut(l, ": "); strings.HasPrefix(l, "#") || strings.HasPrefix(l, "\t") || strings.HasPrefix(msg, "\t") {
			continue // a package header, or a finding's related information (go vet puts its position first)
		}
		l = relPos(dir, l)
		if m := trailingCheck.FindStringSubmatch(l); m != nil {
			pos, msg, _ := strings.Cut(m[1], ": ")
			l = pos + ": " + m[2] + ": " + msg
		}
		got = append(got, l)
	}
	return got
}

var trailingCheck = regexp.MustCompile(`^(.*) \((leakedgo|unjoined|ctxmissing)\)$`)

// modVersions returns the module versions a binary was built with, from
// go version -m: path -> version, or "=> replacement" for a replaced one.
func modVersions(t *testing.T, binary string) map[string]string {
	t.Helper()
	r := run(t, ".", nil, "go", "version", "-m", binary)
	wantCode(t, "go version -m", r, 0)
	mods := make(map[string]string)
	var last string
	for _, l := range lines(r.stdout) {
		f := strings.Fields(l)
		switch {
		case len(f) >= 3 && (f[0] == "dep" || f[0] == "mod"):
			mods[f[1]] = f[2]
			last = f[1]
		case len(f) >= 2 && f[0] == "=>":
			mods[last] = "=> " + f[1]
		case len(f) >= 1 && strings.HasPrefix(f[0], "go1"):
			mods["go"] = f[0]
		case len(f) >= 2 && f[1] == "go1.":
		}
		if strings.Contains(l, ": go1.") {
			mods["go"] = strings.TrimSpace(l[strings.Index(l, ": go1.")+2:])
		}
	}
	return mods
}

// TestStandalone runs the structlint command: text, -json, -diff, -fix,
// and the flags that select checks and set their options.
func TestStandalone(t *testing.T) {
	sl := structlint.get(t)
	dir := fixture(t)
	if *update {
		updateGolden(t, sl)
	}

	r := run(t, dir, nil, sl, "./...")
	wantCode(t, "structlint ./...", r, 3)
	sameLines(t, "structlint ./...", textFindings(r.stderr, dir), findings(t, true))

	r = run(t, dir, nil, sl, "-json", "./...")
	wantCode(t, "structlint -json ./...", r, 0)
	sameLines(t, "structlint -json ./...", parseVetJSON(t, r.stdout, dir), findings(t, true))

	r = run(t, dir, nil, sl, "-unjoined=false", "-ctxmissing=false", "./...")
	wantCode(t, "structlint -unjoined=false -ctxmissing=false ./...", r, 3)
	sameLines(t, "structlint -unjoined=false -ctxmissing=false", textFindings(r.stderr, dir), findings(t, true, "leakedgo"))

	r = run(t, dir, nil, sl, "-diff", "./...")
	wantCode(t, "structlint -diff ./...", r, 3)
	sameText(t, "structlint -diff ./...", r.stdout, golden(t, "fix.diff"))
	unchanged(t, dir)

	r = run(t, dir, nil, sl, "-ctxmissing", "-ctxmissing.timeout=10s", "-diff", "./...")
	wantCode(t, "structlint -ctxmissing -ctxmissing.timeout=10s -diff ./...", r, 3)
	if n := strings.Count(r.stdout, "+\tctx, cancel := context.WithTimeout"); n != 2 || strings.Count(r.stdout, "10*time.Second)") != 2 {
		t.Errorf("structlint -ctxmissing.timeout=10s -diff: want two fixes with 10*time.Second, got:\n%s", r.stdout)
	}

	r = run(t, dir, nil, sl, "-fix", "./...")
	wantCode(t, "structlint -fix ./...", r, 0)
	wantFixed(t, dir)
	r = run(t, dir, nil, sl, "./...")
	wantCode(t, "structlint ./... once fixed", r, 0)
	sameLines(t, "structlint ./... once fixed", textFindings(r.stderr, dir), nil)
}

// updateGolden rewrites testdata/ from the structlint command's output
// on a fresh copy of the fixture.
func updateGolden(t *testing.T, sl string) {
	dir := fixture(t)
	write := func(name, data string) {
		t.Helper()
		path := filepath.Join("testdata", name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("updated %s", path)
	}
	r := run(t, dir, nil, sl, "./...")
	write("findings.txt", strings.Join(slices.Sorted(slices.Values(textFindings(r.stderr, dir))), "\n")+"\n")

	r = run(t, dir, nil, sl, "-json", "./...")
	var fixes []string
	dec := json.NewDecoder(strings.NewReader(r.stdout))
	for dec.More() {
		var v map[string]map[string][]vetDiagnostic
		if err := dec.Decode(&v); err != nil {
			t.Fatal(err)
		}
		for _, byCheck := range v {
			for _, diags := range byCheck {
				for _, d := range diags {
					if len(d.SuggestedFixes) > 0 {
						pos := relPos(dir, d.Posn)
						fixes = append(fixes, pos+": "+d.SuggestedFixes[0].Message)
					}
				}
			}
		}
	}
	write("quickfixes.txt", strings.Join(slices.Sorted(slices.Values(fixes)), "\n")+"\n")

	r = run(t, dir, nil, sl, "-diff", "./...")
	write("fix.diff", r.stdout)

	run(t, dir, nil, sl, "-fix", "./...")
	os.RemoveAll(filepath.Join("testdata", "fixed"))
	for _, f := range fixtureFiles(t) {
		want, _ := os.ReadFile(filepath.Join(root, "integration", "fixture", f))
		got, _ := os.ReadFile(filepath.Join(dir, f))
		if !bytes.Equal(got, want) {
			write(filepath.Join("fixed", f), string(got))
		}
	}
}

// TestGoVet runs go vet -vettool=structlint, in text and as JSON.
func TestGoVet(t *testing.T) {
	sl := structlint.get(t)
	dir := fixture(t)

	r := run(t, dir, nil, "go", "vet", "-vettool="+sl, "./...")
	wantCode(t, "go vet -vettool", r, 1)
	sameLines(t, "go vet -vettool", textFindings(r.stderr, dir), findings(t, false))

	r = run(t, dir, nil, "go", "vet", "-vettool="+sl, "-json", "./...")
	wantCode(t, "go vet -vettool -json", r, 0)
	// go vet -json writes to stderr.
	sameLines(t, "go vet -vettool -json", parseVetJSON(t, r.stderr+r.stdout, dir), findings(t, true))

	// store's facts reach app when only app is vetted.
	r = run(t, dir, nil, "go", "vet", "-vettool="+sl, "./app")
	wantCode(t, "go vet -vettool ./app", r, 1)
	sameLines(t, "go vet -vettool ./app", textFindings(r.stderr, dir), findings(t, false))

	r = run(t, dir, nil, "go", "vet", "-vettool="+sl, "-leakedgo=false", "./...")
	wantCode(t, "go vet -vettool -leakedgo=false", r, 1)
	sameLines(t, "go vet -vettool -leakedgo=false", textFindings(r.stderr, dir), findings(t, false, "unjoined", "ctxmissing"))

	unchanged(t, dir)
}

// TestGoFix runs go fix -fixtool=structlint, with -diff and then for real.
func TestGoFix(t *testing.T) {
	sl := structlint.get(t)
	dir := fixture(t)

	r := run(t, dir, nil, "go", "fix", "-fixtool="+sl, "-diff", "./...")
	wantCode(t, "go fix -fixtool -diff", r, 1)
	// go fix labels the files "/abs/path (old)" and "(new)".
	got := regexp.MustCompile(`(?m)^--- `+regexp.QuoteMeta(dir)+`/(\S+) \(old\)$`).ReplaceAllString(r.stdout, "--- a/$1")
	got = regexp.MustCompile(`(?m)^\+\+\+ `+regexp.QuoteMeta(dir)+`/(\S+) \(new\)$`).ReplaceAllString(got, "+++ b/$1")
	sameText(t, "go fix -fixtool -diff", got, golden(t, "fix.diff"))
	unchanged(t, dir)

	r = run(t, dir, nil, "go", "fix", "-fixtool="+sl, "./...")
	wantCode(t, "go fix -fixtool", r, 0)
	wantFixed(t, dir)
}

// golangciJSON is the part of golangci-lint's JSON output the test reads.
type golangciJSON struct {
	Issues []struct {
		FromLinter string
		Text       string
		Pos        struct {
			Filename     string
			Line, Column int
		}
	}
}

// sarif is the part of a SARIF 2.1.0 log the test reads.
type sarif struct {
	Version string `json:"version"`
	Runs    []struct {
		Tool struct {
			Driver struct {
				Name string `json:"name"`
			} `json:"driver"`
		} `json:"tool"`
		Results []struct {
			RuleID  string `json:"ruleId"`
			Message struct {
				Text string `json:"text"`
			} `json:"message"`
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct {
						URI string `json:"uri"`
					} `json:"artifactLocation"`
					Region struct {
						StartLine   int `json:"startLine"`
						StartColumn int `json:"startColumn"`
					} `json:"region"`
				} `json:"physicalLocation"`
			} `json:"locations"`
		} `json:"results"`
	} `json:"runs"`
}

// TestGolangciLint builds golangci-lint with the structlint module plugin
// (as golangci-lint custom does, from the module proxy) and runs it: the
// findings in JSON and SARIF, the plugin's settings, and --fix.
func TestGolangciLint(t *testing.T) {
	// golangci-lint caches its issues, with their fixes, by package content:
	// a run must not see another build's.
	t.Setenv("GOLANGCI_LINT_CACHE", t.TempDir())
	gcl := golangciLint.get(t)
	mods := modVersions(t, gcl)
	t.Logf("golangci-lint built with %s, golang.org/x/tools %s, plugin-module-register %s, structlint %s",
		mods["go"], mods["golang.org/x/tools"], mods["github.com/golangci/plugin-module-register"], mods["github.com/structlint/structlint"])
	if got, want := mods["github.com/structlint/structlint"], "=> "+root; got != want {
		t.Errorf("golangci-lint's structlint module: %s, want %s", got, want)
	}
	if mods["golang.org/x/tools"] == "" || mods["github.com/golangci/plugin-module-register"] == "" {
		t.Errorf("golangci-lint's modules: %v", mods)
	}

	dir := fixture(t)
	// The configuration goes in the module, as .golangci.yml, since
	// golangci-lint reports paths relative to it.
	config := func(dir, name string) string {
		t.Helper()
		data, err := os.ReadFile(filepath.Join("testdata", "golangci", name))
		if err == nil {
			err = os.WriteFile(filepath.Join(dir, ".golangci.yml"), data, 0o644)
		}
		if err != nil {
			t.Fatal(err)
		}
		return "--config=.golangci.yml"
	}
	// issues runs golangci-lint with its JSON output in a file and
	// returns the findings.
	issues := func(what, dir, cfg string, args ...string) []string {
		t.Helper()
		jsonPath := filepath.Join(t.TempDir(), "issues.json")
		r := run(t, dir, nil, gcl, append([]string{"run", config(dir, cfg), "--output.json.path=" + jsonPath}, args...)...)
		wantCode(t, what, r, 1)
		data, err := os.ReadFile(jsonPath)
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		var out golangciJSON
		if err := json.Unmarshal(data, &out); err != nil {
			t.Fatalf("%s: bad JSON: %v\n%s", what, err, data)
		}
		var got []string
		for _, is := range out.Issues {
			if is.FromLinter != "structlint" {
				t.Errorf("%s: an issue from %s: %s", what, is.FromLinter, is.Text)
			}
			got = append(got, fmt.Sprintf("%s:%d:%d: %s", is.Pos.Filename, is.Pos.Line, is.Pos.Column, is.Text))
		}
		return got
	}

	r := run(t, dir, nil, gcl, "linters", config(dir, "default.yml"))
	wantCode(t, "golangci-lint linters", r, 0)
	if !regexp.MustCompile(`(?m)^structlint\b`).MatchString(r.stdout) {
		t.Errorf("golangci-lint linters: no structlint among the enabled linters:\n%s", r.stdout)
	}

	sarifPath := filepath.Join(t.TempDir(), "structlint.sarif")
	got := issues("golangci-lint run", dir, "default.yml", "--output.sarif.path="+sarifPath, "./...")
	sameLines(t, "golangci-lint run (JSON)", got, findings(t, true))

	// store's facts reach app when only app is linted.
	got = issues("golangci-lint run ./app", dir, "default.yml", "./app")
	sameLines(t, "golangci-lint run ./app", got, findings(t, true))

	data, err := os.ReadFile(sarifPath)
	if err != nil {
		t.Fatalf("golangci-lint run --output.sarif.path: %v", err)
	}
	var log sarif
	if err := json.Unmarshal(data, &log); err != nil {
		t.Fatalf("golangci-lint SARIF: %v\n%s", err, data)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 || log.Runs[0].Tool.Driver.Name != "golangci-lint" {
		t.Errorf("golangci-lint SARIF: version %q, %d runs, want 2.1.0 and one run of golangci-lint:\n%s", log.Version, len(log.Runs), data)
	}
	got = nil
	for _, run := range log.Runs {
		for _, res := range run.Results {
			if res.RuleID != "structlint" || len(res.Locations) != 1 {
				t.Errorf("golangci-lint SARIF: result of rule %q with %d locations, want structlint and 1", res.RuleID, len(res.Locations))
				continue
			}
			loc := res.Locations[0].PhysicalLocation
			got = append(got, fmt.Sprintf("%s:%d:%d: %s", loc.ArtifactLocation.URI, loc.Region.StartLine, loc.Region.StartColumn, res.Message.Text))
		}
	}
	sameLines(t, "golangci-lint run (SARIF)", got, findings(t, true))

	// Settings: checks off, an option set.
	got = issues("golangci-lint run with settings", dir, "settings.yml", "./...")
	sameLines(t, "golangci-lint run with settings", got, findings(t, true, "ctxmissing"))
	r = run(t, dir, nil, gcl, "run", config(dir, "settings.yml"), "--fix", "./...")
	wantCode(t, "golangci-lint run --fix with settings", r, 0)
	if data, _ := os.ReadFile(filepath.Join(dir, "app", "app.go")); strings.Count(string(data), "10*time.Second)") != 2 || !strings.Contains(string(data), "results := make(chan *Result)\n") {
		t.Errorf("golangci-lint --fix with ctxmissing.timeout=10s and leakedgo off: want two 10s deadlines and results unbuffered:\n%s", data)
	}

	// A typo in the settings is an error that names it.
	r = run(t, dir, nil, gcl, "run", config(dir, "typo.yml"), "./...")
	if r.code == 0 || r.code == 1 || !strings.Contains(r.stderr, `unknown check "leakgo" (the checks are leakedgo, unjoined, ctxmissing)`) {
		t.Errorf("golangci-lint run with a misspelt check: exit %d, want an error naming it\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}

	// --fix, on a fresh copy.
	dir = fixture(t)
	r = run(t, dir, nil, gcl, "run", config(dir, "default.yml"), "--fix", "./...")
	wantCode(t, "golangci-lint run --fix", r, 0)
	wantFixed(t, dir)
	r = run(t, dir, nil, gcl, "run", config(dir, "default.yml"), "./...")
	wantCode(t, "golangci-lint run once fixed", r, 0)
}

// goplsDiagnostic matches a line of gopls check:
// "/abs/file.go:line:col-endcol: message" (or -endline:endcol).
var goplsDiagnostic = regexp.MustCompile(`^(.+?):(\d+):(\d+)(?:-[\d:]+)?: (.*)$`)

// goplsCheck runs gopls check on the fixture's files and returns the
// diagnostics as "file:line:col: message", relative to dir.
func goplsCheck(t *testing.T, gp, dir string) []string {
	t.Helper()
	r := run(t, dir, nil, gp, append([]string{"check"}, fixtureFiles(t)...)...)
	wantCode(t, "gopls check", r, 0)
	var got []string
	for _, l := range lines(r.stdout + r.stderr) {
		m := goplsDiagnostic.FindStringSubmatch(l)
		if m == nil {
			t.Errorf("gopls check: unexpected line %q", l)
			continue
		}
		if strings.HasPrefix(m[4], "- ") {
			continue // a finding's related information, which gopls prints as a line of its own
		}
		got = append(got, fmt.Sprintf("%s:%s:%s: %s", relPos(dir, m[1]), m[2], m[3], m[4]))
	}
	return got
}

// TestGopls builds gopls with structlint's analyzers and drives it from
// the command line, as an editor would over LSP: diagnostics from gopls
// check, quick fixes listed, shown as a diff, and applied one by one until
// none is left.
func TestGopls(t *testing.T) {
	gp := gopls.get(t)
	mods := modVersions(t, gp)
	t.Logf("gopls built with %s, gopls %s, golang.org/x/tools %s, structlint %s",
		mods["go"], mods["golang.org/x/tools/gopls"], mods["golang.org/x/tools"], mods["github.com/structlint/structlint"])
	if got, want := mods["github.com/structlint/structlint"], "=> "+root; got != want {
		t.Errorf("gopls's structlint module: %s, want %s", got, want)
	}
	// x/tools stays at gopls's own requirement (newer than structlint's).
	if got := mods["golang.org/x/tools"]; !strings.HasPrefix(got, "v0.51.1-") {
		t.Errorf("gopls's golang.org/x/tools: %s, want gopls v0.24.0's own v0.51.1-…", got)
	}

	dir := fixture(t)
	sameLines(t, "gopls check", goplsCheck(t, gp, dir), findings(t, false))

	// Each finding has its fix as a quick fix.
	titles := strings.Split(strings.TrimSpace(golden(t, "quickfixes.txt")), "\n")
	for _, l := range titles {
		pos, title, _ := strings.Cut(l, ": ")
		r := run(t, dir, nil, gp, "codeaction", "-kind=quickfix", pos)
		wantCode(t, "gopls codeaction -kind=quickfix "+pos, r, 0)
		if want := fmt.Sprintf("edit\t%q [quickfix]", title); !slices.Contains(lines(r.stdout), want) {
			t.Errorf("gopls codeaction -kind=quickfix %s: no line %q in\n%s", pos, want, r.stdout)
		}
	}
	r := run(t, dir, nil, gp, "codeaction", "-kind=quickfix", "-exec", "-diff", "app/app.go:40:2")
	wantCode(t, "gopls codeaction -exec -diff", r, 0)
	if !strings.Contains(r.stdout, "-\tg.Wait()\n+\tif err := g.Wait(); err != nil {\n+\t\treturn err\n+\t}\n") {
		t.Errorf("gopls codeaction -kind=quickfix -exec -diff app/app.go:40:2: not unjoined's fix:\n%s", r.stdout)
	}
	unchanged(t, dir)

	// The checks' flags come from STRUCTLINT_FLAGS.
	r = run(t, dir, []string{"STRUCTLINT_FLAGS=-ctxmissing.timeout=10s"}, gp, "codeaction", "-kind=quickfix", "app/app.go:56:9")
	wantCode(t, "STRUCTLINT_FLAGS=-ctxmissing.timeout=10s gopls codeaction", r, 0)
	if want := "edit\t\"Give the call a 10s deadline\" [quickfix]"; !slices.Contains(lines(r.stdout), want) {
		t.Errorf("STRUCTLINT_FLAGS=-ctxmissing.timeout=10s gopls codeaction -kind=quickfix app/app.go:56:9: no line %q in\n%s", want, r.stdout)
	}

	// Apply the first finding's fix until none is left: positions move
	// as fixes add lines.
	for i := 0; ; i++ {
		diags := goplsCheck(t, gp, dir)
		if len(diags) == 0 {
			break
		}
		if i == len(titles) {
			t.Fatalf("gopls: findings left after applying %d quick fixes: %q", i, diags)
		}
		m := regexp.MustCompile(`^(\S+?:\d+:\d+): `).FindStringSubmatch(diags[0])
		r := run(t, dir, nil, gp, "codeaction", "-kind=quickfix", "-exec", "-write", m[1])
		wantCode(t, "gopls codeaction -exec -write "+m[1], r, 0)
	}
	wantFixed(t, dir)
}
