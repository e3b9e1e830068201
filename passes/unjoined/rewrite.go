package unjoined

import (
	"fmt"
	"go/ast"
	"go/token"
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
	var uses []token.Pos // where g will stand: the group's uses, the go statements
	for _, u := range o.Uses {
		uses = append(uses, u.Site.Pos())
	}
	g := fix.FreshName(c.m, c.m.Pass.TypesInfo.Scopes[b.File].Innermost(decl.Pos()), decl.Pos(), "g", uses...)
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
// var wg sync.WaitGroup, wg := sync.WaitGroup{}, wg := new(sync.WaitGroup),
// or o's and its context's: g, ctx := errgroup.WithContext(ctx).
func (c *checker) declaration(o *model.Object) (ast.Stmt, bool) {
	pos := o.Pos()
	if e, ok := o.Value.(*ssa.Extract); ok {
		pos = e.Tuple.Pos()
	}
	cur, ok := c.m.Syntax(pos)
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
			_, withContext := o.Value.(*ssa.Extract)
			if len(stmt.Lhs) == 1 || withContext && len(stmt.Lhs) == 2 {
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
	if !model.ReturnsError(sig) {
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
	errName := fix.FreshName(c.m, c.m.Pass.TypesInfo.Scopes[b.File].Innermost(stmt.Pos()), stmt.Pos(), "err")
	results = append(results, errName)
	indent := b.Indent(stmt.Pos())
	b.Replace(stmt.Pos(), stmt.End(), fmt.Sprintf("if %s := %s.Wait(); %s != nil {\n%s\treturn %s\n%s}",
		errName, g, errName, indent, strings.Join(results, ", "), indent))
}

// rewriteFix rewrites the fan-out of group o onto a task.Group, and applies
// with it the edits of also, the finding's own fix, so that the rewrite
// resolves the finding too.
func (c *checker) rewriteFix(o *model.Object, also ...analysis.SuggestedFix) (analysis.SuggestedFix, bool) {
	var f analysis.SuggestedFix
	var ok bool
	switch o.Kind {
	case model.WaitGroup:
		f, ok = c.taskGroupFix(o)
	case model.ErrGroup:
		f, ok = c.errgroupFix(o)
	}
	if !ok {
		return f, false
	}
	for _, a := range also {
		f.TextEdits = append(f.TextEdits, a.TextEdits...)
	}
	return f, true
}

// errgroupFix rewrites errgroup o onto a task.Group:
//
//	g, ctx := errgroup.WithContext(ctx)       g := task.NewGroup(ctx)
//	g.Go(func() error {                  →    g.Go(func(ctx context.Context) error {
//		return fetch(ctx, url)                    return fetch(ctx, url)
//	})                                        })
//
// The tasks get the group's context as their parameter, named as the
// group's context was; Go, TryGo, SetLimit and Wait keep their calls. A
// panic in a task reaches Wait's caller, and Wait returns every failure,
// not only the first. It is offered when the group's context is used
// only by the tasks, and every task is a function literal.
func (c *checker) errgroupFix(o *model.Object) (analysis.SuggestedFix, bool) {
	no := analysis.SuggestedFix{}
	if o.Kind != model.ErrGroup || o.Escape != nil || o.Name == "" {
		return no, false
	}
	decl, ok := c.declaration(o)
	if !ok {
		return no, false
	}
	cur, _ := c.m.Syntax(decl.Pos())
	ft, _ := fix.EnclosingFunc(cur)
	if ft == nil {
		return no, false
	}
	b := fix.NewBuilder(c.m.Pass, decl.Pos())
	taskPkg := b.Import(model.TaskPath, decl.Pos())
	contextPkg := b.Import("context", decl.Pos())

	// The context the group derives from, and the name of its own.
	parent, ctxName := b.ContextExpr(ft, contextPkg), ""
	var groupCtx types.Object
	if assign, ok := decl.(*ast.AssignStmt); ok && len(assign.Lhs) == 2 {
		call, ok := assign.Rhs[0].(*ast.CallExpr)
		id, isIdent := assign.Lhs[1].(*ast.Ident)
		if !ok || len(call.Args) != 1 || !isIdent {
			return no, false
		}
		parent = b.Source(call.Args[0])
		if id.Name != "_" {
			ctxName, groupCtx = id.Name, c.m.Pass.TypesInfo.ObjectOf(id)
		}
	}
	b.Replace(decl.Pos(), decl.End(), fmt.Sprintf("%s := %s.NewGroup(%s)", o.Name, taskPkg, parent))
	b.ForgetImport(model.ErrGroupPath, decl)

	var lits []*ast.FuncLit
	for _, u := range o.Uses {
		if u.Op != model.Go {
			continue
		}
		_, expr, ok := c.m.CallSyntax(u.Instr.(ssa.CallInstruction))
		if !ok || len(expr.Args) != 1 {
			return no, false
		}
		lit, ok := expr.Args[0].(*ast.FuncLit)
		if !ok || lit.Type.Params.NumFields() > 0 {
			return no, false
		}
		lits = append(lits, lit)
		param := contextPkg + ".Context"
		if ctxName != "" {
			param = ctxName + " " + param
		}
		b.Replace(lit.Type.Params.Opening+1, lit.Type.Params.Closing, param)
	}
	// The group's context must not be used after the declaration outside
	// the tasks, where it would now be the parent's.
	if groupCtx != nil {
		_, body := fix.EnclosingFunc(cur)
		outside := false
		ast.Inspect(body, func(n ast.Node) bool {
			if lit, ok := n.(*ast.FuncLit); ok && contains(lits, lit) {
				return false
			}
			if id, ok := n.(*ast.Ident); ok && id.Pos() > decl.End() && c.m.Pass.TypesInfo.Uses[id] == groupCtx {
				outside = true
			}
			return !outside
		})
		if outside {
			return no, false
		}
	}
	return b.Fix(fmt.Sprintf("Rewrite the %s fan-out onto task.Group", o.Name)), true
}

func contains[T comparable](list []T, x T) bool {
	for _, y := range list {
		if y == x {
			return true
		}
	}
	return false
}
