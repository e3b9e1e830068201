package ctxmissing

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/structlint/structlint/internal/fix"
	"github.com/structlint/structlint/internal/model"
)

// A given is the context a function was given, in scope at a blocking
// call: a context.Context parameter, or an *http.Request parameter whose
// Context() it is.
type given struct {
	param *ssa.Parameter
	obj   *types.Var
	fn    *ssa.Function // the function whose parameter it is
	expr  string        // how code names it: ctx, r.Context()
}

// givenContext returns the context in scope at call that its function
// (or one enclosing it) was given: the innermost context parameter, else
// the innermost request parameter, if its name is not hidden there.
func givenContext(pass *analysis.Pass, call ssa.Instruction) *given {
	scope := pass.Pkg.Scope().Innermost(call.Pos())
	if scope == nil {
		return nil
	}
	var req *given
	for fn := call.Parent(); fn != nil; fn = fn.Parent() {
		for _, p := range fn.Params {
			obj, ok := p.Object().(*types.Var)
			if !ok || obj.Name() == "_" || obj.Name() == "" {
				continue
			}
			if _, found := scope.LookupParent(obj.Name(), call.Pos()); found != obj {
				continue
			}
			switch {
			case model.IsContext(p.Type()):
				return &given{p, obj, fn, obj.Name()}
			case req == nil && types.TypeString(p.Type(), nil) == "*net/http.Request":
				req = &given{p, obj, fn, obj.Name() + ".Context()"}
			}
		}
	}
	return req
}

// owner names the function that was given g, for messages.
func (g *given) owner() string { return model.FuncLabel(g.fn) }

// detached reports whether the call runs where a context of its own can
// be the intent, between it and the function that was given the context:
// in a go or defer statement, in a function literal that one of them or
// time.AfterFunc runs, or on a path where the given context, or the work
// it was given for, has failed (the branch of an if whose condition finds
// an error: err != nil, ctx.Err() != nil, errors.Is(err,
// context.Canceled); a select case on ctx.Done()). A fresh context there is
// how cleanup outlives the failure: a rollback under a context that is
// already cancelled would not run.
func detached(pass *analysis.Pass, m *model.Model, call ssa.Instruction, g *given) bool {
	cur, ok := m.Syntax(call.Pos())
	if !ok || afterDone(call) {
		return true
	}
	for c := range cur.Enclosing() {
		switch n := c.Node().(type) {
		case *ast.GoStmt, *ast.DeferStmt:
			return true
		case *ast.FuncDecl:
			return false
		case *ast.FuncLit:
			if g.fn.Syntax() == n {
				return false
			}
			if outer, ok := c.Parent().Node().(*ast.CallExpr); ok {
				if fn, ok := typeutil.Callee(pass.TypesInfo, outer).(*types.Func); ok && model.IsFunc(fn, "time", "AfterFunc") {
					return true
				}
			}
		case *ast.CommClause:
			if recv, ok := commRecv(n.Comm); ok {
				if call, ok := ast.Unparen(recv).(*ast.CallExpr); ok {
					if sel, ok := call.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "Done" {
						return true
					}
				}
			}
		case *ast.IfStmt:
			inBody := n.Body.Pos() <= call.Pos() && call.Pos() < n.Body.End()
			inElse := n.Else != nil && n.Else.Pos() <= call.Pos() && call.Pos() < n.Else.End()
			if body, ok := errorCond(pass, n.Cond); ok && (inBody && body || inElse && !body) {
				return true
			}
		}
	}
	return false
}

// afterDone reports whether the call runs only after its function has
// received from a context's Done channel (<-ctx.Done(), then cleanup).
func afterDone(call ssa.Instruction) bool {
	for _, b := range call.Parent().Blocks {
		for _, instr := range b.Instrs {
			recv, ok := instr.(*ssa.UnOp)
			if !ok || recv.Op != token.ARROW {
				continue
			}
			done, ok := recv.X.(*ssa.Call)
			if !ok || !done.Call.IsInvoke() || done.Call.Method.Name() != "Done" || !model.IsContext(done.Call.Value.Type()) {
				continue
			}
			if b == call.Block() && slices.Index(b.Instrs, instr) < slices.Index(b.Instrs, call) || b != call.Block() && b.Dominates(call.Block()) {
				return true
			}
		}
	}
	return false
}

// commRecv returns the channel expression a select case receives from.
func commRecv(s ast.Stmt) (ast.Expr, bool) {
	var e ast.Expr
	switch s := s.(type) {
	case *ast.ExprStmt:
		e = s.X
	case *ast.AssignStmt:
		if len(s.Rhs) == 1 {
			e = s.Rhs[0]
		}
	}
	u, ok := e.(*ast.UnaryExpr)
	if !ok || u.Op != token.ARROW {
		return nil, false
	}
	return u.X, true
}

// errorCond reports whether cond tests for an error, and whether its
// true branch is the one where the error is there.
func errorCond(pass *analysis.Pass, cond ast.Expr) (onTrue, ok bool) {
	switch e := ast.Unparen(cond).(type) {
	case *ast.BinaryExpr:
		switch e.Op {
		case token.LAND:
			if t, ok := errorCond(pass, e.X); ok && t {
				return true, true
			}
			if t, ok := errorCond(pass, e.Y); ok && t {
				return true, true
			}
		case token.NEQ, token.EQL:
			x, y := e.X, e.Y
			if isNilIdent(x) {
				x, y = y, x
			}
			if isNilIdent(y) && model.IsError(pass.TypesInfo.TypeOf(x)) {
				return e.Op == token.NEQ, true
			}
		}
	case *ast.CallExpr:
		if fn, ok := typeutil.Callee(pass.TypesInfo, e).(*types.Func); ok && (model.IsFunc(fn, "errors", "Is") || model.IsFunc(fn, "errors", "As")) {
			return true, true
		}
	}
	return false, false
}

func isNilIdent(e ast.Expr) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	return ok && id.Name == "nil"
}

// dropFix passes the given context where the call's context is made:
// context.Background() becomes ctx; http.NewRequest, exec.Command and
// Handshake become their forms that take it; a context field read in the
// call becomes ctx. edited holds the positions earlier fixes replaced.
func dropFix(pass *analysis.Pass, m *model.Model, bc *model.BlockingCall, g *given, edited map[token.Pos]bool) (analysis.SuggestedFix, bool) {
	var b *fix.Builder
	var at token.Pos
	switch {
	case bc.Ctx.Fresh != nil:
		cur, expr, ok := m.CallSyntax(bc.Ctx.Fresh)
		if !ok || !isBackground(pass, expr) || !givenAt(pass, cur, g) || !syncOnly(bc.Ctx.Fresh) {
			return analysis.SuggestedFix{}, false
		}
		b, at = fix.NewBuilder(pass, expr.Pos()), expr.Pos()
		b.Replace(expr.Pos(), expr.End(), g.expr)
	case bc.Ctx.None && bc.CtxArg == nil:
		// Handshake() takes its context; http.Get and friends are
		// rewritten to a request that carries it.
		cur, expr, ok := m.CallSyntax(bc.Call)
		if !ok || !givenAt(pass, cur, g) {
			return analysis.SuggestedFix{}, false
		}
		sel, ok := expr.Fun.(*ast.SelectorExpr)
		if !ok {
			return analysis.SuggestedFix{}, false
		}
		if fn := model.Callee(&bc.Call.Call); model.IsFunc(fn, "crypto/tls", "Conn.Handshake") {
			b, at = fix.NewBuilder(pass, sel.Sel.Pos()), sel.Sel.Pos()
			b.Replace(sel.Sel.Pos(), expr.End(), "HandshakeContext("+g.expr+")")
			break
		}
		return requestFix(pass, m, bc, g.expr)
	case bc.Ctx.None:
		origin, ok := bc.Ctx.Origin.(*ssa.Call)
		if !ok || origin.Parent() != bc.Call.Parent() && !within(bc.Call.Parent(), origin.Parent()) {
			return analysis.SuggestedFix{}, false
		}
		cur, expr, ok := m.CallSyntax(origin)
		if !ok || !givenAt(pass, cur, g) {
			return analysis.SuggestedFix{}, false
		}
		sel, ok := expr.Fun.(*ast.SelectorExpr)
		if !ok {
			return analysis.SuggestedFix{}, false
		}
		var name string
		switch fn := model.Callee(&origin.Call); {
		case model.IsFunc(fn, "net/http", "NewRequest"):
			name = "NewRequestWithContext"
		case model.IsFunc(fn, "os/exec", "Command"):
			name = "CommandContext"
		default:
			return analysis.SuggestedFix{}, false
		}
		b, at = fix.NewBuilder(pass, sel.Sel.Pos()), sel.Sel.Pos()
		b.Replace(sel.Sel.Pos(), sel.Sel.End(), name)
		b.Insert(expr.Lparen+1, g.expr+", ")
	case bc.Ctx.Field != nil && bc.CtxArg != nil:
		e, ok := entryOf(pass, m, bc)
		sel, isSel := ast.Unparen(e.arg).(*ast.SelectorExpr)
		if !ok || !isSel || !givenAt(pass, e.cur, g) {
			return analysis.SuggestedFix{}, false
		}
		b, at = fix.NewBuilder(pass, sel.Pos()), sel.Pos()
		b.Replace(sel.Pos(), sel.End(), g.expr)
	default:
		return analysis.SuggestedFix{}, false
	}
	if edited[at] {
		return analysis.SuggestedFix{}, false
	}
	edited[at] = true
	return b.Fix(fmt.Sprintf("Pass %s", g.expr)), true
}

// givenAt reports whether the given context can be named at cur: its
// parameter is visible there, and holds what the function was given,
// with no assignment to it before.
func givenAt(pass *analysis.Pass, cur inspector.Cursor, g *given) bool {
	pos := cur.Node().Pos()
	scope := pass.Pkg.Scope().Innermost(pos)
	if scope == nil {
		return false
	}
	if _, obj := scope.LookupParent(g.obj.Name(), pos); obj != g.obj {
		return false
	}
	if !model.IsContext(g.obj.Type()) {
		return true // a request: r.Context() is the request's, whatever r holds
	}
	assigned := false
	syntax := g.fn.Syntax()
	if syntax == nil {
		return false
	}
	ast.Inspect(syntax, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok || as.Pos() >= pos {
			return !assigned
		}
		for _, lhs := range as.Lhs {
			if id, ok := lhs.(*ast.Ident); ok && pass.TypesInfo.ObjectOf(id) == g.obj && as.End() <= pos {
				assigned = true
			}
		}
		return !assigned
	})
	return !assigned
}

// syncOnly reports whether the fresh context made by fresh, and what
// derives from it, goes nowhere but to calls its function makes and
// waits for: not to a goroutine, a deferred call, a closure or a field,
// where a context of their own can be the intent.
func syncOnly(fresh *ssa.Call) bool {
	seen := make(map[ssa.Value]bool)
	var follow func(v ssa.Value) bool
	follow = func(v ssa.Value) bool {
		if seen[v] {
			return true
		}
		seen[v] = true
		for _, ref := range model.Refs(v) {
			switch ref := ref.(type) {
			case *ssa.DebugRef:
			case *ssa.Extract:
				if ref.Index == 0 && !follow(ref) {
					return false
				}
			case *ssa.Call:
				if ref.Parent() != fresh.Parent() {
					return false
				}
				// Follow what derives from the context, or carries it;
				// any other call uses it, and waits.
				fn := model.Callee(&ref.Call)
				derives := fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == "context"
				if (derives || model.IsCarrier(ref.Type())) && !follow(ref) {
					return false
				}
			case *ssa.Phi:
				if !follow(ref) {
					return false
				}
			default:
				return false
			}
		}
		return true
	}
	return follow(fresh)
}
