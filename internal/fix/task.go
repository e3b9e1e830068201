package fix

import (
	"fmt"
	"go/ast"
	"go/token"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/structlint/structlint/internal/model"
)

// GoAsTask rewrites a goroutine's function literal into a task of group:
//
//	go func() {            g.Go(func(context.Context) error {
//		…               →      …
//	}()                        return nil
//	                       })
//
// start is where the rewrite begins (the go keyword, or a wg.Go call) and
// end where it ends (after the go statement's call, or wg.Go's closing
// parenthesis). Bare returns of the literal's own body return nil; the
// statements in drop (a wg.Done()) are deleted.
func (b *Builder) GoAsTask(start, end token.Pos, lit *ast.FuncLit, group, contextPkg string, drop ...ast.Stmt) {
	b.Replace(start, lit.Type.End(), fmt.Sprintf("%s.Go(func(%s.Context) error", group, contextPkg))
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			b.Replace(n.Pos(), n.End(), "return nil")
		}
		return true
	})
	var body []ast.Stmt
	for _, s := range lit.Body.List {
		dropped := false
		for _, d := range drop {
			dropped = dropped || s == d
		}
		if dropped {
			b.DeleteLine(s)
		} else {
			body = append(body, s)
		}
	}
	var last ast.Stmt
	if len(body) > 0 {
		last = body[len(body)-1]
	}
	endsInReturn := last != nil && terminates(last)
	tf := b.Pass.Fset.File(lit.Pos())
	switch {
	case endsInReturn:
		b.Replace(lit.Body.Rbrace+1, end, ")")
	case tf.Line(lit.Body.Lbrace) != tf.Line(lit.Body.Rbrace):
		b.Replace(lit.Body.Rbrace, end, fmt.Sprintf("\treturn nil\n%s})", b.Indent(start)))
	case last == nil:
		b.Replace(lit.Body.Rbrace, end, " return nil })")
	default:
		b.Replace(last.End(), end, "; return nil })")
	}
}

// terminates reports whether s is a terminating statement (as the spec
// defines them, for the common cases): a return, a panic, a block ending
// in one, an if whose branches both terminate, a for with no condition and
// no break, or a select whose cases all terminate without a break; after
// it a return nil would be unreachable.
func terminates(s ast.Stmt) bool {
	switch s := s.(type) {
	case *ast.ReturnStmt:
		return true
	case *ast.ExprStmt:
		call, ok := s.X.(*ast.CallExpr)
		if !ok {
			return false
		}
		id, ok := ast.Unparen(call.Fun).(*ast.Ident)
		return ok && id.Name == "panic"
	case *ast.BlockStmt:
		return len(s.List) > 0 && terminates(s.List[len(s.List)-1])
	case *ast.IfStmt:
		return s.Else != nil && terminates(s.Body) && terminates(s.Else)
	case *ast.ForStmt:
		return s.Cond == nil && !hasBreak(s.Body, false)
	case *ast.SelectStmt:
		for _, c := range s.Body.List {
			c := c.(*ast.CommClause)
			if len(c.Body) == 0 || !terminates(c.Body[len(c.Body)-1]) || hasBreak(&ast.BlockStmt{List: c.Body}, false) {
				return false
			}
		}
		return true
	}
	return false
}

// hasBreak reports whether n has a break that leaves the loop around it:
// a labeled one anywhere, or, unless inner, an unlabeled one outside the
// loops, switches and selects nested in n.
func hasBreak(n ast.Node, inner bool) (found bool) {
	ast.Inspect(n, func(m ast.Node) bool {
		if found {
			return false
		}
		switch m := m.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ForStmt, *ast.RangeStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
			if m != n {
				found = hasBreak(m, true)
				return false
			}
		case *ast.BranchStmt:
			found = m.Tok == token.BREAK && (m.Label != nil || !inner)
		}
		return true
	})
	return found
}

// EnclosingFunc returns the type and body of the function declaration or
// literal around cur.
func EnclosingFunc(cur inspector.Cursor) (*ast.FuncType, *ast.BlockStmt) {
	for f := range cur.Enclosing((*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		switch f := f.Node().(type) {
		case *ast.FuncLit:
			return f.Type, f.Body
		case *ast.FuncDecl:
			return f.Type, f.Body
		}
	}
	return nil, nil
}

// ContextExpr returns the expression a new group should derive from in a
// function of type ft: its context.Context parameter, or
// context.Background().
func (b *Builder) ContextExpr(ft *ast.FuncType, contextPkg string) string {
	for _, field := range ft.Params.List {
		for _, name := range field.Names {
			if obj := b.Pass.TypesInfo.Defs[name]; obj != nil && name.Name != "_" && model.IsContext(obj.Type()) {
				return name.Name
			}
		}
	}
	return contextPkg + ".Background()"
}
