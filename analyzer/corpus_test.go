package analyzer_test

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/structlint/structlint/analyzer"
)

var updateCorpus = flag.Bool("update-corpus", false, "rewrite testdata/corpus.txt from this run")

// TestCorpus measures recall and precision on the real-bug corpus,
// testdata/src/corpus/<area>/<case>/{bug,fixed}: bugs taken from fix
// commits of well-known projects, each rewritten in our own words with its
// shape kept, next to its fixed twin.
//
// A bug is found when the suite reports the check a marker names on a
// marked line of the bug package:
//
//	go func() { results <- r }() // report: leakedgo
//
// A fixed twin must get no finding at all. The outcome of every case is
// kept in testdata/corpus.txt, with the recall per area: the test fails
// when a case's outcome changes, so that every gain and every loss is seen
// and recorded (go test ./analyzer -run TestCorpus -update-corpus).
func TestCorpus(t *testing.T) {
	gopath, err := filepath.Abs("../testdata")
	if err != nil {
		t.Fatal(err)
	}
	cases, err := filepath.Glob(filepath.Join(gopath, "src", "corpus", "*", "*"))
	if err != nil || len(cases) == 0 {
		t.Fatalf("no corpus cases under %s/src/corpus (%v)", gopath, err)
	}
	cfg := &packages.Config{
		Mode: packages.LoadAllSyntax,
		Dir:  filepath.Join(gopath, "src"),
		Env:  append(os.Environ(), "GOPATH="+gopath, "GO111MODULE=off", "GOFLAGS=", "GOWORK=off"),
	}
	pkgs, err := packages.Load(cfg, "corpus/...")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pkgs {
		for _, e := range p.Errors {
			t.Errorf("%s: %v", p.PkgPath, e)
		}
	}
	graph, err := checker.Analyze(analyzer.Suite, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	// findings["corpus/leak/x/bug"] are "check file:line" of its findings.
	findings := make(map[string][]string)
	for act := range graph.All() {
		if act.Err != nil {
			t.Errorf("%s on %s: %v", act.Analyzer.Name, act.Package.PkgPath, act.Err)
		}
		if !slices.Contains(analyzer.Suite, act.Analyzer) {
			continue
		}
		for _, d := range act.Diagnostics {
			pos := act.Package.Fset.Position(d.Pos)
			findings[act.Package.PkgPath] = append(findings[act.Package.PkgPath],
				fmt.Sprintf("%s %s:%d", act.Analyzer.Name, filepath.Base(pos.Filename), pos.Line))
		}
	}

	var lines []string
	found, total := make(map[string]int), make(map[string]int)
	var areas []string
	flaggedTwins := 0
	for _, dir := range cases {
		rel, _ := filepath.Rel(filepath.Join(gopath, "src"), dir)
		rel = filepath.ToSlash(rel)
		area := strings.Split(rel, "/")[1]
		if !slices.Contains(areas, area) {
			areas = append(areas, area)
		}
		markers, err := readMarkers(filepath.Join(dir, "bug"))
		if err != nil {
			t.Fatal(err)
		}
		if len(markers) == 0 {
			t.Errorf("%s/bug has no // report: marker", rel)
		}
		if _, err := os.Stat(filepath.Join(dir, "fixed")); err != nil {
			t.Errorf("%s has no fixed twin", rel)
		}
		outcome := "missed"
		for _, f := range findings[rel+"/bug"] {
			if markers[f] {
				outcome = "found"
			}
		}
		total[area]++
		if outcome == "found" {
			found[area]++
		}
		twin := "clean"
		if fs := findings[rel+"/fixed"]; len(fs) > 0 {
			slices.Sort(fs)
			twin = "flagged (" + strings.Join(fs, ", ") + ")"
			flaggedTwins++
		}
		lines = append(lines, fmt.Sprintf("%s: bug %s, fixed %s", strings.TrimPrefix(rel, "corpus/"), outcome, twin))
	}
	var summary []string
	for _, area := range areas {
		summary = append(summary, fmt.Sprintf("%s %d/%d", area, found[area], total[area]))
	}
	got := fmt.Sprintf("# recall: %s; fixed twins flagged: %d\n%s\n", strings.Join(summary, ", "), flaggedTwins, strings.Join(lines, "\n"))
	t.Log(strings.SplitN(got, "\n", 2)[0])

	golden := filepath.Join(gopath, "corpus.txt")
	if *updateCorpus {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update-corpus to write it)", err)
	}
	if string(want) != got {
		wantLines, gotLines := strings.Split(string(want), "\n"), strings.Split(got, "\n")
		for _, l := range gotLines {
			if !slices.Contains(wantLines, l) {
				t.Errorf("now:  %s", l)
			}
		}
		for _, l := range wantLines {
			if !slices.Contains(gotLines, l) {
				t.Errorf("was:  %s", l)
			}
		}
		t.Errorf("the corpus outcome changed; if it is right, record it with -update-corpus")
	}
}

var markerRE = regexp.MustCompile(`// report: ([a-z, ]+)$`)

// readMarkers returns the "check file:line" places marked in the Go files
// of dir.
func readMarkers(dir string) (map[string]bool, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, err
	}
	markers := make(map[string]bool)
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		sc := bufio.NewScanner(f)
		for line := 1; sc.Scan(); line++ {
			if m := markerRE.FindStringSubmatch(sc.Text()); m != nil {
				for check := range strings.SplitSeq(m[1], ",") {
					markers[fmt.Sprintf("%s %s:%d", strings.TrimSpace(check), filepath.Base(name), line)] = true
				}
			}
		}
		f.Close()
		if err := sc.Err(); err != nil {
			return nil, err
		}
	}
	return markers, nil
}
