package unjoined

import (
	"fmt"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/structlint/structlint/internal/fix"
	"github.com/structlint/structlint/internal/model"
)

// groupContext is the context of a group made by errgroup.WithContext or
// task.NewGroup, next to the context it derives from.
type groupContext struct {
	outer []model.Access // the context passed in, and the variables holding it
	group []model.Access // the group's context, and the variables holding it; nil for task.Group
	name  string         // the group context's variable name, if it has one
}

// contextOf returns the contexts of group o, or nil.
func (c *checker) contextOf(o *model.Object) *groupContext {
	var call *ssa.Call
	switch v := o.Value.(type) {
	case *ssa.Extract: // g, ctx := errgroup.WithContext(ctx)
		call = v.Tuple.(*ssa.Call)
	case *ssa.Call: // g := task.NewGroup(ctx)
		if o.Kind != model.TaskGroup {
			return nil
		}
		call = v
	default:
		return nil
	}
	gc := &groupContext{outer: c.holders(call.Call.Args[0])}
	if o.Kind == model.ErrGroup {
		for _, r := range model.Refs(call) {
			if e, ok := r.(*ssa.Extract); ok && e.Index == 1 {
				gc.group = c.holders(e)
				gc.name = c.m.VarName(e)
			}
		}
		for _, g := range gc.group {
			for _, out := range gc.outer {
				if g.Same(out) {
					return nil // g, ctx := errgroup.WithContext(ctx): one variable holds both
				}
			}
		}
	}
	return gc
}

// holders returns the Access of v and of the local variables v is stored in.
func (c *checker) holders(v ssa.Value) []model.Access {
	as := []model.Access{c.m.AccessOf(v)}
	for _, r := range model.Refs(v) {
		if st, ok := r.(*ssa.Store); ok && st.Val == v {
			if a, ok := st.Addr.(*ssa.Alloc); ok {
				as = append(as, model.Access{Root: a})
			}
		}
	}
	return as
}

// othersMayFail reports whether a task of group o other than the one
// started by use u (or another run of it, when u is in a loop) may fail:
// return an error other than nil, whereupon the group cancels its
// context. A task whose function is not known may; so may a group with
// other uses that can cancel it (a task group's Cancel).
func (c *checker) othersMayFail(o *model.Object, u *model.Use) bool {
	for _, v := range o.Uses {
		switch {
		case v.Op == model.Other:
			return true
		case v.Op != model.Go:
			continue
		case v == u && !c.repeats(o, u):
			continue
		}
		args := v.Instr.(ssa.CallInstruction).Common().Args
		if len(args) == 0 || mayFail(args[len(args)-1]) {
			return true
		}
	}
	return false
}

// repeats reports whether use u can run twice for one group o: its block
// lies on a cycle that does not pass where o is made (a group made in a
// loop, given one task each turn, has one task).
func (c *checker) repeats(o *model.Object, u *model.Use) bool {
	if !c.m.InLoop(u.Instr) {
		return false
	}
	made, ok := o.Value.(ssa.Instruction)
	if !ok || made.Parent() != u.Instr.Parent() {
		return true
	}
	from, skip := u.Instr.Block(), made.Block()
	if from == skip {
		return false // each turn into the block makes the group first
	}
	return model.ReachesAvoiding(from, from, skip)
}

// mayFail reports whether task, a function value, may return an error
// other than nil: it is not a known function, or one of its returns gives
// something but the constant nil.
func mayFail(task ssa.Value) bool {
	var fn *ssa.Function
	switch t := task.(type) {
	case *ssa.MakeClosure:
		fn = t.Fn.(*ssa.Function)
	case *ssa.Function:
		fn = t
	}
	if fn == nil || fn.Blocks == nil {
		return true
	}
	res := fn.Signature.Results()
	if res.Len() == 0 {
		return false
	}
	for _, b := range fn.Blocks {
		ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		if !ok || len(ret.Results) == 0 {
			continue
		}
		if !model.IsNil(ret.Results[len(ret.Results)-1]) {
			return true
		}
	}
	return false
}

func (c *checker) is(v ssa.Value, as []model.Access) bool {
	a := c.m.AccessOf(v)
	for _, x := range as {
		if a.Same(x) {
			return true
		}
	}
	return false
}

// outerContext reports a task of group o that passes the context the group
// derives from, instead of the group's own, to a call: when another task
// fails, the group cancels its context, and this task does not notice.
// The fix passes the group's context.
func (c *checker) outerContext(o *model.Object, gc *groupContext) {
	for _, u := range o.Uses {
		if u.Op != model.Go || u.How != model.Inline {
			continue
		}
		args := u.Instr.(ssa.CallInstruction).Common().Args
		mc, ok := args[len(args)-1].(*ssa.MakeClosure)
		if !ok {
			continue
		}
		task := mc.Fn.(*ssa.Function)
		if !c.othersMayFail(o, u) {
			continue // the group cancels its context only once Wait returns
		}
		groupName := gc.name
		if o.Kind == model.TaskGroup {
			if len(task.Params) == 0 || !declared(task.Params[0]) {
				continue // the task ignores its context: func(context.Context), or _
			}
			groupName = task.Params[0].Name()
		}
		for _, instr := range model.Instrs(task) {
			call, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue
			}
			for i, arg := range model.CallArgs(call.Common()) {
				if !model.IsContext(arg.Type()) || !c.is(arg, gc.outer) || !c.m.Observes(call, i) {
					continue // not the outer context, or the call does not observe its cancellation (log.G(ctx))
				}
				syntax := c.m.ArgSyntax(call, i)
				if syntax == nil {
					continue
				}
				d := analysis.Diagnostic{
					Pos: syntax.Pos(), End: syntax.End(),
					Message: fmt.Sprintf("task passes %s, not the group's context%s: when another task fails, the group cancels its context and this call goes on",
						types.ExprString(syntax), named(groupName)),
				}
				if groupName != "" {
					b := fix.NewBuilder(c.m.Pass, syntax.Pos())
					b.Replace(syntax.Pos(), syntax.End(), groupName)
					f := b.Fix("Pass the group's context " + groupName)
					d.SuggestedFixes = []analysis.SuggestedFix{f}
					if rw, ok := c.rewriteFix(o, f); ok {
						d.SuggestedFixes = append(d.SuggestedFixes, rw)
					}
				}
				c.r.Report(d)
			}
		}
	}
}

func named(name string) string {
	if name == "" {
		return ""
	}
	return " " + name
}

// contextAfterWait reports a use of an errgroup's context after the
// group's Wait has returned, when the context is always cancelled: the
// classic slip of g, ctx := errgroup.WithContext(ctx) followed by more work
// under ctx once the tasks are done.
func (c *checker) contextAfterWait(o *model.Object) {
	ext, ok := o.Value.(*ssa.Extract)
	if !ok {
		return // not made by errgroup.WithContext: no group context
	}
	call := ext.Tuple.(*ssa.Call)
	var group []model.Access
	for _, r := range model.Refs(call) {
		if e, ok := r.(*ssa.Extract); ok && e.Index == 1 {
			group = c.holders(e)
		}
	}
	var waits []ssa.Instruction
	for _, u := range o.Uses {
		if u.Op == model.Wait && u.How == model.Inline && u.Site.Parent() == o.Fn && !c.doneBefore(u.Site, group) {
			waits = append(waits, u.Site)
		}
	}
	if len(group) == 0 || len(waits) == 0 {
		return
	}
	for _, b := range o.Fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue
			}
			args := model.CallArgs(call.Common())
			if inspects(call) {
				continue
			}
			for i, arg := range args {
				if !model.IsContext(arg.Type()) || !c.is(arg, group) || !afterAll(waits, instr) {
					continue
				}
				if !c.m.Observes(call, i) {
					continue // cancelled or not, the same to the call (a logger's, a clock's)
				}
				what := "this call runs with a cancelled context"
				pos, end := call.Pos(), call.Pos()
				if _, expr, ok := c.m.CallSyntax(call); ok {
					pos, end = expr.Pos(), expr.End()
				}
				if call.Common().IsInvoke() && i == 0 {
					what = "it reports the cancellation, not a failure"
				}
				c.r.Report(analysis.Diagnostic{Pos: pos, End: end, Message: fmt.Sprintf(
					"%s is the group's context, cancelled once %s.Wait returns (line %d): %s",
					c.contextName(group, arg), o.Name, c.m.Line(waits[0].Pos()), what)})
				break
			}
		}
	}
}

// doneBefore reports whether the group's context is done already where
// instr runs: a receive from its Done channel (a select's case, or a
// plain receive) comes first on every path. A Wait there does not cancel
// the context; what cancelled it did, and its Err says so (case
// <-ctx.Done(): if err := g.Wait(); err != nil { return err }; return
// ctx.Err()).
func (c *checker) doneBefore(instr ssa.Instruction, group []model.Access) bool {
	done := func(ch ssa.Value) bool {
		ctx := model.DoneOf(ch)
		return ctx != nil && c.is(ctx, group)
	}
	for _, b := range instr.Parent().Blocks {
		for _, x := range b.Instrs {
			switch x := x.(type) {
			case *ssa.UnOp:
				if x.Op == token.ARROW && done(x.X) && model.Dominates(x, instr) {
					return true
				}
			case *ssa.Select:
				for i, st := range x.States {
					if st.Dir != types.RecvOnly || !done(st.Chan) {
						continue
					}
					if e, ok := model.CaseEdge(x, i); ok && e.To.Dominates(instr.Block()) {
						return true
					}
				}
			}
		}
	}
	return false
}

// inspects reports whether call looks at a context's state rather than
// doing work under it: ctx.Done(), context.Cause(ctx). Tests check a
// group's cancellation this way.
func inspects(call ssa.CallInstruction) bool {
	common := call.Common()
	if common.IsInvoke() {
		return common.Method.Name() == "Done"
	}
	fn := model.Callee(common)
	return model.IsFunc(fn, "context", "Cause")
}

// contextName names a group context for messages.
func (c *checker) contextName(group []model.Access, v ssa.Value) string {
	for _, g := range group {
		if a, ok := g.Root.(*ssa.Alloc); ok && a.Comment != "" {
			return a.Comment
		}
	}
	if name := c.m.VarName(group[0].Root); name != "" {
		return name
	}
	return "the context"
}

// afterAll reports whether instr can only run after one of waits: every
// path to it from the function's entry passes a wait.
func afterAll(waits []ssa.Instruction, instr ssa.Instruction) bool {
	for _, w := range waits {
		if model.Dominates(w, instr) {
			return true
		}
	}
	return false
}

// declared reports whether p has a name in the source: go/ssa names an
// unnamed parameter arg0, which the code cannot refer to.
func declared(p *ssa.Parameter) bool {
	v, ok := p.Object().(*types.Var)
	return ok && v.Name() != "" && v.Name() != "_"
}
