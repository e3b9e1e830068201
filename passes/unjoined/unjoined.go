package unjoined

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/ssa"

	"github.com/structlint/structlint/internal/fix"
	"github.com/structlint/structlint/internal/model"
	"github.com/structlint/structlint/internal/report"
)

// Analyzer reports groups that are not joined right.
var Analyzer = &analysis.Analyzer{
	Name:     "unjoined",
	Doc:      Doc.Doc(),
	URL:      "https://pkg.go.dev/github.com/structlint/structlint/passes/unjoined",
	Run:      run,
	Requires: []*analysis.Analyzer{model.Analyzer},
}

var gatherHints, reportTests bool

func init() {
	Analyzer.Flags.BoolVar(&gatherHints, "gather", false, Doc.Options[0].Usage)
	Analyzer.Flags.BoolVar(&reportTests, "tests", false, Doc.Options[1].Usage)
}

func run(pass *analysis.Pass) (any, error) {
	m := pass.ResultOf[model.Analyzer].(*model.Model)
	hasGroups := imports(pass.Pkg, model.ErrGroupPath) || imports(pass.Pkg, model.TaskPath) || imports(pass.Pkg, model.ConcPoolPath)
	for _, o := range m.Objects {
		hasGroups = hasGroups || o.Kind != model.Chan
	}
	for _, cl := range m.Classes() {
		hasGroups = hasGroups || cl.Kind == model.WaitGroup
	}
	if !hasGroups {
		return nil, nil
	}
	c := &checker{m: m, r: report.New(pass)}
	c.r.SkipTests = !reportTests
	c.fieldMissingDone()
	c.fieldAddInGoroutine()
	for _, fn := range m.Funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if call, ok := instr.(ssa.CallInstruction); ok {
					c.droppedWait(call)
				}
			}
		}
	}
	for _, o := range m.Objects {
		if o.Kind == model.Chan {
			continue
		}
		if o.Escape == nil {
			c.skippedWait(o)
		}
		if gc := c.contextOf(o); gc != nil {
			c.outerContext(o, gc)
		}
		c.contextAfterWait(o)
		c.missingDone(o)
		c.addInGoroutine(o)
		c.addCount(o)
		c.addSkipped(o)
		c.goUnderLimit(o)
		if gatherHints {
			c.gather(o)
		}
	}
	return nil, nil
}

// A checker reports one package's findings.
type checker struct {
	m *model.Model
	r *report.Reporter
}

func imports(pkg *types.Package, path string) bool {
	for _, p := range pkg.Imports() {
		if p.Path() == path {
			return true
		}
	}
	return false
}

// droppedWait reports a Wait of an errgroup or task.Group whose error is
// dropped while a task can fail.
func (c *checker) droppedWait(call ssa.CallInstruction) {
	m, r := c.m, c.r
	fn := model.Callee(call.Common())
	if !returnsWaitError(fn) {
		return
	}
	if v := call.Value(); v != nil && len(*v.Referrers()) > 0 {
		return // the error is used
	}
	cur, expr, ok := m.CallSyntax(call)
	if !ok {
		return
	}
	// Only where the error had somewhere to go: a function that returns
	// one. Elsewhere dropping it is a choice (a test, a best-effort
	// cleanup, a goroutine that only joins before a second Wait).
	sig := enclosingSignature(m.Pass, cur)
	if sig == nil || !model.ReturnsError(sig) {
		return
	}
	if checkedElsewhere(m, call) {
		return // Wait gives every caller the same error, and another checks it
	}
	failing, known := failingTask(m, call)
	_, blank := cur.Parent().Node().(*ast.AssignStmt)
	switch {
	case blank && (failing == nil || beforeErrorReturn(cur)):
		return // _ = g.Wait() where no task visibly fails, or before returning another error: deliberate
	case !blank && known && failing == nil:
		return // every task returns nil: there is no error to drop
	}
	recv := types.ExprString(expr.Fun.(*ast.SelectorExpr).X)
	msg := fmt.Sprintf("the error of %s.Wait is dropped, so a failing task goes unnoticed", recv)
	if _, deferred := call.(*ssa.Defer); deferred {
		msg = fmt.Sprintf("deferred %s.Wait() drops its error, so a failing task goes unnoticed", recv)
	}
	if failing != nil {
		msg += fmt.Sprintf(" (the task at line %d can fail)", m.Line(failing.Pos()))
	}
	d := analysis.Diagnostic{Pos: expr.Pos(), End: expr.End(), Message: msg}
	if f, ok := returnErrorFix(m, cur, expr, sig); ok {
		d.SuggestedFixes = []analysis.SuggestedFix{f}
		if o := userOf(m, call); o != nil {
			if rw, ok := c.rewriteFix(o, f); ok {
				d.SuggestedFixes = append(d.SuggestedFixes, rw)
			}
		}
	}
	r.Report(d)
}

// returnsWaitError reports whether fn is the Wait of a group that returns
// its tasks' error: errgroup.Group, task.Group, and conc's error pools.
func returnsWaitError(fn *types.Func) bool {
	if model.IsFunc(fn, model.ErrGroupPath, "Group.Wait") || model.IsFunc(fn, model.TaskPath, "Group.Wait") {
		return true
	}
	return fn != nil && fn.Name() == "Wait" && fn.Pkg() != nil && fn.Pkg().Path() == model.ConcPoolPath &&
		model.ReturnsError(fn.Signature())
}

// beforeErrorReturn reports whether the statement at cur is followed by a
// return of a non-nil error: `_ = g.Wait(); return err` joins the tasks on
// an error path whose own error wins.
func beforeErrorReturn(cur inspector.Cursor) bool {
	next, ok := cur.Parent().NextSibling()
	if !ok {
		return false
	}
	ret, ok := next.Node().(*ast.ReturnStmt)
	if !ok || len(ret.Results) == 0 {
		return false
	}
	last, ok := ret.Results[len(ret.Results)-1].(*ast.Ident)
	return !ok || last.Name != "nil"
}

// failingTask returns the Go call of a task that can return a non-nil
// error, of the group that wait waits on, and whether all the group's tasks
// are known: it is a group this package creates and keeps.
func failingTask(m *model.Model, wait ssa.CallInstruction) (failing ssa.CallInstruction, known bool) {
	o := userOf(m, wait)
	if o == nil {
		return nil, false
	}
	for _, u := range o.Uses {
		if u.Op != model.Go {
			continue
		}
		call := u.Instr.(ssa.CallInstruction).Common()
		if len(call.Args) < 2 || canFail(m, call.Args[1], wait) {
			return u.Instr.(ssa.CallInstruction), o.Escape == nil
		}
	}
	return nil, o.Escape == nil
}

// checkedElsewhere reports whether another Wait of the group that wait
// waits on uses its error: the group's first error is what every Wait
// returns, so a Wait made only to join (a metrics task waiting for the
// build's printing to end) drops nothing the other does not check.
func checkedElsewhere(m *model.Model, wait ssa.CallInstruction) bool {
	o := userOf(m, wait)
	if o == nil {
		return false
	}
	for _, u := range o.Uses {
		other, ok := u.Instr.(ssa.CallInstruction)
		if !ok || u.Op != model.Wait || other == wait {
			continue
		}
		if v := other.Value(); v != nil && len(*v.Referrers()) > 0 {
			return true
		}
	}
	return false
}

// userOf returns the object that instr uses, or nil.
func userOf(m *model.Model, instr ssa.Instruction) *model.Object {
	for _, o := range m.Objects {
		for _, u := range o.Uses {
			if u.Instr == instr {
				return o
			}
		}
	}
	return nil
}

// canFail reports whether task, a func() error (or func(ctx) error), can
// return a non-nil error that only wait would tell: it is not a function
// every return of which returns nil, context.Canceled (the task saying it
// was cancelled, not that it failed), or an error it first handed back to
// its spawner (see handedBack). A task a function of the package makes
// (g.Go(wm.replayLoop(ctx))) is each function it returns.
func canFail(m *model.Model, task ssa.Value, wait ssa.Instruction) bool {
	var fn *ssa.Function
	mc, _ := task.(*ssa.MakeClosure)
	switch t := task.(type) {
	case *ssa.Function:
		fn = t
	case *ssa.MakeClosure:
		fn = t.Fn.(*ssa.Function)
	case *ssa.Call:
		maker := t.Call.StaticCallee()
		if maker == nil || maker.Pkg == nil || maker.Pkg.Pkg != m.Pass.Pkg || maker.Blocks == nil {
			return true
		}
		for _, b := range maker.Blocks {
			if ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok && len(ret.Results) == 1 {
				switch made := ret.Results[0].(type) {
				case *ssa.Function, *ssa.MakeClosure:
					if canFail(m, made, wait) {
						return true
					}
				default:
					return true
				}
			}
		}
		return false
	}
	if fn == nil || fn.Blocks == nil {
		return true
	}
	for _, b := range fn.Blocks {
		ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		if !ok || len(ret.Results) == 0 || b == fn.Recover {
			continue // the recover block returns what a recovered panic left
		}
		if err := ret.Results[len(ret.Results)-1]; !nilResult(err) && !isCanceled(err) && (mc == nil || !handedBack(m, ret, err, wait)) {
			return true
		}
	}
	return false
}

// isCanceled reports whether err is context.Canceled itself.
func isCanceled(err ssa.Value) bool {
	load, ok := err.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return false
	}
	g, ok := load.X.(*ssa.Global)
	return ok && g.Pkg != nil && g.Pkg.Pkg.Path() == "context" && g.Name() == "Canceled"
}

// handedBack reports whether a task closure, before it returns err at ret,
// passes err to a method of a value it captured from its spawner, on
// which the spawner calls a method returning an error after wait: the
// spawner reports what the value recorded (allErrors.RecordError(err);
// return err … g.Wait(); return allErrors.AggrError()).
func handedBack(m *model.Model, ret *ssa.Return, err ssa.Value, wait ssa.Instruction) bool {
	// captured returns the spawner's value that v, in the task, is: a free
	// variable, or the load of a captured variable's cell.
	captured := func(v ssa.Value) (ssa.Value, bool) {
		load := false
		if u, ok := v.(*ssa.UnOp); ok && u.Op == token.MUL {
			v, load = u.X, true
		}
		fv, ok := v.(*ssa.FreeVar)
		if !ok {
			return nil, false
		}
		return m.Bound(fv), load
	}
	// consulted reports whether the spawner calls a method returning an
	// error on v after wait.
	consulted := func(v ssa.Value) bool {
		for _, u := range *v.Referrers() {
			if later, ok := u.(*ssa.Call); ok && model.Dominates(wait, later) && slices.Contains(later.Call.Args, v) && model.ReturnsError(later.Call.Signature()) {
				return true
			}
		}
		return false
	}
	for _, r := range *err.Referrers() {
		call, ok := r.(*ssa.Call)
		if !ok || !model.Dominates(call, ret) {
			continue
		}
		for _, arg := range call.Call.Args {
			held, load := captured(arg)
			if held == nil || arg == err {
				continue
			}
			if !load && consulted(held) {
				return true
			}
			for _, u := range *held.Referrers() {
				if l, ok := u.(*ssa.UnOp); load && ok && l.Op == token.MUL && consulted(l) {
					return true
				}
			}
		}
	}
	return false
}

// nilResult reports whether v, a returned error, is nil: the constant, or
// the load of a result slot that only nil is stored into (a function with
// a defer returns its results through one) and that no closure captures.
func nilResult(v ssa.Value) bool {
	if model.IsNil(v) {
		return true
	}
	load, ok := v.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return false
	}
	slot, ok := load.X.(*ssa.Alloc)
	if !ok || slot.Heap {
		return false
	}
	for _, r := range *slot.Referrers() {
		switch r := r.(type) {
		case *ssa.Store:
			if r.Addr != slot || !model.IsNil(r.Val) {
				return false
			}
		case *ssa.UnOp:
			if r.Op != token.MUL {
				return false
			}
		case *ssa.DebugRef:
		default:
			return false
		}
	}
	return true
}

// returnErrorFix replaces `g.Wait()` (or `_ = g.Wait()`) with
//
//	if err := g.Wait(); err != nil {
//		return …, err
//	}
//
// in a function with signature sig, whose last result is an error.
func returnErrorFix(m *model.Model, cur inspector.Cursor, call *ast.CallExpr, sig *types.Signature) (analysis.SuggestedFix, bool) {
	stmt, ok := cur.Parent().Node().(ast.Stmt)
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	switch s := stmt.(type) {
	case *ast.ExprStmt:
	case *ast.AssignStmt:
		if len(s.Lhs) != 1 {
			return analysis.SuggestedFix{}, false
		}
	default:
		return analysis.SuggestedFix{}, false // go or defer
	}
	b := fix.NewBuilder(m.Pass, stmt.Pos())
	var results []string
	for i := 0; i < sig.Results().Len()-1; i++ {
		z, ok := b.ZeroValue(sig.Results().At(i).Type())
		if !ok {
			return analysis.SuggestedFix{}, false
		}
		results = append(results, z)
	}
	scope := m.Pass.TypesInfo.Scopes[b.File].Innermost(stmt.Pos())
	errName := fix.FreshName(m, scope, stmt.Pos(), "err")
	results = append(results, errName)
	indent := b.Indent(stmt.Pos())
	b.Replace(stmt.Pos(), stmt.End(), fmt.Sprintf("if %s := %s; %s != nil {\n%s\treturn %s\n%s}",
		errName, b.Source(call), errName, indent, strings.Join(results, ", "), indent))
	return b.Fix("Return the error of Wait"), true
}

// enclosingSignature returns the signature of the function literal or
// declaration enclosing cur.
func enclosingSignature(pass *analysis.Pass, cur inspector.Cursor) *types.Signature {
	for c := range cur.Enclosing((*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		switch n := c.Node().(type) {
		case *ast.FuncLit:
			sig, _ := pass.TypesInfo.TypeOf(n).(*types.Signature)
			return sig
		case *ast.FuncDecl:
			if fn, ok := pass.TypesInfo.Defs[n.Name].(*types.Func); ok {
				return fn.Signature()
			}
		}
	}
	return nil
}
