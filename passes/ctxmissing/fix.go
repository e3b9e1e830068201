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
)

// fixFor returns the fix of a finding: in a task of a fan-out (started by
// spawner), one deadline over the fan-out; for http.Get and friends, a
// request with a deadline; for several calls that share a context at the
// end of a function returning an error, one task.Timeout around them;
// otherwise a deadline derived right before the call (or before the call
// that put the context into its request or command).
func fixFor(pass *analysis.Pass, m *model.Model, bc *model.BlockingCall, findings []*model.BlockingCall, spawner *ssa.Function) (analysis.SuggestedFix, bool) {
	switch {
	case spawner != nil:
		return fanOutFix(pass, m, bc.Ctx, spawner)
	case bc.ClientArg != nil, bc.Async:
		// A goroutine that bc.Via starts outlives the call: a deadline
		// cancelled as the caller returns would cut it off.
		return analysis.SuggestedFix{}, false
	case bc.CtxArg == nil:
		return requestFix(pass, m, bc, "")
	}
	if f, ok := timeoutFix(pass, m, bc, findings); ok {
		return f, true
	}
	return deadlineFix(pass, m, bc, findings)
}

// An entry is where a finding's context enters the code: an argument
// passing it, to the blocking call itself or to the call that made its
// carrier (http.NewRequestWithContext, exec.CommandContext,
// req.WithContext); or an http.NewRequest call, which takes none (arg is
// nil).
type entry struct {
	cur  inspector.Cursor
	call *ast.CallExpr
	arg  ast.Expr
}

// entryOf returns the entry of a finding's context, if the function of the
// call has it.
func entryOf(pass *analysis.Pass, m *model.Model, bc *model.BlockingCall) (entry, bool) {
	call, v := bc.Call, bc.CtxArg
	if model.IsCarrier(v.Type()) {
		switch x := v.(type) {
		case *ssa.Call:
			call = x
		case *ssa.Extract:
			call, _ = x.Tuple.(*ssa.Call)
		default:
			call = nil
		}
		if call == nil || call.Parent() != bc.Call.Parent() {
			return entry{}, false
		}
		fn := model.Callee(&call.Call)
		switch {
		case model.IsFunc(fn, "net/http", "NewRequest"):
			// Rewritten to http.NewRequestWithContext: http must be named.
			cur, expr, ok := m.CallSyntax(call)
			if !ok {
				return entry{}, false
			}
			_, sel := expr.Fun.(*ast.SelectorExpr)
			return entry{cur, expr, nil}, sel
		case model.IsFunc(fn, "net/http", "NewRequestWithContext"), model.IsFunc(fn, "os/exec", "CommandContext"):
			v = call.Call.Args[0]
		case model.IsFunc(fn, "net/http", "Request.WithContext"), model.IsFunc(fn, "net/http", "Request.Clone"):
			v = call.Call.Args[1]
		default:
			return entry{}, false
		}
	}
	cur, expr, ok := m.CallSyntax(call)
	if !ok {
		return entry{}, false
	}
	arg := argSyntax(pass, expr, call, v)
	return entry{cur, expr, arg}, arg != nil && movable(pass, arg)
}

// argSyntax returns the syntax of the argument of call that is v.
func argSyntax(pass *analysis.Pass, expr *ast.CallExpr, call *ssa.Call, v ssa.Value) ast.Expr {
	i := -1
	for k, a := range call.Call.Args {
		if a == v {
			i = k
		}
	}
	if sel, ok := expr.Fun.(*ast.SelectorExpr); ok && !call.Call.IsInvoke() {
		if s := pass.TypesInfo.Selections[sel]; s != nil && s.Kind() == types.MethodVal {
			i-- // the receiver is not among the call's arguments
		}
	}
	if i < 0 || i >= len(expr.Args) {
		return nil
	}
	return expr.Args[i]
}

// movable reports whether evaluating e earlier changes nothing: a variable
// or a field of one, or a call of context.Background or context.TODO.
func movable(pass *analysis.Pass, e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		_, ok := pass.TypesInfo.Uses[e].(*types.Var)
		return ok
	case *ast.SelectorExpr:
		s := pass.TypesInfo.Selections[e]
		return s != nil && s.Kind() == types.FieldVal && movable(pass, e.X)
	case *ast.CallExpr:
		return isBackground(pass, e)
	}
	return false
}

// isBackground reports whether e is a call of context.Background or
// context.TODO.
func isBackground(pass *analysis.Pass, e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) > 0 {
		return false
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	fn, ok := pass.TypesInfo.Uses[sel.Sel].(*types.Func)
	return ok && (model.IsFunc(fn, "context", "Background") || model.IsFunc(fn, "context", "TODO"))
}

// escapes reports whether a result of the call that stays tied to its
// context (rows, a transaction, a response and its body; for a function
// that passes its context on, any pointer or interface but an error)
// leaves the function, where the fix's deferred cancel would cut it off.
func escapes(bc *model.BlockingCall) bool {
	seen := make(map[ssa.Value]bool)
	var follow func(v ssa.Value) bool
	follow = func(v ssa.Value) bool {
		if seen[v] {
			return false
		}
		seen[v] = true
		for _, ref := range model.Refs(v) {
			switch ref := ref.(type) {
			case *ssa.Return:
				return true
			case *ssa.MakeClosure:
				if !model.CalledHere(ref) {
					return true
				}
			case *ssa.Store:
				if ref.Val == v {
					if a, ok := ref.Addr.(*ssa.Alloc); !ok || follow(a) {
						return true
					}
				}
			case *ssa.FieldAddr, *ssa.Field, *ssa.UnOp, *ssa.Phi, *ssa.MakeInterface, *ssa.ChangeType:
				if _, plain := ref.(ssa.Value).Type().Underlying().(*types.Basic); !plain && follow(ref.(ssa.Value)) {
					return true
				}
			}
		}
		return false
	}
	results := []ssa.Value{bc.Call}
	if _, ok := bc.Call.Type().(*types.Tuple); ok {
		results = nil
		for _, ref := range model.Refs(bc.Call) {
			if x, ok := ref.(*ssa.Extract); ok {
				results = append(results, x)
			}
		}
	}
	for _, v := range results {
		if tied(bc, v.Type()) && follow(v) {
			return true
		}
	}
	return false
}

// tied reports whether a result of type t of the finding's call may stay
// tied to the context it was given.
func tied(bc *model.BlockingCall, t types.Type) bool {
	if bc.Via != nil {
		switch t.Underlying().(type) {
		case *types.Pointer, *types.Interface, *types.Struct:
			return !model.IsError(t)
		}
		return false
	}
	switch types.TypeString(t, nil) {
	case "*database/sql.Rows", "*database/sql.Row", "*database/sql.Tx", "*net/http.Response":
		return true
	}
	return false
}

// deadlineFix derives a context with a deadline right before the statement
// where the context enters, and passes it instead:
//
//	ctx, cancel := context.WithTimeout(<the context>, 30*time.Second)
//	defer cancel()
//
// It offers nothing where that would change behaviour: inside a loop
// (the deferred cancels would pile up), in a go or defer statement, when
// the context expression has side effects that would move, or when a
// result tied to the context leaves the function.
func deadlineFix(pass *analysis.Pass, m *model.Model, bc *model.BlockingCall, findings []*model.BlockingCall) (analysis.SuggestedFix, bool) {
	e, ok := entryOf(pass, m, bc)
	if !ok || escapes(bc) {
		return analysis.SuggestedFix{}, false
	}
	b, ok := withDeadline(pass, m, e, entryArgs(pass, m, bc, findings))
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	return b.Fix(fmt.Sprintf("Give the call a %v deadline", timeout)), true
}

// entryArgs returns the positions of the context arguments of the findings
// that share bc's context.
func entryArgs(pass *analysis.Pass, m *model.Model, bc *model.BlockingCall, findings []*model.BlockingCall) map[token.Pos]bool {
	args := make(map[token.Pos]bool)
	for _, f := range findings {
		if f.Ctx.Origin == bc.Ctx.Origin && f.CtxArg != nil {
			if e, ok := entryOf(pass, m, f); ok && e.arg != nil {
				args[e.arg.Pos()] = true
			}
		}
	}
	return args
}

// withDeadline builds the edits that derive a deadline before the
// statement of entry e and pass it there. waits holds the positions of
// arguments that may take the new context in place of the old.
func withDeadline(pass *analysis.Pass, m *model.Model, e entry, waits map[token.Pos]bool) (*fix.Builder, bool) {
	stmt, block, ok := insertionPoint(e.cur)
	if !ok {
		return nil, false
	}
	pos := stmt.Pos()
	b := fix.NewBuilder(pass, pos)
	scope := pass.TypesInfo.Scopes[b.File].Innermost(pos)
	contextPkg := b.Import("context", pos)
	parent := contextPkg + ".Background()"
	if e.arg != nil {
		parent = b.Source(e.arg)
	}
	cancel := fix.FreshName(m, scope, pos, "cancel")
	indent := b.Indent(pos)
	derive := func(name string) string {
		return fmt.Sprintf("%s, %s := %s.WithTimeout(%s, %s)\n%sdefer %s()", name, cancel, contextPkg, parent, duration(b, pos, timeout), indent, cancel)
	}
	if as, ok := stmt.(*ast.AssignStmt); ok && as.Tok == token.DEFINE && len(as.Lhs) == 1 && e.arg != nil && as.Rhs[0] == e.arg {
		// ctx := context.Background() becomes the derivation itself.
		if obj := pass.TypesInfo.Defs[as.Lhs[0].(*ast.Ident)]; obj != nil && types.Identical(obj.Type(), contextType(pass)) {
			b.Replace(stmt.Pos(), stmt.End(), derive(obj.Name()))
			return b, true
		}
	}
	name := ctxName(pass, m, scope, stmt, block, e.arg, waits)
	b.Insert(pos, derive(name)+"\n"+indent)
	switch {
	case e.arg == nil:
		// http.NewRequest(…) becomes http.NewRequestWithContext(ctx, …).
		sel := e.call.Fun.(*ast.SelectorExpr)
		b.Replace(sel.Sel.Pos(), sel.Sel.End(), "NewRequestWithContext")
		b.Insert(e.call.Lparen+1, name+", ")
	case !isIdent(e.arg, name):
		b.Replace(e.arg.Pos(), e.arg.End(), name)
	}
	return b, true
}

func isIdent(e ast.Expr, name string) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == name
}

// ctxName picks the name of the derived context. It takes the name of the
// variable passed, redeclaring or shadowing it, when every later use of
// that variable in the block is one that should wait on the deadline;
// else "ctx", if free, or if the statement itself declares it (g, ctx :=
// errgroup.WithContext(…)); else a fresh name.
func ctxName(pass *analysis.Pass, m *model.Model, scope *types.Scope, stmt ast.Stmt, block ast.Node, arg ast.Expr, waits map[token.Pos]bool) string {
	if id, ok := arg.(*ast.Ident); ok {
		v := pass.TypesInfo.Uses[id]
		only := types.Identical(v.Type(), contextType(pass))
		ast.Inspect(block, func(n ast.Node) bool {
			if use, ok := n.(*ast.Ident); ok && use.Pos() >= stmt.Pos() && pass.TypesInfo.Uses[use] == v && !waits[use.Pos()] {
				only = false
			}
			return only
		})
		if only {
			return id.Name
		}
	}
	if as, ok := stmt.(*ast.AssignStmt); ok && as.Tok == token.DEFINE && len(as.Lhs) > 1 {
		if _, obj := scope.LookupParent("ctx", stmt.Pos()); obj == nil {
			news := 0
			var ctx types.Object
			for _, lhs := range as.Lhs {
				if obj := pass.TypesInfo.Defs[lhs.(*ast.Ident)]; obj != nil {
					news++
					if obj.Name() == "ctx" {
						ctx = obj
					}
				}
			}
			if ctx != nil && news > 1 && scope.Lookup("ctx") == ctx && types.Identical(ctx.Type(), contextType(pass)) {
				return "ctx"
			}
		}
	}
	return fix.FreshName(m, scope, stmt.Pos(), "ctx")
}

// contextType returns context.Context.
func contextType(pass *analysis.Pass) types.Type {
	for _, p := range pass.Pkg.Imports() {
		if p.Path() == "context" {
			return p.Scope().Lookup("Context").Type()
		}
	}
	return nil
}

// insertionPoint returns the statement before which a fix goes, the one
// containing the cursor directly in a block of the enclosing function and
// not inside a loop there, and that block.
func insertionPoint(cur inspector.Cursor) (ast.Stmt, ast.Node, bool) {
	var stmt ast.Stmt
	var block ast.Node
	for c := range cur.Enclosing() {
		switch n := c.Node().(type) {
		case *ast.GoStmt, *ast.DeferStmt:
			if stmt == nil {
				return nil, nil, false
			}
		case *ast.ForStmt, *ast.RangeStmt:
			return nil, nil, false
		case *ast.FuncLit, *ast.FuncDecl:
			return stmt, block, stmt != nil
		case ast.Stmt:
			if stmt == nil {
				switch c.Parent().Node().(type) {
				case *ast.BlockStmt, *ast.CaseClause, *ast.CommClause:
					if _, labeled := n.(*ast.LabeledStmt); !labeled {
						stmt, block = n, c.Parent().Node()
					}
				}
			}
		}
	}
	return nil, nil, false
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

// source returns the text of [pos, end) in the builder's file.
func source(b *fix.Builder, pos, end token.Pos) string {
	tf := b.Pass.Fset.File(pos)
	content, err := b.Pass.ReadFile(tf.Name())
	if err != nil {
		return ""
	}
	return string(content[tf.Offset(pos):tf.Offset(end)])
}

// reindent adds a tab to every line of text but the first, except blank
// lines and lines inside raw string literals, given as offset ranges in
// text.
func reindent(text string, raw [][2]int) string {
	var out strings.Builder
	off := 0
	for i, line := range strings.SplitAfter(text, "\n") {
		inRaw := false
		for _, r := range raw {
			inRaw = inRaw || r[0] < off && off < r[1]
		}
		if i > 0 && strings.TrimSpace(line) != "" && !inRaw {
			out.WriteByte('\t')
		}
		out.WriteString(line)
		off += len(line)
	}
	return out.String()
}
