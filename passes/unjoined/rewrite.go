package unjoined

import (
	"fmt"
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/structlint/structlint/internal/fix"
	"github.com/structlint/structlint/internal/model"
)

// taskGroupFix rewrites the fan-out of WaitGroup o onto a task.Group:
//
//	var wg sync.WaitGroup              g := task.NewGroup(ctx)
//	for _, x := range xs {             for _, x := range xs {
//		wg.Add(1)                          g.Go(func(context.Context) error {
//		go func() {                  →          work(x)
//			defer wg.Done()                     return nil
//			work(x)                         })
//		}()                                }
//	}                                  if err := g.Wait(); err != nil {
//	wg.Wait()                              return err
//	                                   }
//
// The group derives from the function's context parameter, or
// context.Background(); Wait's error is returned when the function returns
// one. A panic in a task reaches the caller of Wait instead of crashing
// the process. It is offered only when every use of the WaitGroup fits the
// shape: Add and Done statements, go statements of function literals, Go,
// and Wait statements.
func (c *checker) taskGroupFix(o *model.Object) (analysis.SuggestedFix, bool) {
	no := analysis.SuggestedFix{}
	if o.Kind != model.WaitGroup || o.Escape != nil || o.Name == "" {
		return no, false
	}
	decl, ok := c.declaration(o)
	if !ok {
		return no, false
	}
	b := fix.NewBuilder(c.m.Pass, decl.Pos())
	cur, _ := c.m.Syntax(decl.Pos())
	ft, _ := fix.EnclosingFunc(cur)
	sig := enclosingSignature(c.m.Pass, cur)
	if ft == nil || sig == nil {
		return no, false
	}
	taskPkg := b.Import(model.TaskPath, decl.Pos())
	contextPkg := b.Import("context", decl.Pos())
	g := fix.FreshName(c.m.Pass.TypesInfo.Scopes[b.File].Innermost(decl.Pos()), decl.Pos(), "g")
	b.Replace(decl.Pos(), decl.End(), fmt.Sprintf("%s := %s.NewGroup(%s)", g, taskPkg, b.ContextExpr(ft, contextPkg)))
	b.ForgetImport("sync", decl)

	// The Done statements of each goroutine, dropped when it becomes a task.
	dones := make(map[*model.Spawn][]ast.Stmt)
	var tasks []*model.Use
	for _, u := range o.Uses {
		call, ok := u.Instr.(ssa.CallInstruction)
		if !ok {
			return no, false
		}
		ucur, expr, ok := c.m.CallSyntax(call)
		if !ok {
			return no, false
		}
		stmt, ok := ucur.Parent().Node().(ast.Stmt)
		if !ok {
			return no, false
		}
		switch u.Op {
		case model.Add:
			if _, ok := stmt.(*ast.ExprStmt); !ok {
				return no, false
			}
			b.DeleteLine(stmt)
		case model.Done:
			if u.Spawn == nil {
				return no, false
			}
			dones[u.Spawn] = append(dones[u.Spawn], stmt)
		case model.Go:
			tasks = append(tasks, u)
		case model.Wait:
			if _, ok := stmt.(*ast.ExprStmt); !ok || u.How != model.Inline {
				return no, false
			}
			c.waitStatement(b, stmt, expr, sig, g)
		default:
			return no, false
		}
	}
	// wg.Go(func() {…})
	for _, u := range tasks {
		_, expr, _ := c.m.CallSyntax(u.Instr.(ssa.CallInstruction))
		lit, ok := expr.Args[0].(*ast.FuncLit)
		if !ok {
			return no, false
		}
		b.GoAsTask(expr.Pos(), expr.End(), lit, g, contextPkg)
	}
	// go func() { defer wg.Done(); … }()
	for s, stmts := range dones {
		goCur, ok := c.m.Syntax(s.Pos())
		if !ok {
			return no, false
		}
		goStmt, ok := goCur.Node().(*ast.GoStmt)
		if !ok || len(goStmt.Call.Args) > 0 {
			return no, false
		}
		lit, ok := goStmt.Call.Fun.(*ast.FuncLit)
		if !ok {
			return no, false
		}
		for _, s := range stmts {
			if !contains(lit.Body.List, s) {
				return no, false // Done nested in the body: not a plain task
			}
		}
		b.GoAsTask(goStmt.Pos(), goStmt.Call.End(), lit, g, contextPkg, stmts...)
	}
	return b.Fix(fmt.Sprintf("Rewrite the %s fan-out onto task.Group", o.Name)), true
}

// declaration returns the statement that declares o's variable alone:
// var wg sync.WaitGroup, wg := sync.WaitGroup{}, wg := new(sync.WaitGroup).
func (c *checker) declaration(o *model.Object) (ast.Stmt, bool) {
	cur, ok := c.m.Syntax(o.Pos())
	if !ok {
		return nil, false
	}
	for s := range cur.Enclosing((*ast.DeclStmt)(nil), (*ast.AssignStmt)(nil)) {
		switch stmt := s.Node().(type) {
		case *ast.DeclStmt:
			gd := stmt.Decl.(*ast.GenDecl)
			if len(gd.Specs) == 1 && len(gd.Specs[0].(*ast.ValueSpec).Names) == 1 {
				return stmt, true
			}
		case *ast.AssignStmt:
			if len(stmt.Lhs) == 1 {
				return stmt, true
			}
		}
		return nil, false
	}
	return nil, false
}

// waitStatement replaces the statement wg.Wait() with a Wait of group g:
// its error returned when the function, of signature sig, returns one.
func (c *checker) waitStatement(b *fix.Builder, stmt ast.Stmt, wait *ast.CallExpr, sig *types.Signature, g string) {
	if sig.Results().Len() == 0 || !isError(sig.Results().At(sig.Results().Len()-1).Type()) {
		b.Replace(wait.Pos(), wait.End(), g+".Wait()")
		return
	}
	var results []string
	for i := 0; i < sig.Results().Len()-1; i++ {
		z, ok := b.ZeroValue(sig.Results().At(i).Type())
		if !ok {
			b.Replace(wait.Pos(), wait.End(), g+".Wait()")
			return
		}
		results = append(results, z)
	}
	errName := fix.FreshName(c.m.Pass.TypesInfo.Scopes[b.File].Innermost(stmt.Pos()), stmt.Pos(), "err")
	results = append(results, errName)
	indent := b.Indent(stmt.Pos())
	b.Replace(stmt.Pos(), stmt.End(), fmt.Sprintf("if %s := %s.Wait(); %s != nil {\n%s\treturn %s\n%s}",
		errName, g, errName, indent, strings.Join(results, ", "), indent))
}

func contains(stmts []ast.Stmt, s ast.Stmt) bool {
	for _, x := range stmts {
		if x == s {
			return true
		}
	}
	return false
}
