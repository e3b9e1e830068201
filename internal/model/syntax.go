package model

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// ArgSyntax returns the expression written for argument i of an SSA call
// (as CallArgs counts them: a method's receiver is argument 0), or nil if
// it is not written as an argument, like a method's receiver.
func (m *Model) ArgSyntax(call ssa.CallInstruction, i int) ast.Expr {
	_, expr, ok := m.CallSyntax(call)
	if !ok {
		return nil
	}
	if call.Common().IsInvoke() {
		i--
	} else if sel, ok := expr.Fun.(*ast.SelectorExpr); ok {
		if s := m.Pass.TypesInfo.Selections[sel]; s != nil && s.Kind() == types.MethodVal {
			i-- // the receiver is not among the call's arguments
		}
	}
	if i < 0 || i >= len(expr.Args) {
		return nil
	}
	return expr.Args[i]
}

// OperandText renders the channel or sync object an operation acts on, as
// written: "results" for results <- r, "s.wg" for s.wg.Wait(); or "" if
// the source cannot be found.
func (m *Model) OperandText(op *Operation) string {
	cur, ok := m.Syntax(op.Pos())
	if !ok {
		return ""
	}
	var x ast.Expr
	node := cur.Node()
	if d, ok := node.(*ast.DeferStmt); ok {
		node = d.Call // defer wg.Done(): the Defer's position is the keyword's
	}
	switch n := node.(type) {
	case *ast.UnaryExpr:
		x = n.X
	case *ast.SendStmt:
		x = n.Chan
	case *ast.RangeStmt:
		x = n.X
	case *ast.CallExpr:
		if op.Op == Close && len(n.Args) == 1 {
			x = n.Args[0]
		} else if sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok {
			x = sel.X
		}
	}
	if x == nil {
		return ""
	}
	return types.ExprString(x)
}
