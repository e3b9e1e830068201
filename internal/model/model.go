// Package model is structlint's shared analysis of one package: the
// goroutine structure that every pass reports on.
//
// It is built once per package, from go/ssa, by Analyzer, which the passes
// Require. It answers the questions all three passes ask:
//
//   - where goroutines start and what they run (Spawns);
//   - which channels and sync objects (sync.WaitGroup, errgroup.Group,
//     task.Group, conc) the package creates, and every place they are
//     used, seen from the function that created them (Objects);
//   - whether a context reaching a call can carry a deadline (Contexts);
//   - path questions on a function's control flow (Paths).
//
// What callers in other packages need is exported as a Summary fact on each
// function: what it does with its channel, group and context parameters.
package model

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/buildssa"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/types/typeutil"
)

// Analyzer builds the Model of a package. It reports nothing.
var Analyzer = &analysis.Analyzer{
	Name:       "structmodel",
	Doc:        "builds structlint's shared model of goroutines, sync objects and contexts",
	URL:        "https://pkg.go.dev/github.com/structlint/structlint/internal/model",
	Run:        run,
	Requires:   []*analysis.Analyzer{buildssa.Analyzer, inspect.Analyzer},
	ResultType: reflect.TypeFor[*Model](),
	FactTypes:  []analysis.Fact{new(Summary), new(LockFact), new(Alias), new(Drivers), new(Wrappers)},
}

// A Model is the goroutine structure of one package.
type Model struct {
	Pass      *analysis.Pass
	Inspector *inspector.Inspector
	Funcs     []*ssa.Function // every function with a body: declarations and literals, in source order

	Spawns  []*Spawn  // every go statement, in source order
	Objects []*Object // channels and sync objects created in this package, in source order

	// BlockingCalls are the calls that can block on a context: the
	// known blocking APIs, and functions whose context parameter reaches
	// one (known through Summary facts).
	BlockingCalls []*BlockingCall

	pkg         *ssa.Package
	aliases     map[*types.Var]*types.Func // package variables that hold one function (aliases.go)
	generated   map[*token.File]bool
	fieldUses   map[*types.Var][]*FieldUse
	fieldUsesIn map[*ssa.Function][]*FieldUse
	closures    map[*ssa.Function]*ssa.MakeClosure // the instruction that makes each closure
	stoppedBy   map[*types.Func][]string
	runsUntil   map[*types.Func][]string          // see RunsUntil
	returnsStop map[*types.Func]*StopResult       // starters that return the function that stops them
	ctorStarts  map[*types.Func][]ssa.Instruction // see ConstructorStarts
	ctorStops   map[*types.Func][]ssa.Instruction // see ConstructorStops
	selfStops   map[*Spawn]*selfStop              // for goroutines others stop: who starts and stops them
	valuesOnly  map[*ssa.Parameter]bool           // context parameters only read for values
	watchedOnly map[*ssa.Parameter]bool           // … or watched for their cancellation
	spawnsByGo  map[*ssa.Go]*Spawn
	lone        map[*ssa.Select]int // the index + 1 of a select's only case that can proceed (findLoneCases)
	callSpawns  map[ssa.CallInstruction]*Spawn
	helpers     map[helperKey]*Spawn         // goroutines helpers start to run a function argument (see helperSpawn)
	paramUses   map[*ssa.Parameter]*paramUse // memo of useOfParam
	ctx         *contexts
	clients     *clients
	stores      *fieldStores
	impls       map[*types.Func][]*ssa.Function // see findImplementations
	summaries   map[*types.Func]*Summary        // of the functions of other packages that the package calls
	reaches     map[*ssa.Parameter]string       // parameters that reach a blocking API, see findBlockingCalls
	observes    map[*ssa.Parameter]bool         // context parameters whose cancellation matters, see findObserves
	async       map[*ssa.Parameter]bool         // those that reach it in a goroutine their function starts
	objectsOf   map[ssa.Value]*Object
	classes     *classes
	endless     endless
	threads     *threads
	entries     map[*ssa.Function]bool
	valued      map[*ssa.Function]bool
	valueRefs   map[*ssa.Function][]*ssa.Function // the functions that use each as a value
	recvSeen    map[*ssa.Function]bool            // unexported methods whose receiver the package always gives (see externallyCalled)
	lifetime    map[*ssa.Function]bool
	enders      map[*ssa.Function]bool // see EndsProcess
	commands    []*ssa.Function        // see Commands
	fatal       map[*ssa.Function]bool // see FailsFatally
	taskSpawns  map[ssa.CallInstruction]*Spawn
	abandons    map[*Operation][]*Abandon
	carriedBy   map[*Class]bool          // memo of carried
	methods     typeutil.MethodSetCache  // for record
	signalled   map[*Class]bool          // channels os/signal.Notify delivers to
	collections []types.Type             // types of the maps and slices the package fills (members.go)
	exposed     map[*types.TypeName]bool // unexported types whose values can get out (hidden.go)
	drivers     *Drivers
	fresh       map[*ssa.Function]bool      // see findFresh
	wrapped     map[string]bool             // interface methods a package of the program wraps with a deadline, see Wrappers
	deadEdges   map[*ssa.Function][]Edge    // tests whose outcome is known: the edges no run takes, see findDeadEdges
	admits      map[*ssa.Function]admission // what functions returning a bool admit (admits.go)
	nonNilElems map[*types.Var]bool         // memo of elemsNeverNil
	inFlights   map[*Class]*inFlight        // see inFlight

	lockFindings []*LockFinding

	// The passes that share the model may run at once (go vet, gopls):
	// what they fill in lazily is guarded.
	loopsMu sync.Mutex
	loops   map[*ssa.Function]map[*ssa.BasicBlock]bool
	namesMu sync.Mutex
	names   map[*types.Scope][]string // declared by fixes, see Claim
}

// Claim records that a suggested fix declares name in scope, and reports
// whether no fix of the package had claimed it there before: fixes that
// are applied together must not declare a name twice in one scope.
func (m *Model) Claim(scope *types.Scope, name string) bool {
	m.namesMu.Lock()
	defer m.namesMu.Unlock()
	if slices.Contains(m.names[scope], name) {
		return false
	}
	if m.names == nil {
		m.names = make(map[*types.Scope][]string)
	}
	m.names[scope] = append(m.names[scope], name)
	return true
}

func run(pass *analysis.Pass) (any, error) {
	ssaInfo := pass.ResultOf[buildssa.Analyzer].(*buildssa.SSA)
	m := &Model{
		Pass:       pass,
		Inspector:  pass.ResultOf[inspect.Analyzer].(*inspector.Inspector),
		Funcs:      ssaInfo.SrcFuncs,
		pkg:        ssaInfo.Pkg,
		generated:  make(map[*token.File]bool),
		loops:      make(map[*ssa.Function]map[*ssa.BasicBlock]bool),
		objectsOf:  make(map[ssa.Value]*Object),
		spawnsByGo: make(map[*ssa.Go]*Spawn),
		callSpawns: make(map[ssa.CallInstruction]*Spawn),
		helpers:    make(map[helperKey]*Spawn),
		paramUses:  make(map[*ssa.Parameter]*paramUse),
	}
	for _, f := range pass.Files {
		if ast.IsGenerated(f) {
			m.generated[pass.Fset.File(f.Pos())] = true
		}
	}
	m.closures = make(map[*ssa.Function]*ssa.MakeClosure)
	for _, fn := range m.Funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if mc, ok := instr.(*ssa.MakeClosure); ok {
					m.closures[mc.Fn.(*ssa.Function)] = mc
				}
			}
		}
	}
	all := append(slices.Clip(m.Funcs), initFuncs(ssaInfo.Pkg)...)
	m.findAliases(all)
	m.findDrivers(all)
	m.importSummaries(all)
	m.findImplementations()
	m.findWrappers()
	m.findValuesOnly()
	m.findObserves()
	m.findFieldStores(all)
	m.findCollections(all)
	m.findDeadEdges(all)
	m.ctx = newContexts(m)
	m.clients = newClients(m, all)
	m.findExposed(all)
	m.entries, m.valued = externallyCalled(m, all)
	m.findClasses(all)
	m.findLoneCases()
	m.findSpawns()
	m.findThreads(all)
	m.findEnders(all)
	m.findLifetimes(all)
	m.findSignalled()
	m.findEndless()
	m.findSelfStops()
	m.findObjects()
	m.findFieldUses()
	m.findContracts()
	m.findInFlights()
	m.findAbandons() // dropsOnFailure needs the contracts
	m.findBlockingCalls()
	m.findFresh()
	m.findLocks(all) // RunsOnFresh needs what findFresh found
	m.exportSummaries()
	return m, nil
}

// initFuncs returns the package's initializer, which runs the
// initialization of package-level variables, with its function literals:
// they are not among the source functions.
func initFuncs(pkg *ssa.Package) []*ssa.Function {
	init := pkg.Func("init")
	if init == nil {
		return nil
	}
	fns := []*ssa.Function{init}
	for i := 0; i < len(fns); i++ {
		fns = append(fns, fns[i].AnonFuncs...)
	}
	return fns
}

// Generated reports whether pos lies in a generated file
// (one with a "// Code generated … DO NOT EDIT." header).
func (m *Model) Generated(pos token.Pos) bool {
	return m.generated[m.Pass.Fset.File(pos)]
}

// ObjectOf returns the object created by v (a *ssa.MakeChan, *ssa.Alloc or
// call result), or nil if v creates none that the model tracks.
func (m *Model) ObjectOf(v ssa.Value) *Object { return m.objectsOf[v] }

// InTest reports whether instr is test code: in a _test.go file, or in a
// function (or a literal inside one) with a *testing.T, *testing.B,
// *testing.F or testing.TB parameter, a helper of tests kept elsewhere.
func (m *Model) InTest(instr ssa.Instruction) bool {
	return IsTestFile(m.Pass.Fset, instr.Pos()) || m.isTest(instr.Parent())
}

// IsTestFunc reports whether fn is test code: in a _test.go file, or a
// helper of tests (see InTest), or a literal inside one.
func (m *Model) IsTestFunc(fn *ssa.Function) bool { return m.isTest(fn) }

// IsTestFile reports whether pos is in a _test.go file.
func IsTestFile(fset *token.FileSet, pos token.Pos) bool {
	tf := fset.File(pos)
	return tf != nil && strings.HasSuffix(tf.Name(), "_test.go")
}

// inTestFile reports whether fn, or the function it is a literal of, is
// declared in a _test.go file.
func (m *Model) inTestFile(fn *ssa.Function) bool {
	return IsTestFile(m.Pass.Fset, outermost(fn).Pos())
}

// isTest reports whether fn, or a function it is a literal of, is in a
// test file or takes a *testing.T, B or F or a testing.TB.
func (m *Model) isTest(fn *ssa.Function) bool {
	for ; fn != nil; fn = fn.Parent() {
		if IsTestFile(m.Pass.Fset, fn.Pos()) {
			return true
		}
		for _, p := range fn.Params {
			if isTestingType(p.Type()) {
				return true
			}
		}
	}
	return false
}

// isTestingType reports whether t is a test's handle: *testing.T, B or F,
// testing.TB, or a type of that name from another package named testing,
// as go-testing-interface's testing.T, which lets helpers kept outside
// test files (testing.go) take one.
func isTestingType(t types.Type) bool {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	named, ok := types.Unalias(t).(*types.Named)
	if !ok || named.Obj().Pkg() == nil || named.Obj().Pkg().Name() != "testing" {
		return false
	}
	switch named.Obj().Name() {
	case "T", "B", "F", "TB":
		return true
	}
	return false
}

// FuncLabel names fn for messages: its name, or "the enclosing function
// literal".
func FuncLabel(fn *ssa.Function) string {
	if fn.Parent() != nil {
		return "the enclosing function literal"
	}
	return fn.Name()
}

// Line returns the line of pos, for messages.
func (m *Model) Line(pos token.Pos) int { return m.Pass.Fset.Position(pos).Line }

// LineFrom says where pos is, for a message reported at at: "line 12", or
// "store.go:12" when pos is in another file (a method declared elsewhere).
func (m *Model) LineFrom(at, pos token.Pos) string {
	p, here := m.Pass.Fset.Position(pos), m.Pass.Fset.Position(at)
	if p.Filename != here.Filename {
		return fmt.Sprintf("%s:%d", filepath.Base(p.Filename), p.Line)
	}
	return fmt.Sprintf("line %d", p.Line)
}

// Callee returns the function a call statically invokes, looking through
// generic instantiations to the declared function; nil for dynamic calls.
func Callee(call *ssa.CallCommon) *types.Func {
	if call.IsInvoke() {
		return call.Method
	}
	switch v := call.Value.(type) {
	case *ssa.Function:
		if fn, ok := v.Object().(*types.Func); ok {
			return fn.Origin()
		}
	case *ssa.MakeClosure:
		return nil
	}
	return nil
}

// IsFunc reports whether fn is the function or method named by pkgPath and
// name, where name is "F" for a function and "T.M" for a method of T or *T.
func IsFunc(fn *types.Func, pkgPath, name string) bool {
	if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != pkgPath {
		return false
	}
	recv := fn.Signature().Recv()
	if recv == nil {
		return fn.Name() == name
	}
	t := recv.Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	named, ok := t.(*types.Named)
	if !ok {
		return false
	}
	return named.Obj().Name()+"."+fn.Name() == name
}

// InLoop reports whether instr can run more than once per call of the
// function it belongs to: whether its block lies on a cycle of the
// control-flow graph, or it is in the body of a range-over-func loop.
func (m *Model) InLoop(instr ssa.Instruction) bool {
	fn := instr.Parent()
	if isYield(fn) {
		return true
	}
	return m.cyclic(fn)[instr.Block()]
}

// cyclic returns the blocks of fn that lie on a cycle, worked out once.
func (m *Model) cyclic(fn *ssa.Function) map[*ssa.BasicBlock]bool {
	m.loopsMu.Lock()
	defer m.loopsMu.Unlock()
	cyclic, ok := m.loops[fn]
	if !ok {
		cyclic = cyclicBlocks(fn)
		m.loops[fn] = cyclic
	}
	return cyclic
}

// isYield reports whether fn is the body of a range-over-func loop,
// which the SSA builder makes a closure passed to the iterator.
func isYield(fn *ssa.Function) bool { return fn.Synthetic == "range-over-func yield" }

// cyclicBlocks returns the blocks of fn that lie on a cycle.
func cyclicBlocks(fn *ssa.Function) map[*ssa.BasicBlock]bool {
	cyclic := make(map[*ssa.BasicBlock]bool)
	for _, b := range fn.Blocks {
		// b is on a cycle if b is reachable from one of its successors.
		seen := make(map[*ssa.BasicBlock]bool)
		stack := append([]*ssa.BasicBlock(nil), b.Succs...)
		for len(stack) > 0 {
			x := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if x == b {
				cyclic[b] = true
				break
			}
			if !seen[x] {
				seen[x] = true
				stack = append(stack, x.Succs...)
			}
		}
	}
	return cyclic
}

// Syntax returns the cursor of the innermost syntax node enclosing
// [pos, pos+1), or false.
func (m *Model) Syntax(pos token.Pos) (inspector.Cursor, bool) {
	if !pos.IsValid() {
		return inspector.Cursor{}, false
	}
	return m.Inspector.Root().FindByPos(pos, pos+1)
}

// CallSyntax returns the call expression of an SSA call, go or defer, or
// false (e.g. for calls the SSA builder synthesised).
func (m *Model) CallSyntax(call ssa.CallInstruction) (inspector.Cursor, *ast.CallExpr, bool) {
	pos := call.Pos()
	switch call := call.(type) {
	case *ssa.Go:
		pos = call.Call.Pos()
	case *ssa.Defer:
		pos = call.Call.Pos()
	}
	c, ok := m.Syntax(pos)
	if !ok {
		return c, nil, false
	}
	expr, ok := c.Node().(*ast.CallExpr)
	return c, expr, ok && expr.Lparen == pos
}

// Refs returns the instructions that use v: none for a value that records
// no referrers (a constant, a global, a function), where *v.Referrers()
// would dereference nil.
func Refs(v ssa.Value) []ssa.Instruction {
	if r := v.Referrers(); r != nil {
		return *r
	}
	return nil
}
