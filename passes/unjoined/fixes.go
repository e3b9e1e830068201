package unjoined

import (
	"fmt"
	"go/ast"
	"go/token"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/structlint/structlint/internal/fix"
	"github.com/structlint/structlint/internal/model"
)

// addBeforeGoFix moves add, a wg.Add(n) statement at the top level of a
// goroutine's function literal, before every go statement in spawns that
// starts that literal: one Add per goroutine, so that a closure started
// twice is counted twice (one Add before both would let the second Done
// drive the counter negative).
//
//	go func() {              wg.Add(1)
//		wg.Add(1)      →     go func() {
//		defer wg.Done()          defer wg.Done()
//		…                        …
//	}()                      }()
//
// It is offered only when the literal runs on those goroutines alone (a
// direct call would lose its Add) and the Add runs once per goroutine.
func (c *checker) addBeforeGoFix(add *model.Use, spawns []*model.Spawn) (analysis.SuggestedFix, bool) {
	no := analysis.SuggestedFix{}
	cur, call, ok := c.m.CallSyntax(add.Instr.(ssa.CallInstruction))
	if !ok || c.m.InLoop(add.Instr) {
		return no, false
	}
	stmt, isStmt := cur.Parent().Node().(*ast.ExprStmt)
	if _, constant := call.Args[0].(*ast.BasicLit); !isStmt || !constant {
		return no, false
	}
	body := add.Instr.Parent()
	lit, ok := body.Syntax().(*ast.FuncLit)
	if !ok || !slices.Contains(lit.Body.List, ast.Stmt(stmt)) || !onlyStartedBy(body, spawns) {
		return no, false
	}
	b := fix.NewBuilder(c.m.Pass, call.Pos())
	b.DeleteLine(stmt)
	for _, s := range spawns {
		goStmt, ok := c.m.Syntax(s.Pos())
		if !ok || s.Body != body {
			return no, false
		}
		at := goStmt.Node().Pos()
		b.Insert(at, fmt.Sprintf("%s\n%s", b.Source(stmt), b.Indent(at)))
	}
	msg := fmt.Sprintf("Call %s before the go statement", b.Source(stmt))
	if len(spawns) > 1 {
		msg = fmt.Sprintf("Call %s before each of the %d go statements", b.Source(stmt), len(spawns))
	}
	return b.Fix(msg), true
}

// onlyStartedBy reports whether the function literal fn is used only by
// the go statements of spawns: neither called directly nor handed on.
func onlyStartedBy(fn *ssa.Function, spawns []*model.Spawn) bool {
	values := []ssa.Value{fn}
	for _, ref := range model.Refs(fn) {
		if mc, ok := ref.(*ssa.MakeClosure); ok && mc.Fn == fn {
			values = append(values, mc)
		}
	}
	for _, v := range values {
		for _, ref := range model.Refs(v) {
			switch ref := ref.(type) {
			case *ssa.MakeClosure, *ssa.DebugRef:
			case *ssa.Go:
				if !slices.ContainsFunc(spawns, func(s *model.Spawn) bool { return s.Go == ref }) {
					return false
				}
			default:
				return false
			}
		}
	}
	return true
}

// signal reports whether a select case only waits for a signal, receiving
// nothing it uses: case <-ctx.Done(), case <-stop, case <-time.After(d).
func signal(clause *ast.CommClause) bool {
	recv, ok := clause.Comm.(*ast.ExprStmt)
	if !ok {
		return false
	}
	op, ok := ast.Unparen(recv.X).(*ast.UnaryExpr)
	return ok && op.Op == token.ARROW
}
