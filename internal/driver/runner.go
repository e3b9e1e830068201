package driver

import (
	"bytes"
	"container/heap"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"go/types"
	"os"
	"reflect"
	"runtime"
	"runtime/debug"
	"slices"
	"sort"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/gcexportdata"
	"golang.org/x/tools/go/packages"
	"golang.org/x/tools/go/types/objectpath"

	"github.com/structlint/structlint/internal/fix"
	"github.com/structlint/structlint/internal/report"
)

// The runner analyzes packages one at a time, in dependency order, and
// keeps only what later packages or the final report need.
//
// go list supplies metadata only. Each package is then parsed and
// type-checked from source by a pool of GOMAXPROCS workers, as soon as
// all its imports are done, importing their *types.Package directly.
// The analyzers run on it at once: everything on a root package, and on
// a dependency only the analyzers that produce facts (and what they
// require). Then the package's syntax, types.Info and analyzer results
// are dropped, and its types are shrunk to what its export data holds
// (see shrink). What survives is that compact *types.Package (dependents
// need it), its facts, and for a root package its diagnostics and line
// tables. So memory peaks at the compact types of all packages plus the
// packages in flight, where a checker that loads everything first holds
// every package's syntax, types.Info and SSA until the end.

// A runner holds the state of one analysis run.
type runner struct {
	fset          *token.FileSet
	rootAnalyzers []*analysis.Analyzer // enabled analyzers and what they require, prerequisites first
	factAnalyzers []*analysis.Analyzer // the subset dependencies need: analyzers with facts and their prerequisites
	enabled       map[*analysis.Analyzer]bool
	debug         bool // put stack traces in panic reports

	nodes []*node // every package to process, roots first
}

// A node is one package of the import graph.
type node struct {
	pkg        *packages.Package
	root       bool
	imports    map[string]*node // by import path, as written in the source; unsafe is left out
	importList []*node          // the same, each once, in a fixed order

	// scheduling
	dependents []*node
	waitingFor int // imports not yet processed; guarded by the scheduler's mutex
	priority   int // cost of the longest chain of dependents, this package included

	// Set by process, read by dependents once it returns.
	types      *types.Package
	errs       []packageError // list, parse and type errors of this package itself
	brokenDep  *node          // a dependency (direct or not) that has errors, if any
	factFailed map[*analysis.Analyzer]bool

	// Facts, written by this package's passes, then read by dependents.
	objectFacts  map[objectFactKey]analysis.Fact
	packageFacts map[reflect.Type]analysis.Fact

	// What the report needs: the results of the root actions (and of any
	// action that failed for reasons of its own), and for a root the
	// files that fixes may edit.
	actions []*action
	files   []sourceFile
}

// An action is the outcome of running one analyzer on one package.
type action struct {
	analyzer    *analysis.Analyzer
	diagnostics []analysis.Diagnostic
	err         error
}

// A sourceFile is a root package's Go file, as -fix needs it after its
// syntax is gone.
type sourceFile struct {
	name      string
	tokFile   *token.File
	generated bool // "// Code generated ... DO NOT EDIT."; fixes never touch it
	editable  bool // one of the package's own GoFiles, not cgo output in the build cache
}

// A packageError is an error loading, parsing or type-checking a package.
type packageError struct {
	posn token.Position // Filename alone holds go list's "file:line:col" when it gave one
	msg  string
}

func (e packageError) Error() string {
	if e.posn.Filename == "" {
		return e.msg
	}
	return e.posn.String() + ": " + e.msg
}

// A skipError explains why an action did not run: an earlier action
// failed, or the package has errors.
type skipError string

func (e skipError) Error() string { return string(e) }

// newRunner prepares to run analyzers on roots and the dependencies they need.
func newRunner(analyzers []*analysis.Analyzer, roots []*packages.Package, debug bool) *runner {
	r := &runner{
		fset:    token.NewFileSet(),
		enabled: make(map[*analysis.Analyzer]bool),
		debug:   debug,
	}
	for _, a := range analyzers {
		r.enabled[a] = true
	}
	r.rootAnalyzers = requiredFirst(analyzers)
	var withFacts []*analysis.Analyzer
	for _, a := range r.rootAnalyzers {
		if len(a.FactTypes) > 0 {
			withFacts = append(withFacts, a)
		}
	}
	r.factAnalyzers = requiredFirst(withFacts)
	r.buildGraph(roots)
	return r
}

// requiredFirst returns analyzers and everything they require, each
// after its prerequisites.
func requiredFirst(analyzers []*analysis.Analyzer) []*analysis.Analyzer {
	var order []*analysis.Analyzer
	seen := make(map[*analysis.Analyzer]bool)
	var visit func(a *analysis.Analyzer)
	visit = func(a *analysis.Analyzer) {
		if !seen[a] {
			seen[a] = true
			for _, req := range a.Requires {
				visit(req)
			}
			order = append(order, a)
		}
	}
	for _, a := range analyzers {
		visit(a)
	}
	return order
}

// buildGraph creates a node for each root and each package it imports,
// directly or not, and computes the scheduling priorities.
func (r *runner) buildGraph(roots []*packages.Package) {
	byPkg := make(map[*packages.Package]*node)
	var visit func(p *packages.Package) *node
	visit = func(p *packages.Package) *node {
		if n := byPkg[p]; n != nil {
			return n
		}
		n := &node{pkg: p, imports: make(map[string]*node)}
		byPkg[p] = n
		r.nodes = append(r.nodes, n)
		for path, imp := range p.Imports {
			if imp.PkgPath == "unsafe" {
				continue
			}
			n.imports[path] = visit(imp)
		}
		return n
	}
	for _, p := range roots {
		visit(p).root = true
	}

	for _, n := range r.nodes {
		n.importList = distinct(n.imports)
		for _, imp := range n.importList {
			imp.dependents = append(imp.dependents, n)
		}
		n.waitingFor = len(n.importList)
	}

	// A package's priority is the cost of the longest chain of packages
	// that wait for it, so the workers start the long chains early and
	// the end of the run is not a single package working alone.
	done := make(map[*node]bool)
	var prioritize func(n *node) int
	prioritize = func(n *node) int {
		if !done[n] {
			done[n] = true
			longest := 0
			for _, d := range n.dependents {
				longest = max(longest, prioritize(d))
			}
			n.priority = longest + 1 + len(n.pkg.CompiledGoFiles)
		}
		return n.priority
	}
	for _, n := range r.nodes {
		prioritize(n)
	}
}

// distinct returns the distinct nodes of m, in a deterministic order.
// (Two import paths may name the same package, as with vendoring.)
func distinct(m map[string]*node) []*node {
	var list []*node
	seen := make(map[*node]bool)
	for _, n := range m {
		if !seen[n] {
			seen[n] = true
			list = append(list, n)
		}
	}
	sort.Slice(list, func(i, j int) bool { return list[i].pkg.ID < list[j].pkg.ID })
	return list
}

// run processes every node, each once all its imports are done, on
// GOMAXPROCS workers, highest priority first.
func (r *runner) run() {
	var (
		mu      sync.Mutex
		wake    = sync.NewCond(&mu)
		ready   readyQueue
		pending = len(r.nodes)
	)
	for _, n := range r.nodes {
		if n.waitingFor == 0 {
			heap.Push(&ready, n)
		}
	}
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			mu.Lock()
			defer mu.Unlock()
			for {
				for ready.Len() == 0 && pending > 0 {
					wake.Wait()
				}
				if pending == 0 {
					return
				}
				n := heap.Pop(&ready).(*node)
				mu.Unlock()
				r.process(n)
				mu.Lock()
				pending--
				for _, d := range n.dependents {
					if d.waitingFor--; d.waitingFor == 0 {
						heap.Push(&ready, d)
					}
				}
				wake.Broadcast()
			}
		})
	}
	wg.Wait()
}

// A readyQueue is a heap of the nodes that can be processed now,
// highest priority first.
type readyQueue []*node

func (q readyQueue) Len() int { return len(q) }
func (q readyQueue) Less(i, j int) bool {
	if q[i].priority != q[j].priority {
		return q[i].priority > q[j].priority
	}
	return q[i].pkg.ID < q[j].pkg.ID
}
func (q readyQueue) Swap(i, j int) { q[i], q[j] = q[j], q[i] }
func (q *readyQueue) Push(x any)   { *q = append(*q, x.(*node)) }
func (q *readyQueue) Pop() any {
	old := *q
	n := old[len(old)-1]
	*q = old[:len(old)-1]
	return n
}

// process parses and type-checks one package, runs the analyzers it
// needs, and keeps only what outlives it. Its imports are done.
func (r *runner) process(n *node) {
	analyzers := r.factAnalyzers
	if n.root {
		analyzers = r.rootAnalyzers
	}
	analyze := len(analyzers) > 0

	for _, err := range n.pkg.Errors {
		n.errs = append(n.errs, packageError{posn: token.Position{Filename: err.Pos}, msg: err.Msg})
	}
	files := r.parse(n, analyze)
	var info *types.Info
	if analyze {
		info = &types.Info{
			Types:        make(map[ast.Expr]types.TypeAndValue),
			Defs:         make(map[*ast.Ident]types.Object),
			Uses:         make(map[*ast.Ident]types.Object),
			Implicits:    make(map[ast.Node]types.Object),
			Instances:    make(map[*ast.Ident]types.Instance),
			Scopes:       make(map[ast.Node]*types.Scope),
			Selections:   make(map[*ast.SelectorExpr]*types.Selection),
			FileVersions: make(map[*ast.File]string),
		}
	}
	typeErrors := r.typeCheck(n, files, info)

	for _, imp := range n.importList {
		if len(imp.errs) > 0 {
			n.brokenDep = imp
		} else {
			n.brokenDep = imp.brokenDep
		}
		if n.brokenDep != nil {
			break
		}
	}

	if n.root {
		n.files = r.rootFiles(n, files)
	}
	if analyze {
		r.analyze(n, analyzers, files, info, typeErrors)
	}
	n.pkg.Errors = nil // copied into n.errs
	r.shrink(n)
}

// shrink makes what a finished package keeps for its dependents small.
// A package nothing imports keeps neither types nor facts. Any other
// package's types are replaced by a copy read back from its export
// data: the same API, without the scopes and local objects of the
// function bodies, which go/types keeps reachable from each function and
// which are most of a checked package. The package's facts are moved to
// the copy's objects by objectpath, as go vet moves them between
// processes; a fact on an object without a path (a method of a type
// local to a function) is dropped there too. A package with errors, or
// that fails to round-trip, keeps its types as they are.
func (r *runner) shrink(n *node) {
	if len(n.dependents) == 0 {
		n.types, n.objectFacts, n.packageFacts = nil, nil, nil
		return
	}
	if n.illTyped() {
		return
	}
	compact, err := r.reimport(n)
	if err != nil {
		return
	}
	var encoder objectpath.Encoder
	objectFacts := make(map[objectFactKey]analysis.Fact, len(n.objectFacts))
	for key, fact := range n.objectFacts {
		if path, err := encoder.For(key.obj); err == nil {
			if obj, err := objectpath.Object(compact, path); err == nil {
				objectFacts[objectFactKey{obj, key.typ}] = fact
			}
		}
	}
	n.types, n.objectFacts = compact, objectFacts
}

// reimport writes the package's export data and reads it back, against
// the packages it depends on, directly or not, so that their objects
// keep their identities.
func (r *runner) reimport(n *node) (pkg *types.Package, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("internal error exporting %s: %v", n.pkg.ID, p)
		}
	}()
	var data bytes.Buffer
	if err := gcexportdata.Write(&data, r.fset, n.types); err != nil {
		return nil, err
	}
	deps := make(map[string]*types.Package) // one package per path in a build
	var visit func(d *node)
	visit = func(d *node) {
		if deps[d.pkg.PkgPath] == nil {
			deps[d.pkg.PkgPath] = d.types
			for _, imp := range d.importList {
				visit(imp)
			}
		}
	}
	for _, imp := range n.importList {
		visit(imp)
	}
	compact, err := gcexportdata.Read(&data, r.fset, deps, n.pkg.PkgPath)
	if err != nil {
		return nil, err
	}
	// Export data lists as imports only the packages its API mentions;
	// keep the imports of the source, as the checked package has them.
	var imports []*types.Package
	for _, imp := range n.types.Imports() {
		if dep := deps[imp.Path()]; dep != nil {
			imp = dep
		}
		imports = append(imports, imp)
	}
	compact.SetImports(imports)
	return compact, nil
}

// parse parses the package's files. For a package that no analyzer will
// see, it skips comments and object resolution, which type-checking
// does not need.
func (r *runner) parse(n *node, forAnalysis bool) []*ast.File {
	mode := parser.AllErrors | parser.ParseComments
	if !forAnalysis {
		mode = parser.AllErrors | parser.SkipObjectResolution
	}
	var files []*ast.File
	for _, name := range n.pkg.CompiledGoFiles {
		src, err := os.ReadFile(name)
		if err != nil {
			n.errs = append(n.errs, packageError{msg: err.Error()})
			continue
		}
		f, err := parser.ParseFile(r.fset, name, src, mode)
		var list scanner.ErrorList
		if errors.As(err, &list) {
			for _, e := range list {
				n.errs = append(n.errs, packageError{posn: e.Pos, msg: e.Msg})
			}
		} else if err != nil {
			n.errs = append(n.errs, packageError{msg: err.Error()})
		}
		if f != nil {
			files = append(files, f)
		}
	}
	return files
}

// typeCheck type-checks the package, importing the already checked
// packages of its imports, and returns the type errors. A nil info means
// no analyzer will look at the package, so function bodies are skipped.
func (r *runner) typeCheck(n *node, files []*ast.File, info *types.Info) []types.Error {
	var typeErrors []types.Error
	conf := &types.Config{
		Importer: importerFunc(func(path string) (*types.Package, error) {
			if path == "unsafe" {
				return types.Unsafe, nil
			}
			imp := n.imports[path]
			if imp == nil {
				return nil, fmt.Errorf("no metadata for %s", path) // go list said why
			}
			return imp.types, nil
		}),
		Sizes:            n.pkg.TypesSizes,
		IgnoreFuncBodies: info == nil,
		Error: func(err error) {
			if err, ok := err.(types.Error); ok {
				typeErrors = append(typeErrors, err)
			}
		},
	}
	if m := n.pkg.Module; m != nil && m.GoVersion != "" {
		conf.GoVersion = "go" + m.GoVersion
	}
	n.types = types.NewPackage(n.pkg.PkgPath, n.pkg.Name)
	err := types.NewChecker(conf, r.fset, n.types, info).Files(files)
	for _, e := range typeErrors {
		n.errs = append(n.errs, packageError{posn: r.fset.Position(e.Pos), msg: e.Msg})
	}
	if err != nil && len(n.errs) == 0 {
		n.errs = append(n.errs, packageError{msg: err.Error()})
	}
	return typeErrors
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }

// rootFiles records what -fix needs to know about a root's files.
func (r *runner) rootFiles(n *node, files []*ast.File) []sourceFile {
	own := make(map[string]bool)
	for _, name := range n.pkg.GoFiles {
		own[name] = true
	}
	var list []sourceFile
	for _, f := range files {
		tf := r.fset.File(f.FileStart)
		list = append(list, sourceFile{
			name:      tf.Name(),
			tokFile:   tf,
			generated: ast.IsGenerated(f),
			editable:  own[tf.Name()],
		})
	}
	return list
}

// illTyped reports whether the package or a dependency has errors.
func (n *node) illTyped() bool { return len(n.errs) > 0 || n.brokenDep != nil }

// A unit is a package while it is analyzed: its syntax and types, and
// what the analyzers that ran on it so far produced. It is dropped when
// the package is done.
type unit struct {
	node       *node
	files      []*ast.File
	info       *types.Info
	typeErrors []types.Error
	facts      *factView
	results    map[*analysis.Analyzer]any  // of the analyzers that succeeded
	failed     map[*analysis.Analyzer]bool // the analyzers that failed or did not run
}

// analyze runs analyzers, prerequisites first, on a parsed and
// type-checked package.
func (r *runner) analyze(n *node, analyzers []*analysis.Analyzer, files []*ast.File, info *types.Info, typeErrors []types.Error) {
	n.objectFacts = make(map[objectFactKey]analysis.Fact)
	n.packageFacts = make(map[reflect.Type]analysis.Fact)
	u := &unit{
		node:       n,
		files:      files,
		info:       info,
		typeErrors: typeErrors,
		facts:      &factView{node: n},
		results:    make(map[*analysis.Analyzer]any),
		failed:     make(map[*analysis.Analyzer]bool),
	}
	for _, a := range analyzers {
		act := &action{analyzer: a}
		var result any
		result, act.diagnostics, act.err = r.runAction(u, a)
		if act.err != nil {
			act.diagnostics = nil // an action has diagnostics or an error, not both
			u.failed[a] = true
			if len(a.FactTypes) > 0 {
				if n.factFailed == nil {
					n.factFailed = make(map[*analysis.Analyzer]bool)
				}
				n.factFailed[a] = true
			}
		} else {
			u.results[a] = result
		}
		_, skipped := act.err.(skipError)
		if n.root && r.enabled[a] || act.err != nil && !skipped {
			n.actions = append(n.actions, act)
		}
	}

	// Keep only the facts dependents can see.
	for key := range n.objectFacts {
		if !exportedFrom(key.obj, n.types) {
			delete(n.objectFacts, key)
		}
	}
}

// runAction runs analyzer a on the unit, unless a prerequisite failed or
// the package has errors a cannot cope with. It returns a's result and
// diagnostics.
func (r *runner) runAction(u *unit, a *analysis.Analyzer) (result any, diagnostics []analysis.Diagnostic, err error) {
	n := u.node
	var failedPrereqs []string
	for _, req := range a.Requires {
		if u.failed[req] {
			failedPrereqs = append(failedPrereqs, req.Name)
		}
	}
	if len(a.FactTypes) > 0 {
		for _, imp := range n.importList {
			if imp.factFailed[a] {
				failedPrereqs = append(failedPrereqs, a.Name+"@"+imp.pkg.PkgPath)
			}
		}
	}
	// Errors in the package come first: they explain the failure of
	// prerequisites that could not run either.
	switch {
	case n.illTyped() && !a.RunDespiteErrors:
		if len(n.errs) > 0 {
			return nil, nil, skipError("analysis skipped due to errors in package")
		}
		return nil, nil, skipError("analysis skipped due to errors in dependency " + n.brokenDep.pkg.PkgPath)
	case failedPrereqs != nil:
		sort.Strings(failedPrereqs)
		return nil, nil, skipError("failed prerequisites: " + strings.Join(failedPrereqs, ", "))
	}

	inputs := make(map[*analysis.Analyzer]any, len(a.Requires))
	for _, req := range a.Requires {
		inputs[req] = u.results[req]
	}
	module := &analysis.Module{} // never nil, as in go/analysis/checker
	if m := n.pkg.Module; m != nil {
		module = analysisModule(m)
	}
	var pass *analysis.Pass // Report refers to it
	pass = &analysis.Pass{
		Analyzer:     a,
		Fset:         r.fset,
		Files:        u.files,
		OtherFiles:   n.pkg.OtherFiles,
		IgnoredFiles: n.pkg.IgnoredFiles,
		Pkg:          n.types,
		TypesInfo:    u.info,
		TypesSizes:   n.pkg.TypesSizes,
		TypeErrors:   u.typeErrors,
		Module:       module,
		ResultOf:     inputs,
		Report: func(d analysis.Diagnostic) {
			if !n.root || !r.enabled[a] {
				return // dependencies and prerequisites are analyzed for facts and results only
			}
			d.SuggestedFixes = validFixes(pass, d)
			diagnostics = append(diagnostics, d)
		},
	}
	pass.ReadFile = readFileOf(pass)
	finish := u.facts.connect(pass)
	defer finish()

	defer func() {
		if p := recover(); p != nil {
			result = nil
			if r.debug {
				err = fmt.Errorf("panic: %v\n%s", p, debug.Stack())
			} else {
				err = fmt.Errorf("panic: %v (run with -debug for the stack)", p)
			}
		}
	}()
	result, err = a.Run(pass)
	if err == nil && reflect.TypeOf(result) != a.ResultType {
		err = fmt.Errorf("internal error: analyzer %s returned a result of type %v, but declared ResultType %v",
			a.Name, reflect.TypeOf(result), a.ResultType)
	}
	return result, diagnostics, err
}

// validFixes returns the suggested fixes of d that can be applied, in
// order, and hands the others to report.InvalidFix: a finding is never
// lost to a broken fix. structlint's own passes check their fixes as they
// report them (see package report); this holds any analyzer to the same.
func validFixes(pass *analysis.Pass, d analysis.Diagnostic) []analysis.SuggestedFix {
	var valid []analysis.SuggestedFix
	for _, f := range d.SuggestedFixes {
		f.TextEdits = slices.Clone(f.TextEdits)
		for i, e := range f.TextEdits {
			if !e.End.IsValid() {
				f.TextEdits[i].End = e.Pos // an insertion, as analysis.TextEdit allows
			}
		}
		err := fix.Check(pass.Fset, pass.ReadFile, f)
		if slices.ContainsFunc(valid, func(v analysis.SuggestedFix) bool { return v.Message == f.Message }) {
			err = errors.New("another fix of the finding has the same message")
		}
		if err != nil {
			if report.InvalidFix != nil {
				report.InvalidFix(pass, d, f, err)
			}
			continue
		}
		valid = append(valid, f)
	}
	return valid
}

// readFileOf implements Pass.ReadFile: only the package's own files
// may be read, as the analysis.Pass documentation says.
func readFileOf(pass *analysis.Pass) func(string) ([]byte, error) {
	return func(filename string) ([]byte, error) {
		readable := false
		for _, f := range pass.Files {
			readable = readable || pass.Fset.File(f.FileStart).Name() == filename
		}
		readable = readable || slices.Contains(pass.OtherFiles, filename) || slices.Contains(pass.IgnoredFiles, filename)
		if !readable {
			return nil, fmt.Errorf("Pass.ReadFile: %s is not among OtherFiles, IgnoredFiles, or names of Files", filename)
		}
		return os.ReadFile(filename)
	}
}

// analysisModule converts go/packages' description of a module to go/analysis'.
func analysisModule(m *packages.Module) *analysis.Module {
	if m == nil {
		return nil
	}
	am := &analysis.Module{
		Path:      m.Path,
		Version:   m.Version,
		Replace:   analysisModule(m.Replace),
		Time:      m.Time,
		Main:      m.Main,
		Indirect:  m.Indirect,
		Dir:       m.Dir,
		GoMod:     m.GoMod,
		GoVersion: m.GoVersion,
	}
	if m.Error != nil {
		am.Error = &analysis.ModuleError{Err: m.Error.Err}
	}
	return am
}
