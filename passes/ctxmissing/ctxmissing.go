package ctxmissing

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/ssa"

	"github.com/structlint/structlint/internal/fix"
	"github.com/structlint/structlint/internal/model"
	"github.com/structlint/structlint/internal/report"
)

// Analyzer reports blocking calls reached with a context that provably has
// no deadline.
var Analyzer = &analysis.Analyzer{
	Name:     "ctxmissing",
	Doc:      Doc.Doc(),
	URL:      "https://pkg.go.dev/github.com/structlint/structlint/passes/ctxmissing",
	Run:      run,
	Requires: []*analysis.Analyzer{model.Analyzer},
}

var (
	timeout     = 30 * time.Second
	reportMain  bool
	reportTests bool
)

func init() {
	Analyzer.Flags.DurationVar(&timeout, "timeout", timeout, Doc.Options[0].Usage)
	Analyzer.Flags.BoolVar(&reportMain, "main", false, Doc.Options[1].Usage)
	Analyzer.Flags.BoolVar(&reportTests, "tests", false, Doc.Options[2].Usage)
}

func run(pass *analysis.Pass) (any, error) {
	m := pass.ResultOf[model.Analyzer].(*model.Model)
	if len(m.BlockingCalls) == 0 {
		return nil, nil
	}
	r := report.New(pass)
	// One fix per function: a second `ctx, cancel :=` in the same scope
	// would not compile, and once the first call has a deadline the
	// others sharing its context have one too.
	fixed := make(map[*ssa.Function]bool)
	for _, bc := range m.BlockingCalls {
		if bc.Ctx.Deadline != model.NoDeadline || skipped(pass, bc.Call) {
			continue
		}
		cur, call, ok := m.CallSyntax(bc.Call)
		if !ok {
			continue
		}
		d := analysis.Diagnostic{Pos: call.Pos(), End: call.End(), Message: message(m, bc)}
		if f, ok := deadlineFix(pass, cur, call, bc); ok && !fixed[bc.Call.Parent()] {
			d.SuggestedFixes = []analysis.SuggestedFix{f}
			fixed[bc.Call.Parent()] = true
		}
		r.Report(d)
	}
	return nil, nil
}

// skipped reports whether call lies where the check is off by default: a
// test file, or the main function of package main.
func skipped(pass *analysis.Pass, call *ssa.Call) bool {
	if !reportTests && strings.HasSuffix(pass.Fset.File(call.Pos()).Name(), "_test.go") {
		return true
	}
	if !reportMain && pass.Pkg.Name() == "main" {
		fn := call.Parent()
		for fn.Parent() != nil {
			fn = fn.Parent()
		}
		return fn.Name() == "main" && fn.Signature.Recv() == nil
	}
	return false
}

// message explains the finding: what blocks, where its context comes from.
func message(m *model.Model, bc *model.BlockingCall) string {
	origin := "context." + model.Callee(&bc.Ctx.Origin.Call).Name() + "()"
	how := "no deadline is set on the way"
	if origin == "context.WithoutCancel()" {
		origin = "context.WithoutCancel"
		how = "it drops any deadline its parent had"
	}
	where := fmt.Sprintf("%s at line %d", origin, m.Line(bc.Ctx.Origin.Pos()))
	if bc.Via != nil {
		return fmt.Sprintf("%s can block forever: it passes its context to %s, and the context here comes from %s, and %s",
			model.FuncName(bc.Via), bc.API, where, how)
	}
	return fmt.Sprintf("%s can block forever: its context comes from %s, and %s", bc.API, where, how)
}

// deadlineFix derives a context with a deadline right before the statement
// containing the call, and passes it instead:
//
//	ctx, cancel := context.WithTimeout(<the context>, 30*time.Second)
//	defer cancel()
//
// It offers nothing where that would change behaviour: inside a loop
// (the deferred cancels would pile up), in a go or defer statement, or
// when the context expression has side effects that would move.
func deadlineFix(pass *analysis.Pass, cur inspector.Cursor, call *ast.CallExpr, bc *model.BlockingCall) (analysis.SuggestedFix, bool) {
	arg := ctxArg(pass, call, bc)
	if arg == nil || !movable(pass, arg) {
		return analysis.SuggestedFix{}, false
	}
	stmt, ok := insertionPoint(cur)
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	b := fix.NewBuilder(pass, stmt.Pos())
	scope := pass.TypesInfo.Scopes[b.File].Innermost(stmt.Pos())
	ctxName := fix.FreshName(scope, stmt.Pos(), "ctx")
	if id, ok := arg.(*ast.Ident); ok && sameScope(pass, scope, id) {
		ctxName = id.Name // ctx, cancel := context.WithTimeout(ctx, …) redeclares it
	}
	cancelName := fix.FreshName(scope, stmt.Pos(), "cancel")
	contextPkg := b.Import("context", stmt.Pos())
	indent := b.Indent(stmt.Pos())
	b.Insert(stmt.Pos(), fmt.Sprintf("%s, %s := %s.WithTimeout(%s, %s)\n%sdefer %s()\n%s",
		ctxName, cancelName, contextPkg, b.Source(arg), duration(b, stmt.Pos(), timeout), indent, cancelName, indent))
	if id, ok := arg.(*ast.Ident); !ok || id.Name != ctxName {
		b.Replace(arg.Pos(), arg.End(), ctxName)
	}
	return b.Fix(fmt.Sprintf("Give the call a %v deadline", timeout)), true
}

// ctxArg returns the syntax of the call's context argument.
func ctxArg(pass *analysis.Pass, call *ast.CallExpr, bc *model.BlockingCall) ast.Expr {
	i := -1
	for k, a := range bc.Call.Call.Args {
		if a == bc.CtxArg {
			i = k
		}
	}
	if i < 0 {
		return nil
	}
	if sel, ok := call.Fun.(*ast.SelectorExpr); ok {
		if s := pass.TypesInfo.Selections[sel]; s != nil && s.Kind() == types.MethodVal {
			i-- // the receiver is not among the call's arguments
		}
	}
	if i < 0 || i >= len(call.Args) {
		return nil
	}
	return call.Args[i]
}

// movable reports whether evaluating e earlier changes nothing: a variable,
// or a call of context.Background or context.TODO.
func movable(pass *analysis.Pass, e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		_, ok := pass.TypesInfo.Uses[e].(*types.Var)
		return ok
	case *ast.CallExpr:
		if sel, ok := e.Fun.(*ast.SelectorExpr); ok && len(e.Args) == 0 {
			if fn, ok := pass.TypesInfo.Uses[sel.Sel].(*types.Func); ok && fn.Pkg() != nil && fn.Pkg().Path() == "context" {
				return fn.Name() == "Background" || fn.Name() == "TODO"
			}
		}
	}
	return false
}

// sameScope reports whether id refers to a variable declared in scope
// itself, so that := redeclares rather than shadows it.
func sameScope(pass *analysis.Pass, scope *types.Scope, id *ast.Ident) bool {
	obj := pass.TypesInfo.Uses[id]
	return obj != nil && scope.Lookup(id.Name) == obj
}

// insertionPoint returns the statement before which the fix goes: the one
// containing the call, directly in a block of the enclosing function and
// not inside a loop there.
func insertionPoint(cur inspector.Cursor) (ast.Stmt, bool) {
	var stmt ast.Stmt
	for c := range cur.Enclosing() {
		switch n := c.Node().(type) {
		case *ast.GoStmt, *ast.DeferStmt:
			if stmt == nil {
				return nil, false
			}
		case *ast.ForStmt, *ast.RangeStmt:
			return nil, false
		case *ast.FuncLit, *ast.FuncDecl:
			return stmt, stmt != nil
		case ast.Stmt:
			if stmt == nil {
				switch c.Parent().Node().(type) {
				case *ast.BlockStmt, *ast.CaseClause, *ast.CommClause:
					if _, labeled := n.(*ast.LabeledStmt); !labeled {
						stmt = n
					}
				}
			}
		}
	}
	return nil, false
}

// duration renders d as a Go expression, e.g. 30*time.Second.
func duration(b *fix.Builder, pos token.Pos, d time.Duration) string {
	timePkg := b.Import("time", pos)
	for _, u := range []struct {
		unit time.Duration
		name string
	}{{time.Hour, "Hour"}, {time.Minute, "Minute"}, {time.Second, "Second"}, {time.Millisecond, "Millisecond"}, {time.Microsecond, "Microsecond"}} {
		if d%u.unit == 0 {
			if d == u.unit {
				return timePkg + "." + u.name
			}
			return fmt.Sprintf("%d*%s.%s", d/u.unit, timePkg, u.name)
		}
	}
	return fmt.Sprintf("%s.Duration(%d)", timePkg, d)
}
