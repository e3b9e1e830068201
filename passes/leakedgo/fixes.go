package leakedgo

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/ssa"

	"github.com/structlint/structlint/internal/fix"
	"github.com/structlint/structlint/internal/model"
)

// makeCall returns the make(chan T[, n]) call that creates channel o.
func (c *checker) makeCall(o *model.Object) (*ast.CallExpr, bool) {
	cur, ok := c.m.Syntax(o.Value.Pos())
	if !ok {
		return nil, false
	}
	call, ok := cur.Node().(*ast.CallExpr)
	return call, ok
}

// bufferFix gives channel o a buffer of n (Go source): make(chan T) becomes
// make(chan T, n), and a literal capacity is replaced.
func (c *checker) bufferFix(o *model.Object, n, message string) (analysis.SuggestedFix, bool) {
	call, ok := c.makeCall(o)
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	b := fix.NewBuilder(c.m.Pass, call.Pos())
	switch len(call.Args) {
	case 1:
		b.Insert(call.Args[0].End(), ", "+n)
	case 2:
		if _, ok := call.Args[1].(*ast.BasicLit); !ok {
			return analysis.SuggestedFix{}, false
		}
		b.Replace(call.Args[1].Pos(), call.Args[1].End(), n)
	default:
		return analysis.SuggestedFix{}, false
	}
	return b.Fix(message), true
}

// loopCount returns Go source for the number of times the loop around go
// statement s runs, when it is a range over a slice, array, map, string or
// integer named by a variable that is already in scope where the channel
// is made: len(urls), or n.
func (c *checker) loopCount(o *model.Object, s *model.Spawn) (string, bool) {
	cur, ok := c.m.Syntax(s.Pos())
	if !ok {
		return "", false
	}
	for l := range cur.Enclosing((*ast.RangeStmt)(nil), (*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		rng, ok := l.Node().(*ast.RangeStmt)
		if !ok {
			return "", false
		}
		info := c.m.Pass.TypesInfo
		id, ok := ast.Unparen(rng.X).(*ast.Ident)
		if !ok {
			return "", false
		}
		obj, ok := info.Uses[id].(*types.Var)
		if !ok || !visibleAt(obj, o.Pos()) {
			return "", false
		}
		switch t := obj.Type().Underlying().(type) {
		case *types.Basic:
			if t.Info()&types.IsInteger != 0 {
				return id.Name, true
			}
			if t.Info()&types.IsString == 0 {
				return "", false
			}
		case *types.Slice, *types.Array, *types.Map:
		case *types.Pointer:
			if _, ok := t.Elem().Underlying().(*types.Array); !ok {
				return "", false
			}
		default:
			return "", false
		}
		return fmt.Sprintf("len(%s)", id.Name), true
	}
	return "", false
}

// visibleAt reports whether obj, a local variable or parameter, can be
// named at pos: it is declared before pos, in a scope that holds pos.
func visibleAt(obj *types.Var, pos token.Pos) bool {
	s := obj.Parent()
	return obj.Pos().IsValid() && obj.Pos() < pos && s != nil && s.Pos() <= pos && pos <= s.End()
}

// deferCloseFix closes o when its creator returns: `defer close(ch)` right
// after the statement that makes it. It is safe only when every send on o
// is the creator's own, made before it returns, nothing closes o yet, and
// the creator waits on nothing else (the goroutine might be what it waits
// for, and the close would come too late).
func (c *checker) deferCloseFix(o *model.Object, us *uses) (analysis.SuggestedFix, bool) {
	if len(us.ownCloses) > 0 || len(us.sends) > 0 || us.otherSends || o.Name == "" {
		return analysis.SuggestedFix{}, false
	}
	for _, other := range c.m.Objects {
		for _, u := range other.Uses {
			if other != o && u.How == model.Inline && u.Site.Parent() == o.Fn && u.Blocking() {
				return analysis.SuggestedFix{}, false
			}
		}
	}
	for _, u := range us.ownSends {
		if u.How != model.Inline {
			return analysis.SuggestedFix{}, false
		}
	}
	call, ok := c.makeCall(o)
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	cur, _ := c.m.Syntax(call.Pos())
	var stmt ast.Stmt
	for s := range cur.Enclosing((*ast.AssignStmt)(nil), (*ast.DeclStmt)(nil)) {
		stmt = s.Node().(ast.Stmt)
		break
	}
	if stmt == nil {
		return analysis.SuggestedFix{}, false
	}
	b := fix.NewBuilder(c.m.Pass, stmt.Pos())
	b.Insert(b.LineEnd(stmt.End()), fmt.Sprintf("\n%sdefer close(%s)", b.Indent(stmt.Pos()), o.Name))
	return b.Fix(fmt.Sprintf("Close %s when %s returns", o.Name, model.FuncLabel(o.Fn))), true
}

// stoppedLater reports whether goroutine s may wait for something its
// spawner does only once it has returned: it waits on a channel the
// spawner signals from a function it returns or hands on (a stop
// function, a t.Cleanup), or after the channel escapes; or it shares a
// variable with such a function (a stop flag). Joined at the spawner's
// return, s would wait forever.
func (c *checker) stoppedLater(s *model.Spawn) bool {
	if sharesWithHandedOut(s) {
		return true
	}
	for _, o := range c.m.Objects {
		if o.Kind != model.Chan || !slices.ContainsFunc(o.Uses, func(u *model.Use) bool {
			return u.Spawn == s && (u.Op == model.Recv || u.Op == model.Range)
		}) {
			continue
		}
		if o.Escape != nil || slices.ContainsFunc(o.Uses, func(u *model.Use) bool {
			return (u.Op == model.Send || u.Op == model.Close) && u.How != model.Spawned && u.Site.Parent() != o.Fn
		}) {
			return true
		}
	}
	return false
}

// sharesWithHandedOut reports whether goroutine s, a function literal,
// shares a variable (not a copied value) with another literal of its
// spawner, one that is not simply called there but handed on or returned.
func sharesWithHandedOut(s *model.Spawn) bool {
	if s.Go == nil {
		return false
	}
	own, ok := s.Go.Call.Value.(*ssa.MakeClosure)
	if !ok {
		return false
	}
	for _, instr := range model.Instrs(s.Parent) {
		mc, ok := instr.(*ssa.MakeClosure)
		if !ok || mc == own || calledOnly(mc) {
			continue
		}
		for _, b := range mc.Bindings {
			if _, cell := b.(*ssa.Alloc); cell && slices.Contains(own.Bindings, b) {
				return true // a variable both can change or read: a flag, a lock
			}
		}
	}
	return false
}

// calledOnly reports whether the closure mc is only called, or deferred,
// where it is made.
func calledOnly(mc *ssa.MakeClosure) bool {
	for _, ref := range model.Refs(mc) {
		call, ok := ref.(ssa.CallInstruction)
		if !ok || call.Common().Value != mc {
			return false
		}
	}
	return true
}

// groupFix runs goroutine s in a task.Group scoped to its spawner: a group
// made at statement at (before it, or after it and its line's comment;
// at the top of the spawner's body when at is nil), joined by a deferred
// Wait at every return, and the go statement turned into a task:
//
//	g := task.NewGroup(ctx)
//	defer g.Wait()
//	…
//	g.Go(func(context.Context) error {
//		…
//		return nil
//	})
//
// Deferred calls run last in, first out: the Wait comes after the
// deferred calls that follow it, before those that precede it. The group
// takes the spawner's context parameter, or context.Background. It is
// offered for go statements of a function literal without parameters,
// whose body moves into the task unchanged but for its returns.
func (c *checker) groupFix(s *model.Spawn, at ast.Stmt, before bool) (analysis.SuggestedFix, bool) {
	cur, ok := c.m.Syntax(s.Pos())
	if !ok || c.stoppedLater(s) {
		return analysis.SuggestedFix{}, false
	}
	goStmt, ok := cur.Node().(*ast.GoStmt)
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	lit, ok := goStmt.Call.Fun.(*ast.FuncLit)
	if !ok || len(goStmt.Call.Args) > 0 || lit.Type.Params.NumFields() > 0 {
		return analysis.SuggestedFix{}, false
	}
	ft, body := fix.EnclosingFunc(cur.Parent())
	if body == nil {
		return analysis.SuggestedFix{}, false
	}
	b := fix.NewBuilder(c.m.Pass, s.Pos())
	pos := body.Lbrace + 1
	switch {
	case at != nil && before:
		pos = at.Pos()
	case at != nil:
		pos = b.LineEnd(at.End())
	}
	taskPkg := b.Import(model.TaskPath, pos)
	contextPkg := b.Import("context", pos)
	g := fix.FreshName(c.m, c.m.Pass.TypesInfo.Scopes[b.File].Innermost(pos), pos, "g", s.Pos())
	indent := b.Indent(body.Pos()) + "\t"
	if len(body.List) > 0 {
		indent = b.Indent(body.List[0].Pos())
	}
	group := fmt.Sprintf("%s := %s.NewGroup(%s)\n%sdefer %s.Wait()", g, taskPkg, b.ContextExpr(ft, contextPkg), indent, g)
	switch {
	case before:
		b.Insert(pos, group+"\n"+indent)
	case at == nil && len(body.List) == 0:
		b.Insert(pos, "\n"+indent+group+"\n")
	default:
		b.Insert(pos, "\n"+indent+group)
	}
	b.GoAsTask(goStmt.Pos(), goStmt.Call.End(), lit, g, contextPkg)
	return b.Fix(fmt.Sprintf("Run the goroutine in a task.Group that %s joins before returning", model.FuncLabel(s.Parent))), true
}

// releaseFix runs goroutine s, which outlives release r of its spawner, in
// a task.Group (see groupFix) joined after r: a file closed or a context
// cancelled is what stops such a goroutine, so Wait comes after it, and a
// spawner that returned at once on cancellation still does. It is offered
// only when the goroutine returns once r happens (endsOnRelease); else
// joining it could block the spawner for as long as the goroutine runs.
// A goroutine that touches what a deferred Unlock guards is joined
// before the Unlock, while the spawner still holds the lock for it.
func (c *checker) releaseFix(s *model.Spawn, r *release) (analysis.SuggestedFix, bool) {
	stmt, ok := c.deferBefore(r, s)
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	if r.kind == unlocks {
		if !c.finishesAlone(s) {
			return analysis.SuggestedFix{}, false // joined under the lock, it might wait for the lock's next holder
		}
		return c.groupFix(s, stmt, false)
	}
	if !c.endsOnRelease(s, r) {
		return analysis.SuggestedFix{}, false
	}
	return c.groupFix(s, stmt, true)
}

// deferStopFix defers the first of stoppers (w.Stop()) right after the
// statement at cur, a call of method on recv, in fn:
//
//	w.Start()
//	defer w.Stop()
//
// It is not offered beside a stop fn makes already on some path (stops of
// them, or a call of a method of the package that makes one: a second
// stop closes a closed channel), when the stopper needs arguments only
// the caller knows (Close(ctx, err)), or when the call ends its function
// (see endsFunction).
func (c *checker) deferStopFix(cur inspector.Cursor, fn *ssa.Function, recv model.Access, method *types.Func, stoppers []string, stops int) (analysis.SuggestedFix, bool) {
	stmt, ok := cur.Parent().Node().(*ast.ExprStmt)
	if !ok || stops > 0 || !takesNothing(method, stoppers[0]) || c.stopsThroughOthers(fn, recv, stoppers) || endsFunction(cur.Parent()) {
		return analysis.SuggestedFix{}, false
	}
	sel := cur.Node().(*ast.CallExpr).Fun.(*ast.SelectorExpr) // as unstopped found it
	stopper := types.ExprString(sel.X) + "." + stoppers[0]
	b := fix.NewBuilder(c.m.Pass, stmt.Pos())
	b.Insert(b.LineEnd(stmt.End()), fmt.Sprintf("\n%sdefer %s()", b.Indent(stmt.Pos()), stopper))
	return b.Fix(fmt.Sprintf("Call %s when %s returns", stopper, model.FuncLabel(fn))), true
}

// takesNothing reports whether the method name of method's receiver type
// has no parameters, so that the fix can defer a call of it: a Close(ctx,
// err) needs arguments only its caller knows.
func takesNothing(method *types.Func, name string) bool {
	obj, _, _ := types.LookupFieldOrMethod(method.Signature().Recv().Type(), true, method.Pkg(), name)
	fn, ok := obj.(*types.Func)
	return ok && fn.Signature().Params().Len() == 0
}
