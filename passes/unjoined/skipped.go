package unjoined

import (
	"fmt"
	"go/ast"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/structlint/structlint/internal/fix"
	"github.com/structlint/structlint/internal/model"
)

// skippedWait reports group o, created and kept by its function, when the
// function starts work in it (Go, Add) and can return without waiting for
// it: Wait is skipped on an early return, or never called.
//
// A Wait made by another goroutine (go func() { wg.Wait(); close(done) }())
// counts as a join: the function waits on that goroutine instead.
func (c *checker) skippedWait(o *model.Object) {
	var start *model.Use
	var costs model.Costs
	waits := 0
	for _, u := range o.Uses {
		switch {
		case u.Op == model.Wait && u.How == model.Spawned:
			return // joined elsewhere
		case u.Op == model.Wait:
			if u.How == model.Deferred && start != nil && model.Dominates(u.Site, start.Site) {
				return
			}
			costs.Add(u, model.Never)
			waits++
		case (u.Op == model.Go || u.Op == model.Add) && u.How == model.Inline && start == nil:
			start = u
		}
	}
	if start == nil {
		return
	}
	for _, u := range o.Uses {
		if u.Op == model.Wait && u.Site == start.Site {
			return // a function it is passed to adds and waits itself
		}
	}
	for _, u := range o.Uses {
		if u.Op == model.Wait && u.How == model.Deferred && model.Dominates(u.Site, start.Site) {
			return
		}
	}
	p := model.CheapestReturn(start.Site, &costs)
	if p == nil {
		return
	}
	name := o.Name
	if name == "" {
		name = "the group"
	}
	verb := name + ".Go starts tasks"
	if start.Op == model.Add {
		verb = name + ".Add counts goroutines"
	}
	var msg string
	if waits == 0 {
		msg = fmt.Sprintf("%s that nothing waits for: %s never calls %s.Wait", verb, model.FuncLabel(o.Fn), name)
	} else {
		msg = fmt.Sprintf("%s that %s does not wait for when it %s: call %s.Wait first", verb, model.FuncLabel(o.Fn), c.m.ReturnsAt(p), name)
	}
	_, call, ok := c.m.CallSyntax(start.Site.(ssa.CallInstruction))
	if !ok {
		return
	}
	d := analysis.Diagnostic{Pos: call.Pos(), End: call.End(), Message: msg}
	if f, ok := c.waitBeforeReturnFix(o, name, p); ok && waits > 0 {
		d.SuggestedFixes = []analysis.SuggestedFix{f}
	}
	c.r.Report(d)
}

// waitBeforeReturnFix waits for group o right before the return statement
// that ends path p: wg.Wait() for a WaitGroup; for an errgroup or
// task.Group, _ = g.Wait(), since the return carries its own error.
func (c *checker) waitBeforeReturnFix(o *model.Object, name string, p *model.Path) (analysis.SuggestedFix, bool) {
	pos := p.Return.Pos()
	if !pos.IsValid() || o.Name == "" {
		return analysis.SuggestedFix{}, false
	}
	cur, ok := c.m.Syntax(pos)
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	ret, ok := cur.Node().(*ast.ReturnStmt)
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	switch cur.Parent().Node().(type) {
	case *ast.BlockStmt, *ast.CaseClause, *ast.CommClause:
	default:
		return analysis.SuggestedFix{}, false
	}
	b := fix.NewBuilder(c.m.Pass, ret.Pos())
	wait := name + ".Wait()"
	if o.Kind != model.WaitGroup && o.Kind != model.ConcWaitGroup {
		wait = "_ = " + wait
	}
	b.Insert(ret.Pos(), fmt.Sprintf("%s\n%s", wait, b.Indent(ret.Pos())))
	return b.Fix(fmt.Sprintf("Wait for %s before returning", name)), true
}
