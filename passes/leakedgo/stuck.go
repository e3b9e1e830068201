package leakedgo

import (
	"fmt"
	"go/token"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/structlint/structlint/internal/model"
)

// neverReturns reports goroutine s when it can never return: every path of
// its body loops forever or stops at an operation nothing can ever release
// (or at a call of a function that never returns), so nothing can stop it;
// or when some path of its body reaches such an operation. Left alone are
// a goroutine that lives as long as the process (started by main, an init
// function, a sync.Once, or package runtime, whose goroutines are the
// process's own; one that handles the process's signals; a loop started
// by a function that has nothing of its callers' to serve, see
// model.ServesPackage), one that lives as long as its spawner (one that
// never returns either), and tests, which park goroutines on purpose.
func (c *checker) neverReturns(s *model.Spawn) {
	body := s.Body
	if body == nil || body.Blocks == nil || c.exempt(s.Parent) || c.m.InTest(s.Start) {
		return
	}
	if e := c.m.NeverReturns(body); e != nil {
		if c.m.ServesSignals(body) {
			return // a signal handler lives as long as the process
		}
		loops := c.loops(e)
		if loops && model.ServesPackage(s.Parent) {
			return // a loop working for the package, not for a caller
		}
		owned, end := c.m.OwnerEnd(s)
		if loops && owned && end == nil && !strict {
			return // a loop working for a value that has no end
		}
		if model.CheapestReturn(s.Start, &model.Costs{}) == nil {
			return // the spawner never returns either
		}
		why, blocked := c.ending(e)
		stopper := ""
		if end != nil {
			stopper = ", not even " + model.FuncName(end)
		}
		msg := fmt.Sprintf("goroutine never returns: %s, so nothing can stop it%s; give it a context or a stop channel and return when it is done", why, stopper)
		if blocked {
			msg = "goroutine " + why
		}
		d := analysis.Diagnostic{Message: msg}
		if len(e.Blocks) > 0 {
			d.Related = []analysis.RelatedInformation{model.Related(e.Blocks[0].Instr.Pos(), "it blocks here")}
		} else if e.Loop != nil {
			d.Related = []analysis.RelatedInformation{model.Related(e.Loop.Pos(), "it loops here")}
		}
		if end != nil && !blocked && end.Pos().IsValid() {
			d.Related = append(d.Related, model.Related(end.Pos(), model.FuncName(end)+" does not stop it"))
		}
		c.report(s, d)
		return
	}
	// It can return, but some path stops for good (not a range that
	// nothing closes, whose body returns: the loop ends there).
	for _, op := range c.m.OpsIn(body) {
		if r := c.m.Stuck(op); r != model.NotStuck && (op.Blocking() || op.Select != nil && c.selectStuck(op.Select)) && !(r == model.NeverClose && c.m.LeavesRange(op)) {
			c.report(s, analysis.Diagnostic{Message: "goroutine " + c.blocksForever(op, r),
				Related: []analysis.RelatedInformation{model.Related(op.Pos(), "it blocks here")}})
			return
		}
	}
}

// loops reports whether a function that never returns, as e says, loops
// forever rather than blocks: itself, in the call where it stops, or in
// the goroutines it waits on.
func (c *checker) loops(e *model.Ending) bool {
	for range 32 {
		if len(e.Blocks) == 0 {
			return true
		}
		b := e.Blocks[0]
		if b.Op != nil {
			// Waiting on goroutines that loop is looping too.
			return b.Reason == model.NoPartner && len(c.m.EndlessHolders(b.Op)) > 0
		}
		callee := b.Callee
		if callee == nil {
			return false
		}
		if e = c.m.NeverReturns(callee); e == nil {
			return false
		}
	}
	return false
}

// stuckOps reports the operations of functions that are not goroutine
// bodies which can never complete: the function itself blocks forever
// there.
func (c *checker) stuckOps() {
	bodies := make(map[*ssa.Function]bool)
	for _, s := range c.m.Spawns {
		bodies[s.Body] = true
	}
	for _, fn := range c.m.Funcs {
		if bodies[fn] || c.exempt(fn) || c.m.ServesSignals(fn) {
			continue // a signal handler waits as long as the process runs
		}
		for _, op := range c.m.OpsIn(fn) {
			if _, _, ok := c.m.NilOnPath(op); ok && !c.reported[op.Instr] && !c.m.InTest(op.Instr) {
				c.reported[op.Instr] = true
				c.r.Report(analysis.Diagnostic{Pos: op.Pos(), Message: fmt.Sprintf(
					"%s blocks forever %s on a path where %s is nil: a nil channel blocks forever",
					model.FuncLabel(fn), c.doing(op), c.m.OperandText(op))})
				continue
			}
			r := c.m.Stuck(op)
			if r == model.NotStuck || !(op.Blocking() || op.Select != nil && c.selectStuck(op.Select)) || c.m.InTest(op.Instr) {
				continue
			}
			if r == model.NeverClose && (c.m.LeavesRange(op) || c.m.RunAsGoroutine(fn)) {
				continue // the loop ends where its body returns, or is the life of the goroutine that runs it
			}
			if r == model.Unshared && len(c.m.Abandoned(op)) > 0 {
				continue // abandoned names the partner that comes too late
			}
			if c.reported[op.Instr] {
				continue
			}
			c.reported[op.Instr] = true
			c.r.Report(analysis.Diagnostic{Pos: op.Pos(), Message: model.FuncLabel(fn) + " " + c.blocksForever(op, r)})
		}
	}
}

// untilOwnCancel reports the calls that cannot return until a context is
// done that only their caller cancels, after them (see
// model.UntilOwnCancel): the caller blocks forever in the call.
func (c *checker) untilOwnCancel() {
	for _, fn := range c.m.Funcs {
		if c.exempt(fn) {
			continue
		}
		for _, instr := range model.Instrs(fn) {
			call, ok := instr.(*ssa.Call)
			if !ok || c.reported[call] || c.m.InTest(call) {
				continue
			}
			cancels, ok := c.m.UntilOwnCancel(call)
			if !ok {
				continue
			}
			c.reported[call] = true
			callee := call.Call.StaticCallee().Name()
			why := "nothing cancels that context"
			var related []analysis.RelatedInformation
			if len(cancels) > 0 {
				why = fmt.Sprintf("only %s cancels that context, at line %d, after the call", model.FuncLabel(fn), c.m.Line(cancels[0].Pos()))
				for _, o := range cancels {
					related = append(related, model.Related(o.Pos(), "cancelled here, after the call returns"))
				}
			}
			c.r.Report(analysis.Diagnostic{Pos: call.Pos(), Related: related, Message: fmt.Sprintf(
				"%s blocks forever in its call of %s (line %d): %s returns only once its context is done, and %s",
				model.FuncLabel(fn), callee, c.m.Line(call.Pos()), callee, why)})
		}
	}
}

// exempt reports whether fn runs for the life of the process, where
// blocking forever is how a program waits: package main, init functions,
// sync.Once bodies, package runtime.
func (c *checker) exempt(fn *ssa.Function) bool {
	return c.m.ProcessLifetime(fn) || fn.Pkg.Pkg.Path() == "runtime"
}

// selectStuck reports whether every case of sel is stuck and it has no
// default.
func (c *checker) selectStuck(sel *ssa.Select) bool {
	if !sel.Blocking {
		return false
	}
	for _, op := range c.m.OpAt(sel) {
		if c.m.Stuck(op) == model.NotStuck {
			return false
		}
	}
	return true
}

// ending explains why a function never returns, and whether it is because
// it blocks (rather than loops).
func (c *checker) ending(e *model.Ending) (string, bool) {
	if len(e.Blocks) > 0 {
		b := e.Blocks[0]
		switch {
		case b.Op != nil:
			return c.blocksForever(b.Op, b.Reason), true
		case b.Callee != nil:
			inner := c.m.NeverReturns(b.Callee)
			why := "it never returns"
			if inner != nil {
				why, _ = c.ending(inner)
			}
			return fmt.Sprintf("blocks forever in its call of %s (line %d): %s", b.Callee.Name(), c.m.Line(b.Instr.Pos()), why), true
		default:
			return fmt.Sprintf("it blocks forever in select {} (line %d)", c.m.Line(b.Instr.Pos())), false
		}
	}
	switch {
	case e.TickerRange != nil:
		return fmt.Sprintf("its range over a ticker's channel (line %d) never ends, as a Ticker's channel is never closed", c.m.Line(e.TickerRange.Pos())), false
	case e.NeverClosed != nil:
		return fmt.Sprintf("its loop ends only once %s (line %d) is closed, and nothing closes it", c.m.OperandText(e.NeverClosed), c.m.Line(e.NeverClosed.Pos())), false
	case e.Loop != nil:
		return fmt.Sprintf("its loop (line %d) has no way out", c.m.Line(e.Loop.Pos())), false
	}
	return "it never returns", false
}

// blocksForever describes stuck operation op: "blocks forever receiving
// from stop (line 12): nothing sends on it or closes it".
func (c *checker) blocksForever(op *model.Operation, r model.StuckReason) string {
	what := c.m.OperandText(op)
	if what == "" {
		what = "the " + op.Class.Kind.String()
	}
	line := c.m.Line(op.Pos())
	var doing, why string
	switch op.Op {
	case model.Send:
		doing, why = fmt.Sprintf("sending on %s (line %d)", what, line), "nothing receives from it"
	case model.Recv:
		doing, why = fmt.Sprintf("receiving from %s (line %d)", what, line), "nothing sends on it or closes it"
		if op.Class.DoneOf != nil {
			why = "nothing cancels the context"
		}
	case model.Range:
		doing, why = fmt.Sprintf("in its range over %s (line %d)", what, line), "nothing closes it, so the loop never ends"
		if op.Class.Timer {
			why = "a Ticker's channel is never closed, so the loop never ends"
		}
	case model.Wait:
		doing = fmt.Sprintf("in %s.Wait (line %d)", what, line)
		if op.Class.Kind == model.Cond {
			why = fmt.Sprintf("nothing calls %s.Signal or %s.Broadcast", what, what)
		} else {
			why = fmt.Sprintf("nothing calls %s.Done", what)
		}
	}
	if r == model.NilChan {
		why = what + " is nil, and a nil channel blocks forever"
	} else if r == model.OwnGoroutine {
		partners, _ := c.m.Partners(op)
		f, call := c.m.WaitingCaller(op, partners)
		why = fmt.Sprintf("only %s releases it, on the goroutine that is waiting for this function literal, which it calls at line %d", model.FuncLabel(f), c.m.Line(call.Pos()))
	} else if r == model.Unshared {
		mc := c.m.UnsharedAt(op)
		why = fmt.Sprintf("it is unbuffered, and no other goroutine can have it yet (made at line %d)", c.m.Line(mc.Pos()))
		if k, ok := mc.Size.(*ssa.Const); !ok || k.Int64() != 0 {
			why = fmt.Sprintf("no other goroutine can have it yet (made at line %d), and the loop can send more than its buffer holds", c.m.Line(mc.Pos()))
		}
	} else if u := c.m.UnreachedReleaser(op); u != nil {
		why = fmt.Sprintf("its %s at line %d never runs, as it comes after code that never returns", u.Op, c.m.Line(u.Pos()))
	} else if hs := c.m.EndlessHolders(op); len(hs) > 0 {
		why = fmt.Sprintf("the goroutine given it (line %d) never returns", c.m.Line(hs[0].Pos()))
	}
	return fmt.Sprintf("blocks forever %s: %s", doing, why)
}

// abandoned reports the operations that can wait forever although the
// package has operations that release them: every goroutine or function
// that releases them can return first without doing so. A goroutine that
// blocks is reported at its go statement; a function that blocks itself,
// at the operation.
func (c *checker) abandoned() {
	for _, cl := range c.m.Classes() {
		for _, op := range cl.Ops {
			for _, a := range c.m.Abandoned(op) {
				c.abandonedBy(op, a)
			}
		}
	}
}

// abandonedBy reports operation op, which a leaves waiting forever.
func (c *checker) abandonedBy(op *model.Operation, a *model.Abandon) {
	if c.r.SkipTests && (model.IsTestCode(c.m.Pass, a.By.Pos()) || c.m.IsTestFunc(a.By)) || c.m.EndsProcess(a.By) {
		return // only a test's return, or the process's end, leaves it blocked
	}
	up := c.m.Up(op.Fn())
	inline := false
	for f := range up {
		inline = inline || c.m.Entry(f)
	}
	doing := c.doing(op)
	if !inline {
		gs := c.m.Goroutines(up)
		if a.Thread == nil {
			// An owner answers for the goroutines it starts, when it
			// starts any; other owners, for theirs.
			own := slices.DeleteFunc(slices.Clone(gs), func(s *model.Spawn) bool { return s.Parent != a.By })
			if len(own) > 0 {
				gs = own
			}
		}
		for _, s := range gs {
			if s.Task || c.processLifetime(s) && !c.m.ProcessLifetime(a.By) {
				// A goroutine started for the life of the process (a pool
				// init starts) waits for whoever comes next: a function
				// that runs per call and returns does not leave it behind,
				// as the next call may release it. One of the program's
				// own sequence runs once, and does.
				continue
			}
			who, blocks := s.Who(), "blocks"
			if a.Once {
				who, blocks = s.Several(), "block"
			}
			c.report(s, analysis.Diagnostic{Message: fmt.Sprintf("%s %s forever %s%s", who, blocks, doing, c.abandonedWhen(s.Pos(), a)), Related: c.abandonRelated(a)})
		}
		return
	}
	at, who := op.Instr, model.FuncLabel(op.Fn())
	if a.Later != nil && a.By != op.Fn() {
		at = a.From
		doing = fmt.Sprintf("in its call of %s (line %d), %s", op.Fn().Name(), c.m.Line(a.From.Pos()), doing)
		who = model.FuncLabel(a.By)
	}
	if c.reported[at] || c.m.InTest(at) {
		return
	}
	c.reported[at] = true
	pos := at.Pos()
	if at == op.Instr {
		pos = op.Pos()
	}
	c.r.Report(analysis.Diagnostic{Pos: pos, Message: fmt.Sprintf("%s blocks forever %s%s", who, doing, c.abandonedWhen(pos, a)), Related: c.abandonRelated(a)})
}

// doing describes what blocked operation op does: "sending on ch (line 12)".
func (c *checker) doing(op *model.Operation) string {
	what := c.m.OperandText(op)
	if what == "" {
		what = "the channel"
	}
	return opText(op, what, fmt.Sprintf("line %d", c.m.Line(op.Pos())))
}

// opText describes blocked operation op on what, at (a line): "sending
// on ch (line 12)".
func opText(op *model.Operation, what, at string) string {
	switch op.Op {
	case model.Send:
		return fmt.Sprintf("sending on %s (%s)", what, at)
	case model.Range:
		return fmt.Sprintf("in its range over %s (%s)", what, at)
	case model.Wait:
		return fmt.Sprintf("in %s.Wait (%s)", what, at)
	}
	return fmt.Sprintf("receiving from %s (%s)", what, at)
}

// abandonedWhen says when a's operation is abandoned: "when fetch returns
// at line 19 through <-ctx.Done()".
func (c *checker) abandonedWhen(at token.Pos, a *model.Abandon) string {
	partner := "receiving from it"
	switch a.Op.Op {
	case model.Recv:
		partner = "sending on it"
		if ps, _ := c.m.Partners(a.Op); len(ps) > 0 && !slices.ContainsFunc(ps, func(p *model.Operation) bool { return p.Op != model.Close }) {
			partner = "closing it" // a done channel
		}
	case model.Range:
		partner = "closing it"
	}
	switch {
	case a.Op.Op == model.Wait && a.Nth > 0:
		return fmt.Sprintf(": %s adds %d to it (%s), but the goroutines it starts (%s) call Done %s at most", model.FuncLabel(a.By), a.Nth, c.m.LineFrom(at, a.From.Pos()), c.m.LineFrom(at, a.Thread.Pos()), times(a.Sends))
	case a.Op.Op == model.Wait && a.Thread != nil && (a.Thread.Maybe || a.Thread.Reports):
		return fmt.Sprintf(": %s counts in it (%s) the goroutine %s may not start (%s), and nothing calls Done when it does not", model.FuncLabel(a.By), c.m.LineFrom(at, a.From.Pos()), a.Thread.Via.Name(), c.m.LineFrom(at, a.Thread.Pos()))
	case a.Later != nil:
		return fmt.Sprintf(": its only partner, the goroutine %s, starts at %s, after it", partner, c.m.LineFrom(at, a.Later.Pos()))
	case a.Nth > 0 && a.Sends == 0 && a.Thread.Maybe:
		return fmt.Sprintf(": %s can return without starting the goroutine %s (%s)", a.Thread.Via.Name(), partner, c.m.LineFrom(at, a.Thread.Pos()))
	case a.Nth > 0 && a.Sends == 0:
		return fmt.Sprintf(": on some path to it, no goroutine %s is started (%s)", partner, c.m.LineFrom(at, a.Thread.Pos()))
	case a.Nth > 0:
		return fmt.Sprintf(": the goroutines %s (%s) send only %s on some path to it, and this is the %s receive", partner, c.m.LineFrom(at, a.Thread.Pos()), times(a.Sends), ordinal(a.Nth))
	case a.Thread != nil:
		return fmt.Sprintf(" when the goroutine %s (%s) %s", partner, c.m.LineFrom(at, a.Thread.Pos()), c.m.ReturnsAt(at, a.Path))
	case a.Once:
		return fmt.Sprintf(": %s receives only %s before it %s", model.FuncLabel(a.By), times(1), c.m.ReturnsAt(at, a.Path))
	}
	when := fmt.Sprintf(" when %s %s", model.FuncLabel(a.By), c.m.ReturnsAt(at, a.Path))
	if call, ok := a.From.(*ssa.Call); ok {
		if callee := call.Call.StaticCallee(); callee != nil {
			how := "got it from"
			if slices.ContainsFunc(call.Call.Args, func(v ssa.Value) bool { return c.m.Carries(v, a.Op.Class) || handsClosure(v) }) {
				how = "handed it to" // which keeps it for the partner (nc.sendPing(ch)), or runs the closure that has it
			}
			when = fmt.Sprintf(" when %s, which %s %s at %s, %s", model.FuncLabel(a.By), how, callee.Name(), c.m.LineFrom(at, call.Pos()), c.m.ReturnsAt(at, a.Path))
		}
	}
	return when
}

// handsClosure reports whether v is a closure with captured variables
// or a bound receiver (func() { f.produce() }, f.produce): the callee
// gets what they hold.
func handsClosure(v ssa.Value) bool {
	mc, ok := v.(*ssa.MakeClosure)
	return ok && len(mc.Bindings) > 0
}

// abandonRelated returns the places an abandoned operation's finding
// refers to: where it blocks, where its partner starts or hands it over,
// and the return that leaves it waiting.
func (c *checker) abandonRelated(a *model.Abandon) []analysis.RelatedInformation {
	rel := []analysis.RelatedInformation{model.Related(a.Op.Pos(), "it blocks here")}
	switch {
	case a.Later != nil:
		rel = append(rel, model.Related(a.Later.Pos(), "its partner starts here"))
	case a.Thread != nil:
		rel = append(rel, model.Related(a.Thread.Pos(), "its partner starts here"))
	case a.From != nil:
		rel = append(rel, model.Related(a.From.Pos(), model.FuncLabel(a.By)+" hands it over here"))
	}
	if a.Path != nil {
		rel = append(rel, c.m.Returns(a.Path))
	}
	return rel
}
