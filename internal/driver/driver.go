// Package driver is the structlint command: a standalone checker with a
// runner built for memory, and the go vet/go fix tool protocol, in one
// Main.
//
// Invoked by the go command (go vet -vettool, go fix -fixtool), which
// passes -V=full, -flags, or a unit.cfg file, Main hands over to
// golang.org/x/tools/go/analysis/unitchecker. Otherwise it loads the
// packages named on the command line with go/packages and analyzes them
// in dependency order, dropping each package's syntax and types.Info
// as soon as it is done (see runner).
package driver

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/unitchecker"

	"github.com/structlint/structlint/internal/checkdoc"
	"github.com/structlint/structlint/internal/report"
)

// Exit codes, as in the x/tools checkers.
const (
	exitClean       = 0 // no diagnostics
	exitErrors      = 1 // errors: packages that do not load or type-check, failed analyzers or fixes
	exitUsage       = 2 // bad command line
	exitDiagnostics = 3 // diagnostics reported
)

// Main runs analyzers as the structlint command and exits. docs may
// give the structured documentation of some analyzers; the others are
// described by their Doc.
func Main(analyzers []*analysis.Analyzer, docs map[*analysis.Analyzer]*checkdoc.Check) {
	prog := filepath.Base(os.Args[0])
	log.SetFlags(0)
	log.SetPrefix(prog + ": ")
	if err := analysis.Validate(analyzers); err != nil {
		log.Fatal(err)
	}
	// A fix that cannot be applied is dropped, its finding kept (see
	// package report); say so, since it is a bug.
	report.InvalidFix = func(pass *analysis.Pass, d analysis.Diagnostic, f analysis.SuggestedFix, err error) {
		log.Printf("%s: dropped the fix %q of a %s finding, which cannot be applied: %v (a bug in %s; please report it)",
			pass.Fset.Position(d.Pos), f.Message, pass.Analyzer.Name, err, prog)
	}
	if invokedByGoCommand(os.Args[1:]) {
		unitchecker.Main(analyzers...) // does not return
	}
	cmd := &command{prog: prog, analyzers: analyzers, docs: docs, stdout: os.Stdout, stderr: os.Stderr}
	os.Exit(cmd.run(os.Args[1:]))
}

// invokedByGoCommand reports whether args follow the protocol of go vet
// and go fix: "-V=full" and "-flags" to query the tool, and then
// "[flags] unit.cfg" for each package.
func invokedByGoCommand(args []string) bool {
	for _, arg := range args {
		if arg == "-flags" || arg == "--flags" || strings.HasPrefix(arg, "-V=") || strings.HasPrefix(arg, "--V=") {
			return true
		}
	}
	return len(args) > 0 && strings.HasSuffix(args[len(args)-1], ".cfg")
}

// A command is one standalone invocation.
type command struct {
	prog           string
	analyzers      []*analysis.Analyzer
	docs           map[*analysis.Analyzer]*checkdoc.Check
	stdout, stderr io.Writer

	flags      *flag.FlagSet
	enable     map[*analysis.Analyzer]*triState
	fix, diff  bool
	json       bool
	tests      bool
	tags       string
	debug      bool
	cpuProfile string
	memProfile string
}

func (c *command) defineFlags() {
	fs := flag.NewFlagSet(c.prog, flag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors and usage are printed by run
	fs.BoolVar(&c.fix, "fix", false, "apply the first suggested fix of each diagnostic, analyze again, and report what remains")
	fs.BoolVar(&c.diff, "diff", false, "with -fix (implied): print the fixes as a unified diff instead of applying them")
	fs.BoolVar(&c.json, "json", false, "print diagnostics and errors as JSON, as go vet -json does")
	fs.BoolVar(&c.tests, "test", true, "analyze test files too")
	fs.StringVar(&c.tags, "tags", "", "comma-separated build tags, as for go build")
	fs.BoolVar(&c.debug, "debug", false, "print the stack of analyzer panics")
	fs.StringVar(&c.cpuProfile, "cpuprofile", "", "write a CPU profile to this file")
	fs.StringVar(&c.memProfile, "memprofile", "", "write a heap profile, taken once all packages are analyzed, to this file")
	c.enable = make(map[*analysis.Analyzer]*triState)
	for _, a := range c.analyzers {
		c.enable[a] = new(triState)
		fs.Var(c.enable[a], a.Name, fmt.Sprintf("enable the %s check (or, set false, disable it)", a.Name))
		a.Flags.VisitAll(func(f *flag.Flag) {
			fs.Var(f.Value, a.Name+"."+f.Name, f.Usage)
		})
	}
	c.flags = fs
}

// run runs the command and returns its exit code.
func (c *command) run(args []string) int {
	c.defineFlags()
	if err := c.flags.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			c.usage(c.stdout)
			return exitClean
		}
		fmt.Fprintf(c.stderr, "%s: %v\nRun '%[1]s -help' for the flags.\n", c.prog, err)
		return exitUsage
	}
	args = c.flags.Args()
	switch {
	case len(args) == 0:
		fmt.Fprintf(c.stderr, "usage: %s [flags] packages...\nRun '%[1]s help' for the checks and flags.\n", c.prog)
		return exitUsage
	case args[0] == "help":
		return c.help(args[1:])
	case c.json && (c.fix || c.diff):
		fmt.Fprintf(c.stderr, "%s: -json cannot be combined with -fix or -diff\n", c.prog)
		return exitUsage
	}
	c.fix = c.fix || c.diff

	if c.cpuProfile != "" {
		f, err := os.Create(c.cpuProfile)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			fmt.Fprintf(c.stderr, "%s: %v\n", c.prog, err)
			return exitErrors
		}
		defer func() {
			pprof.StopCPUProfile()
			f.Close()
		}()
	}
	return c.check(args)
}

// check analyzes the packages matching patterns and reports.
func (c *command) check(patterns []string) int {
	cfg := loadConfig{tests: c.tests}
	if c.tags != "" {
		cfg.buildFlags = []string{"-tags=" + c.tags}
	}
	roots, err := loadRoots(cfg, patterns)
	if err != nil {
		fmt.Fprintf(c.stderr, "%s: %v\n", c.prog, err)
		return exitErrors
	}
	r := newRunner(c.selected(), roots, c.debug)
	r.run()
	if c.memProfile != "" {
		c.writeHeapProfile() // while the runner still holds what it keeps
	}

	cwd, _ := os.Getwd()
	rel := relativeTo(cwd)
	exit := exitClean
	if r.printPackageErrors(c.stderr, c.prog, rel) > 0 {
		exit = exitErrors
	}
	if c.json {
		// Analyzer failures are in the JSON, as with go vet -json.
		if err := r.printJSON(c.stdout); err != nil {
			fmt.Fprintf(c.stderr, "%s: %v\n", c.prog, err)
			exit = exitErrors
		}
		return exit
	}
	if r.printActionErrors(c.stderr, c.prog) > 0 {
		exit = exitErrors
	}

	diags := r.diagnostics()
	found := len(diags) > 0
	var hints []string
	switch {
	case c.diff:
		var changed, failed bool
		diags, changed, failed = c.showFixes(r, diags, rel)
		if failed {
			exit = exitErrors
		}
		// Like gofmt -d and go fix -diff, a non-empty diff is a finding.
		found = len(diags) > 0 || changed
	case c.fix:
		var failed bool
		r, diags, hints, failed = c.fixAll(cfg, patterns, r, rel)
		if failed {
			exit = exitErrors
		}
		found = len(diags) > 0
	}
	printText(c.stderr, r.fset, diags, rel)
	for _, hint := range hints {
		fmt.Fprint(c.stderr, hint)
	}
	if found && exit == exitClean {
		exit = exitDiagnostics
	}
	return exit
}

// selected returns the analyzers the -NAME flags select: if any is set
// true, only those; otherwise all but those set false.
func (c *command) selected() []*analysis.Analyzer {
	only := false
	for _, a := range c.analyzers {
		only = only || *c.enable[a] == setTrue
	}
	var list []*analysis.Analyzer
	for _, a := range c.analyzers {
		if *c.enable[a] == setTrue || !only && *c.enable[a] != setFalse {
			list = append(list, a)
		}
	}
	return list
}

// mergeFixes merges the first fix of each diagnostic, as far as they can
// be merged, and returns them with the diagnostics that keep a finding:
// those with no fix, or whose fix was skipped, with the reason.
func mergeFixes(r *runner, diags []diagnostic, rel func(string) string) (fixes *fixSet, remaining []diagnostic, merged int) {
	fixes = newFixSet(r.fset, r.sourceFiles())
	for _, d := range diags {
		switch outcome, reason := fixes.add(d); outcome {
		case noFix:
			remaining = append(remaining, d)
		case fixSkipped:
			d.Message += " [fix skipped: " + rel(reason) + "]"
			remaining = append(remaining, d)
		case fixed:
			merged++
		}
	}
	return fixes, remaining, merged
}

// showFixes prints the fixes of diags as a unified diff (-diff). It
// returns the diagnostics with no fix to show, whether the diff is not
// empty, and whether something failed.
func (c *command) showFixes(r *runner, diags []diagnostic, rel func(string) string) (remaining []diagnostic, changed, failed bool) {
	fixes, remaining, _ := mergeFixes(r, diags, rel)
	files, err := fixes.apply()
	if err != nil {
		fmt.Fprintf(c.stderr, "%s: %v\n", c.prog, rel(err.Error()))
		failed = true
	}
	for _, f := range files {
		name := rel(f.name)
		if f.unformatted {
			fmt.Fprintf(c.stderr, "%s: %s does not parse after fixing; it was not gofmt'd\n", c.prog, name)
		}
		c.stdout.Write(unifiedDiff("a/"+name, f.old, "b/"+name, f.new))
	}
	return remaining, len(files) > 0, failed
}

// maxFixRounds bounds how many times -fix applies fixes and analyzes
// again: a fix whose finding comes back (a bug) must not loop forever.
const maxFixRounds = 5

// fixAll applies the fixes of r's findings (-fix), analyzes the packages
// again, and repeats while a round has fixes to apply: one skipped for a
// conflict with another applies in the next. It says how many fixes it
// applied in how many files, and returns the runner of the last analysis
// with the findings that remain (with the reason of a fix skipped), hints
// to print after them, and whether something failed. When the fixes
// import the runtime into a module that does not require it, the code
// does not build until it does: fixAll stops there, and a hint says how
// to add it.
func (c *command) fixAll(cfg loadConfig, patterns []string, r *runner, rel func(string) string) (last *runner, remaining []diagnostic, hints []string, failed bool) {
	applied := 0
	written := make(map[string]bool)
	for round := 1; ; round++ {
		fixes, rest, merged := mergeFixes(r, r.diagnostics(), rel)
		files, err := fixes.apply()
		if err != nil {
			fmt.Fprintf(c.stderr, "%s: %v\n", c.prog, rel(err.Error()))
			failed = true
		}
		wrote := 0
		for _, f := range files {
			if f.unformatted {
				fmt.Fprintf(c.stderr, "%s: %s does not parse after fixing; it was not gofmt'd\n", c.prog, rel(f.name))
			}
			if err := writeFileAtomic(f.name, f.new); err != nil {
				fmt.Fprintf(c.stderr, "%s: %v\n", c.prog, err)
				failed = true
				continue
			}
			written[f.name] = true
			wrote++
		}
		if wrote > 0 {
			applied += merged
		}
		for _, gomod := range modulesLackingRuntime(files, r.goMods()) {
			hints = append(hints, runtimeHint(c.prog, rel(gomod)))
		}
		if wrote == 0 || len(hints) > 0 {
			remaining = rest
			failed = failed || len(hints) > 0
			break
		}
		// Analyze what the fixes left.
		roots, err := loadRoots(cfg, patterns)
		if err != nil {
			fmt.Fprintf(c.stderr, "%s: %v\n", c.prog, err)
			failed = true
			break
		}
		r = newRunner(c.selected(), roots, c.debug)
		r.run()
		if r.printPackageErrors(c.stderr, c.prog, rel)+r.printActionErrors(c.stderr, c.prog) > 0 {
			failed = true
		}
		if round == maxFixRounds {
			remaining = r.diagnostics()
			break
		}
	}
	if applied > 0 {
		fmt.Fprintf(c.stderr, "%s: applied %s to %s\n", c.prog, plural(applied, "fix", "fixes"), plural(len(written), "file", "files"))
	}
	return r, remaining, hints, failed
}

// plural returns "1 fix" or "2 fixes".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func (c *command) writeHeapProfile() {
	f, err := os.Create(c.memProfile)
	if err != nil {
		fmt.Fprintf(c.stderr, "%s: %v\n", c.prog, err)
		return
	}
	defer f.Close()
	runtime.GC()
	if err := pprof.WriteHeapProfile(f); err != nil {
		fmt.Fprintf(c.stderr, "%s: %v\n", c.prog, err)
	}
}

func (c *command) usage(w io.Writer) {
	fmt.Fprintf(w, `%[1]s finds goroutines that escape structured concurrency.

Usage:
	%[1]s [flags] packages...    analyze packages (e.g. ./...)
	%[1]s help                   list the checks
	%[1]s help check...          document checks and their flags
	go vet -vettool=$(which %[1]s) packages...
	go fix -fixtool=$(which %[1]s) packages...

Exit status: 0 clean, 3 diagnostics reported, 1 errors, 2 bad usage.

Flags:
`, c.prog)
	c.flags.SetOutput(w)
	c.flags.PrintDefaults()
	c.flags.SetOutput(io.Discard)
}

// help prints the list of checks, or the documentation of the named ones.
func (c *command) help(names []string) int {
	if len(names) == 0 {
		fmt.Fprintf(c.stdout, "%s checks:\n\n", c.prog)
		for _, a := range c.analyzers {
			fmt.Fprintf(c.stdout, "\t%-12s %s\n", a.Name, c.title(a))
		}
		fmt.Fprintf(c.stdout, "\nAll checks run by default; -NAME runs only the named ones, -NAME=false skips one.\n")
		fmt.Fprintf(c.stdout, "Run '%s help <check>' for a check's documentation and flags.\n\n", c.prog)
		c.usage(c.stdout)
		return exitClean
	}
	var checks []*analysis.Analyzer
	for _, name := range names {
		a := c.lookup(name)
		if a == nil {
			fmt.Fprintf(c.stderr, "%s: unknown check %q; run '%[1]s help' for the list\n", c.prog, name)
			return exitUsage
		}
		checks = append(checks, a)
	}
	for i, a := range checks {
		if i > 0 {
			fmt.Fprintln(c.stdout)
		}
		c.document(a)
	}
	return exitClean
}

func (c *command) lookup(name string) *analysis.Analyzer {
	for _, a := range c.analyzers {
		if a.Name == name {
			return a
		}
	}
	return nil
}

// title returns the first line of a check's documentation, without the
// check's name the listing puts before it.
func (c *command) title(a *analysis.Analyzer) string {
	title, _, _ := strings.Cut(a.Doc, "\n\n")
	if doc := c.docs[a]; doc != nil {
		title = doc.Title
	}
	return strings.TrimPrefix(strings.ReplaceAll(title, "\n", " "), a.Name+": ")
}

// document prints a check's documentation and its flags. The flags are
// read from the analyzer itself, so they are never out of date.
func (c *command) document(a *analysis.Analyzer) {
	if doc := c.docs[a]; doc != nil {
		body := *doc
		body.Options = nil               // documented below, from the flags
		fmt.Fprint(c.stdout, body.Doc()) // its title starts with the name
	} else {
		fmt.Fprintf(c.stdout, "%s: %s\n", a.Name, strings.TrimSpace(a.Doc))
	}
	if a.URL != "" {
		fmt.Fprintf(c.stdout, "\nMore: %s\n", a.URL)
	}
	first := true
	a.Flags.VisitAll(func(f *flag.Flag) {
		if first {
			fmt.Fprintf(c.stdout, "\nFlags:\n\n")
			first = false
		}
		fmt.Fprintf(c.stdout, "\t-%s.%s (default %q)\n\t\t%s\n", a.Name, f.Name, f.DefValue, f.Usage)
	})
}

// A triState is a boolean flag that remembers whether it was set, as
// for go vet's -NAME flags.
type triState int

const (
	unset triState = iota
	setTrue
	setFalse
)

func (ts *triState) Set(value string) error {
	b, err := strconv.ParseBool(value)
	if err != nil {
		return errors.New("want true or false")
	}
	*ts = setFalse
	if b {
		*ts = setTrue
	}
	return nil
}

func (ts *triState) String() string   { return strconv.FormatBool(ts == nil || *ts != setFalse) }
func (ts *triState) IsBoolFlag() bool { return true }
