package ctxmissing

import (
	"fmt"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/structlint/structlint/internal/model"
	"github.com/structlint/structlint/internal/report"
)

// A fanOut is a loop starting tasks that its function then waits for: go
// statements marked Done on a WaitGroup, or Go calls of a WaitGroup,
// errgroup.Group or task.Group, followed by Wait.
type fanOut struct {
	site ssa.Instruction // the go statement or Go call
	task *ssa.Function
	// limited: the tasks take turns, by the group's SetLimit or a
	// semaphore channel the loop sends on and each task receives from.
	limited bool
}

// fanOuts returns the fan-outs of the package.
func fanOuts(m *model.Model) []fanOut {
	var outs []fanOut
	for _, s := range m.Spawns {
		if s.InLoop && s.Body != nil && joined(m, s) {
			outs = append(outs, fanOut{s.Go, s.Body, semaphore(m, s)})
		}
	}
	for _, o := range m.Objects {
		if o.Kind == model.Chan || !waited(o) {
			continue
		}
		limited := slices.ContainsFunc(o.Uses, func(u *model.Use) bool { return u.Op == model.Limit })
		for _, u := range o.Uses {
			if u.Op != model.Go || u.How != model.Inline || u.Instr != u.Site || !m.InLoop(u.Instr) {
				continue
			}
			args := u.Instr.(ssa.CallInstruction).Common().Args
			if task := function(args[len(args)-1]); task != nil {
				outs = append(outs, fanOut{u.Instr, task, limited})
			}
		}
	}
	return outs
}

// semaphore reports whether the goroutines of a go statement take turns
// through a channel: the spawner sends on it in the loop, each goroutine
// receives from it.
func semaphore(m *model.Model, s *model.Spawn) bool {
	for _, o := range m.Objects {
		if o.Kind != model.Chan || o.Fn != s.Parent {
			continue
		}
		sends := slices.ContainsFunc(o.Uses, func(u *model.Use) bool {
			return u.Op == model.Send && u.How == model.Inline && m.InLoop(u.Instr)
		})
		if sends && slices.ContainsFunc(o.Uses, func(u *model.Use) bool { return u.Op == model.Recv && u.Spawn == s }) {
			return true
		}
	}
	return false
}

// reportFanOuts reports the anti-pattern the asyncio and trio authors warn
// about: the tasks of a fan-out each get their own deadline, while the
// fan-out as a whole has none. Each task is bounded, but when they take
// turns the wait for all of them is not: n tasks, k at a time, take up to
// n/k rounds of deadlines. One deadline over the group bounds the whole.
// (When all tasks run at once, their own deadlines bound the whole too.)
func reportFanOuts(pass *analysis.Pass, m *model.Model, r *report.Reporter, skip *skip, outs []fanOut, fixed map[*ssa.Function]bool) {
	for _, out := range outs {
		call, whole := ownDeadline(m, out.task)
		if call == nil || !out.limited || skip.skipped(out.site) {
			continue
		}
		_, expr, ok := m.CallSyntax(call)
		if !ok {
			continue
		}
		origin, _ := describe(m, whole)
		d := analysis.Diagnostic{
			Pos: expr.Pos(),
			End: expr.End(),
			Message: fmt.Sprintf("each task started at line %d gets its own deadline here, but the tasks take turns and the fan-out has no deadline as a whole: its context comes from %s; put one deadline over the group (task.Timeout)",
				m.Line(out.site.Pos()), origin),
		}
		spawner := out.site.Parent()
		if !fixed[spawner] {
			if f, ok := fanOutFix(pass, m, whole, spawner); ok {
				d.SuggestedFixes = []analysis.SuggestedFix{f}
				fixed[spawner] = true
			}
		}
		r.Report(d)
	}
}

// joined reports whether the goroutines of a go statement are waited for:
// each marks a WaitGroup done that its spawner waits on.
func joined(m *model.Model, s *model.Spawn) bool {
	for _, o := range m.Objects {
		if o.Fn != s.Parent || !waited(o) {
			continue
		}
		for _, u := range o.Uses {
			if u.Spawn == s && u.Op == model.Done {
				return true
			}
		}
	}
	return false
}

// waited reports whether the function that made o waits on it.
func waited(o *model.Object) bool {
	for _, u := range o.Uses {
		if u.Op == model.Wait && u.How == model.Inline {
			return true
		}
	}
	return false
}

// function returns the function a func value is, if it is known.
func function(v ssa.Value) *ssa.Function {
	switch v := v.(type) {
	case *ssa.Function:
		return v
	case *ssa.MakeClosure:
		return v.Fn.(*ssa.Function)
	}
	return nil
}

// ownDeadline returns the call by which a task derives, for its own use,
// a deadline from the fan-out's context, which has none; and the verdict
// on that context.
func ownDeadline(m *model.Model, task *ssa.Function) (*ssa.Call, model.Ctx) {
	for _, b := range task.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(*ssa.Call)
			if !ok || !derivesDeadline(model.Callee(&call.Call)) || !used(call) {
				continue
			}
			c := m.Context(call.Call.Args[0])
			if c.Deadline == model.NoDeadline && !within(c.Origin.(ssa.Instruction).Parent(), task) {
				return call, c
			}
		}
	}
	return nil, model.Ctx{}
}

func derivesDeadline(fn *types.Func) bool {
	for _, name := range []string{"WithTimeout", "WithDeadline", "WithTimeoutCause", "WithDeadlineCause"} {
		if model.IsFunc(fn, "context", name) {
			return true
		}
	}
	return false
}

// used reports whether the context a call derives is used.
func used(call *ssa.Call) bool {
	for _, ref := range model.Refs(call) {
		if x, ok := ref.(*ssa.Extract); ok && x.Index == 0 && len(*x.Referrers()) > 0 {
			return true
		}
	}
	return false
}

// within reports whether fn is outer or a function literal inside it.
func within(fn, outer *ssa.Function) bool {
	for ; fn != nil; fn = fn.Parent() {
		if fn == outer {
			return true
		}
	}
	return false
}

// fanOutFix derives the deadline where the fan-out's context is made, in
// the function that waits for it:
//
//	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
//	defer cancel()
//	g, ctx := errgroup.WithContext(ctx)
func fanOutFix(pass *analysis.Pass, m *model.Model, whole model.Ctx, spawner *ssa.Function) (analysis.SuggestedFix, bool) {
	origin, ok := whole.Origin.(*ssa.Call)
	if !ok || origin.Parent() != spawner {
		return analysis.SuggestedFix{}, false
	}
	cur, expr, ok := m.CallSyntax(origin)
	if !ok || !isBackground(pass, expr) {
		return analysis.SuggestedFix{}, false
	}
	b, ok := withDeadline(pass, m, entry{cur, expr, expr}, nil)
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	return b.Fix(fmt.Sprintf("Give the fan-out one %v deadline", timeout)), true
}
