package leakedgo

import (
	"fmt"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/structlint/structlint/internal/model"
)

// neverReturns reports goroutine s when it can never return: every path of
// its body loops forever or blocks forever, so nothing can stop it. A
// goroutine that lives as long as the process (started by main, an init
// function, a sync.Once, or package runtime, whose goroutines are the
// process's own) or as long as its spawner (one that never returns either)
// is left alone, and so are tests, which park goroutines on purpose.
func (c *checker) neverReturns(s *model.Spawn) {
	body := s.Body
	if body == nil || body.Blocks == nil || processLifetime(s) || c.m.InTest(s.Start) || s.Parent.Pkg.Pkg.Path() == "runtime" {
		return
	}
	why, ok := c.endless(body)
	if !ok {
		return
	}
	if model.CheapestReturn(s.Start, &model.Costs{}) == nil {
		return // the spawner never returns either
	}
	c.report(s, analysis.Diagnostic{Message: fmt.Sprintf(
		"goroutine never returns: %s, so nothing can stop it; give it a context or a stop channel and return when it is done", why)})
}

// endless reports whether fn can never return, and why: no return is
// reachable from its entry once the exits of loops that can never end are
// removed (a range over a time.Ticker's channel, which is never closed).
func (c *checker) endless(fn *ssa.Function) (string, bool) {
	blocked := make(map[model.Edge]bool)
	var tickerRange ssa.Instruction
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			recv, ok := instr.(*ssa.UnOp)
			if !ok || !recv.CommaOk || b.Comment != "rangechan.loop" || !neverClosed(recv.X) {
				continue
			}
			if ifInstr, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If); ok {
				blocked[model.Edge{From: b, To: ifInstr.Block().Succs[1]}] = true
				tickerRange = recv
			}
		}
	}
	seen := map[*ssa.BasicBlock]bool{fn.Blocks[0]: true}
	stack := []*ssa.BasicBlock{fn.Blocks[0]}
	var loop, emptySelect ssa.Instruction
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		last := b.Instrs[len(b.Instrs)-1]
		if _, ok := last.(*ssa.Return); ok {
			return "", false
		}
		for _, instr := range b.Instrs {
			if sel, ok := instr.(*ssa.Select); ok && sel.Blocking && len(sel.States) == 0 {
				emptySelect = sel
			}
			if loop == nil && instr.Pos().IsValid() && c.m.InLoop(instr) {
				loop = instr
			}
		}
		for _, s := range b.Succs {
			if !seen[s] && !blocked[model.Edge{From: b, To: s}] {
				seen[s] = true
				stack = append(stack, s)
			}
		}
	}
	switch {
	case tickerRange != nil:
		return fmt.Sprintf("its range over a ticker's channel (line %d) never ends, as a Ticker's channel is never closed", c.m.Line(tickerRange.Pos())), true
	case emptySelect != nil:
		return fmt.Sprintf("it blocks forever in select {} (line %d)", c.m.Line(emptySelect.Pos())), true
	case loop != nil:
		return fmt.Sprintf("its loop (line %d) has no way out", c.m.Line(loop.Pos())), true
	}
	return "", false // it only panics or exits
}

// neverClosed reports whether channel v is one nobody ever closes: the C of
// a time.Ticker, or time.Tick's.
func neverClosed(v ssa.Value) bool {
	if load, ok := v.(*ssa.UnOp); ok {
		if fa, ok := load.X.(*ssa.FieldAddr); ok {
			if named, ok := types.Unalias(fa.X.Type().(*types.Pointer).Elem()).(*types.Named); ok {
				obj := named.Obj()
				return obj.Pkg() != nil && obj.Pkg().Path() == "time" && obj.Name() == "Ticker"
			}
		}
	}
	if call, ok := v.(*ssa.Call); ok {
		return model.IsFunc(model.Callee(&call.Call), "time", "Tick")
	}
	return false
}

// processLifetime reports whether s is started where a goroutine is meant
// to live as long as the process: in package main (a command's own
// goroutines), an init function, or a function run by a sync.Once.
func processLifetime(s *model.Spawn) bool {
	if s.Parent.Pkg.Pkg.Name() == "main" {
		return true
	}
	fn := s.Parent
	for ; fn.Parent() != nil; fn = fn.Parent() {
		if runByOnce(fn) {
			return true
		}
	}
	if fn.Name() == "init" || isInitN(fn) {
		return true
	}
	return runByOnce(fn)
}

// isInitN reports whether fn is an init function, which go/ssa names
// init#1, init#2 and so on.
func isInitN(fn *ssa.Function) bool {
	return fn.Signature.Recv() == nil && len(fn.Name()) > 5 && fn.Name()[:5] == "init#"
}

// runByOnce reports whether fn is passed to sync.Once.Do, sync.OnceFunc,
// sync.OnceValue or sync.OnceValues.
func runByOnce(fn *ssa.Function) bool {
	refs := fn.Referrers()
	if refs == nil {
		return false
	}
	for _, r := range *refs {
		if mc, ok := r.(*ssa.MakeClosure); ok {
			for _, rr := range *mc.Referrers() {
				if onceCall(rr) {
					return true
				}
			}
		} else if onceCall(r) {
			return true
		}
	}
	return false
}

func onceCall(instr ssa.Instruction) bool {
	call, ok := instr.(ssa.CallInstruction)
	if !ok {
		return false
	}
	fn := model.Callee(call.Common())
	return model.IsFunc(fn, "sync", "Once.Do") || model.IsFunc(fn, "sync", "OnceFunc") ||
		model.IsFunc(fn, "sync", "OnceValue") || model.IsFunc(fn, "sync", "OnceValues")
}

// unjoined reports goroutine s, in strict mode, when its spawner can
// return without waiting for it to finish: trio's rule that a goroutine's
// lifetime should be a visible scope. A goroutine counts as joined when it
// signals (Done, send, close) an object its spawner waits on (Wait,
// receive, range) on every path to return, or signals a struct field that
// some method of the package waits on (started in New or Start, joined in
// Close or Stop).
func (c *checker) unjoined(s *model.Spawn) {
	if processLifetime(s) {
		return
	}
	p := c.unjoinedPath(s)
	if p == nil {
		return
	}
	d := analysis.Diagnostic{Message: fmt.Sprintf("goroutine is not joined: nothing waits for it to finish when %s %s", model.FuncLabel(s.Parent), c.m.ReturnsAt(p))}
	if f, ok := c.groupFix(s, nil, false); ok {
		d.SuggestedFixes = []analysis.SuggestedFix{f}
	}
	c.report(s, d)
}

// unjoinedPath returns a path on which the spawner of s returns without
// waiting for the goroutine to finish, or nil if it always waits (or a
// struct owner or an enclosing function does).
func (c *checker) unjoinedPath(s *model.Spawn) *model.Path {
	if c.joinedByOwner(s) {
		return nil
	}
	var costs model.Costs
	for _, o := range c.m.Objects {
		if !o.SignalledBy(s) {
			continue
		}
		if o.Fn != s.Parent {
			return nil // joined by the function around the spawner's
		}
		for _, u := range o.Uses {
			if u.How == model.Spawned || !(u.Op == model.Wait || u.Op == model.Recv || u.Op == model.Range) {
				continue
			}
			if u.How == model.Deferred && model.Dominates(u.Site, s.Start) {
				return nil
			}
			costs.Add(u, model.Never)
		}
	}
	return model.CheapestReturn(s.Start, &costs)
}

// joinedByOwner reports whether goroutine s signals a struct field that a
// function it does not run waits on.
func (c *checker) joinedByOwner(s *model.Spawn) bool {
	runs := c.m.Runs(s)
	for fn := range runs {
		for _, fu := range c.m.FieldUsesIn(fn) {
			if fu.Op != model.Done && fu.Op != model.Send && fu.Op != model.Close {
				continue
			}
			for _, w := range c.m.FieldUses(fu.Field) {
				if (w.Op == model.Wait || w.Op == model.Recv || w.Op == model.Range) && !runs[w.Instr.Parent()] {
					return true
				}
			}
		}
	}
	return false
}
