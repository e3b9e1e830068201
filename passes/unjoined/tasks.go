package unjoined

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/structlint/structlint/internal/fix"
	"github.com/structlint/structlint/internal/model"
)

// waitLine returns the line of the first Wait its creator makes on o, or 0.
func (c *checker) waitLine(o *model.Object) int {
	for _, u := range o.Uses {
		if u.Op == model.Wait && u.How != model.Spawned {
			return c.m.Line(u.Site.Pos())
		}
	}
	return 0
}

// missingDone reports a goroutine counted in WaitGroup o that can return
// without calling Done: the Wait then waits forever. The fix defers Done at
// the top of the goroutine instead.
func (c *checker) missingDone(o *model.Object) {
	wait := c.waitLine(o)
	if o.Kind != model.WaitGroup || wait == 0 {
		return
	}
	dones := make(map[*model.Spawn][]*model.Use)
	var adds []ssa.Instruction
	for _, u := range o.Uses {
		if u.Op == model.Add {
			adds = append(adds, u.Instr)
		}
	}
	for _, u := range o.Uses {
		if u.Op == model.Done && u.Spawn != nil {
			dones[u.Spawn] = append(dones[u.Spawn], u)
		}
	}
	for _, s := range c.m.Spawns {
		ds := dones[s]
		if len(ds) == 0 || s.Body == nil || s.InLoop && c.addsOne(o) {
			continue // Add(1) for goroutines started in a loop: one of them calls Done
		}
		if !slices.ContainsFunc(ds, func(u *model.Use) bool { return !settlesOwnAdd(u.Instr, adds) }) {
			continue
		}
		var costs model.Costs
		counted := true
		for _, u := range ds {
			// Not in a function it calls, nor once per iteration of a loop
			// (Add counted the iterations).
			counted = counted && u.Instr.Parent() == s.Body && !c.m.InLoop(u.Instr)
			costs.AddInstr(u.Instr, model.Never)
		}
		if !counted {
			continue
		}
		nilGuards(s.Body, ds, &costs)
		c.m.PriceSpawnerTests(s, adds, &costs)
		var doneInstrs []ssa.Instruction
		for _, u := range ds {
			doneInstrs = append(doneInstrs, u.Instr)
		}
		model.PriceOnceGuards(s.Body, doneInstrs, &costs)
		c.m.PriceEndlessRanges(s.Body, &costs)
		p := model.EntryReturn(s.Body, &costs)
		if p == nil {
			continue
		}
		d := analysis.Diagnostic{Pos: s.Pos(), End: s.Go.Call.Pos(), Message: fmt.Sprintf(
			"goroutine can return at %s without calling %s.Done, and %s.Wait (line %d) then waits forever",
			c.m.LineFrom(s.Pos(), model.ReturnPos(p.Return)), o.Name, o.Name, wait),
			Related: []analysis.RelatedInformation{c.m.Returns(p)}}
		if f, ok := c.deferDoneFix(s, ds, o.Name); ok {
			d.SuggestedFixes = []analysis.SuggestedFix{f}
		}
		if f, ok := c.rewriteFix(o); ok {
			d.SuggestedFixes = append(d.SuggestedFixes, f)
		}
		c.r.Report(d)
	}
}

// settlesOwnAdd reports whether done comes after an Add of its function
// on every path (wg.Add(1); if !start(task) { wg.Done() }): it settles
// that Add, for a task that did not start. A goroutine whose every Done
// does so is not one the WaitGroup counts: a return before its Add owes
// nothing.
func settlesOwnAdd(done ssa.Instruction, adds []ssa.Instruction) bool {
	return slices.ContainsFunc(adds, func(a ssa.Instruction) bool { return model.Dominates(a, done) })
}

// addsOne reports whether o is counted only by Add(1) outside loops.
func (c *checker) addsOne(o *model.Object) bool {
	adds := 0
	for _, u := range o.Uses {
		if u.Op != model.Add {
			continue
		}
		if n, ok := constArg(u.Instr.(ssa.CallInstruction)); !ok || n != 1 || c.m.InLoop(u.Instr) {
			return false
		}
		adds++
	}
	return adds == 1
}

// nilGuards closes the branches of fn taken when the WaitGroup its Done
// calls use is nil (if wg != nil { defer wg.Done() }): the goroutine was
// given the WaitGroup the spawner waits on, so they are never taken.
func nilGuards(fn *ssa.Function, dones []*model.Use, costs *model.Costs) {
	wgs := make(map[ssa.Value]bool)
	for _, u := range dones {
		wgs[u.Instr.(ssa.CallInstruction).Common().Args[0]] = true
	}
	for _, b := range fn.Blocks {
		ifInstr, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
		if !ok {
			continue
		}
		cmp, ok := ifInstr.Cond.(*ssa.BinOp)
		if !ok || !(wgs[cmp.X] && model.IsNil(cmp.Y) || wgs[cmp.Y] && model.IsNil(cmp.X)) {
			continue
		}
		nilBranch := b.Succs[1] // wg != nil is false
		if cmp.Op == token.EQL {
			nilBranch = b.Succs[0]
		}
		costs.AddEdge(model.Edge{From: b, To: nilBranch}, model.Never)
	}
}

// deferDoneFix removes the wg.Done() statements of goroutine s and defers
// one at the top of its body.
func (c *checker) deferDoneFix(s *model.Spawn, dones []*model.Use, name string) (analysis.SuggestedFix, bool) {
	cur, ok := c.m.Syntax(s.Pos())
	if !ok || name == "" {
		return analysis.SuggestedFix{}, false
	}
	goStmt, ok := cur.Node().(*ast.GoStmt)
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	lit, ok := goStmt.Call.Fun.(*ast.FuncLit)
	if !ok || len(lit.Body.List) == 0 {
		return analysis.SuggestedFix{}, false
	}
	b := fix.NewBuilder(c.m.Pass, s.Pos())
	for _, u := range dones {
		if _, deferred := u.Instr.(*ssa.Defer); deferred {
			return analysis.SuggestedFix{}, false
		}
		dc, _, ok := c.m.CallSyntax(u.Instr.(ssa.CallInstruction))
		if !ok {
			return analysis.SuggestedFix{}, false
		}
		stmt, ok := dc.Parent().Node().(*ast.ExprStmt)
		if !ok {
			return analysis.SuggestedFix{}, false
		}
		b.DeleteLine(stmt)
	}
	first := lit.Body.List[0]
	b.Insert(first.Pos(), fmt.Sprintf("defer %s.Done()\n%s", name, b.Indent(first.Pos())))
	return b.Fix(fmt.Sprintf("Defer %s.Done() at the top of the goroutine", name)), true
}

// addInGoroutine reports wg.Add called by the goroutine it counts: the
// spawner's Wait may run before it and return early. The fix moves a
// constant Add before the go statement.
func (c *checker) addInGoroutine(o *model.Object) {
	wait := c.waitLine(o)
	if o.Kind != model.WaitGroup || wait == 0 {
		return
	}
	// One finding per Add, whichever go statements start its goroutine.
	spawns := make(map[ssa.Instruction][]*model.Spawn)
	var adds []*model.Use
	for _, u := range o.Uses {
		if u.Op != model.Add || u.Spawn == nil || counted(o, u.Spawn) {
			continue
		}
		if spawns[u.Instr] == nil {
			adds = append(adds, u)
		}
		spawns[u.Instr] = append(spawns[u.Instr], u.Spawn)
	}
	for _, u := range adds {
		if c.waitsSeeClosed(o, u) {
			continue
		}
		_, call, ok := c.m.CallSyntax(u.Instr.(ssa.CallInstruction))
		if !ok {
			continue
		}
		if !c.countsItself(o, u) {
			// It counts the goroutines this one starts: moving it before
			// the go statement would count this one too.
			s := spawns[u.Instr][0]
			c.r.Report(analysis.Diagnostic{Pos: call.Pos(), End: call.End(), Message: fmt.Sprintf(
				"%s.Add runs on the goroutine started at line %d, concurrently with %s.Wait (line %d), which may return before it: make that goroutine's Adds happen before Wait is called",
				o.Name, c.m.Line(s.Pos()), o.Name, wait),
				Related: []analysis.RelatedInformation{model.Related(s.Pos(), "the goroutine starts here")}})
			continue
		}
		d := analysis.Diagnostic{Pos: call.Pos(), End: call.End(), Message: fmt.Sprintf(
			"%s.Add runs inside the goroutine it counts, so %s.Wait (line %d) may return before it: call it before the go statement",
			o.Name, o.Name, wait)}
		if f, ok := c.addBeforeGoFix(u, spawns[u.Instr]); ok {
			d.SuggestedFixes = []analysis.SuggestedFix{f}
		}
		if f, ok := c.rewriteFix(o); ok {
			d.SuggestedFixes = append(d.SuggestedFixes, f)
		}
		c.r.Report(d)
	}
}

// countsItself reports whether the goroutine that makes add, a use of o
// by a goroutine, also counts o down itself, not in a goroutine it starts
// in turn; if not, add counts those goroutines only.
func (c *checker) countsItself(o *model.Object, add *model.Use) bool {
	for _, u := range o.Uses {
		if u.Op == model.Done && u.Spawn == add.Spawn && !slices.ContainsFunc(c.m.Spawns, func(s *model.Spawn) bool {
			return s != add.Spawn && s.Body == u.Instr.Parent() && s.Body != add.Instr.Parent()
		}) {
			return true
		}
	}
	return false
}

// fieldAddInGoroutine is addInGoroutine for WaitGroups kept in struct
// fields: a goroutine that counts itself (s.wg.Add(1); defer s.wg.Done()
// at its top, in a method started with go s.loop()) may not have run its
// Add when a Close that waits for it runs, and Wait returns while it goes
// on.
func (c *checker) fieldAddInGoroutine() {
	for _, cl := range c.m.Classes() {
		if cl.Kind != model.WaitGroup || len(cl.Fields) == 0 {
			continue
		}
		var waits []*model.Operation
		for _, o := range cl.Ops {
			if o.Op == model.Wait {
				waits = append(waits, o)
			}
		}
		if len(waits) == 0 {
			continue
		}
		for _, s := range c.m.Spawns {
			if s.Go == nil || s.Body == nil || s.Body.Blocks == nil || c.m.AddedBefore(cl, s) {
				continue
			}
			var add *model.Operation
			var costs model.Costs
			for _, o := range c.m.OpsIn(s.Body) {
				if o.Class == cl && o.Op == model.Add && add == nil && !c.m.InLoop(o.Instr) {
					add = o
				}
				if o.Class == cl && o.Op == model.Done {
					costs.AddInstr(o.Instr, model.Never)
				}
			}
			if add == nil || len(costs.Instrs) == 0 || model.EntryReturn(s.Body, &costs) != nil {
				continue // it counts others (it calls Done only when one fails to start), not itself
			}
			if !slices.ContainsFunc(waits, func(w *model.Operation) bool { return !c.m.SeenClosedAfter(add.Instr, w.Instr) }) {
				continue
			}
			_, call, ok := c.m.CallSyntax(add.Instr.(ssa.CallInstruction))
			if !ok {
				continue
			}
			name := c.m.OperandText(add)
			c.r.Report(analysis.Diagnostic{Pos: call.Pos(), End: call.End(), Message: fmt.Sprintf(
				"%s.Add runs inside the goroutine it counts (started at %s), so %s.Wait (%s) may return before it: call it before the go statement",
				name, c.m.LineFrom(add.Pos(), s.Pos()), c.m.OperandText(waits[0]), c.m.LineFrom(add.Pos(), waits[0].Pos())),
				Related: []analysis.RelatedInformation{model.Related(s.Pos(), "the goroutine starts here"), model.Related(waits[0].Pos(), "Wait may return first here")}})
		}
	}
}

// waitsSeeClosed reports whether every Wait of o runs only after its
// goroutine saw closed a channel that add's goroutine closes after add:
// the Add happened before.
func (c *checker) waitsSeeClosed(o *model.Object, add *model.Use) bool {
	waits := 0
	for _, u := range o.Uses {
		if u.Op == model.Wait && u.How != model.Spawned {
			if !c.m.SeenClosedAfter(add.Instr, u.Instr) {
				return false
			}
			waits++
		}
	}
	return waits > 0
}

// counted reports whether goroutine s is itself counted in o before it
// starts: an Add it makes for goroutines of its own then happens while the
// counter is above zero, and Wait cannot return before it.
func counted(o *model.Object, s *model.Spawn) bool {
	for _, u := range o.Uses {
		if u.Op == model.Add && u.How == model.Inline && model.Dominates(u.Site, s.Start) {
			return true
		}
	}
	return false
}

// goUnderLimit reports a task of a group with a limit that starts another
// task in the same group with Go, which blocks while the group is full:
// once every running task does so, none can finish, and the group
// deadlocks. TryGo does not block.
func (c *checker) goUnderLimit(o *model.Object) {
	limit := 0
	for _, u := range o.Uses {
		if u.Op == model.Limit && u.How != model.Spawned {
			limit = c.m.Line(u.Site.Pos())
		}
	}
	if limit == 0 {
		return
	}
	for _, u := range o.Uses {
		if u.Op != model.Go || u.How != model.Spawned || u.Spawn != nil || model.Callee(u.Instr.(ssa.CallInstruction).Common()).Name() != "Go" {
			continue // not in a task: a plain goroutine that feeds the group waits for a slot, as meant
		}
		_, call, ok := c.m.CallSyntax(u.Instr.(ssa.CallInstruction))
		if !ok {
			continue
		}
		c.r.Report(analysis.Diagnostic{Pos: call.Pos(), End: call.End(), Message: fmt.Sprintf(
			"a task of %s calls %s.Go, which blocks while the group is at its limit (SetLimit at line %d): once every running task waits here, the group deadlocks; use TryGo or another group",
			o.Name, o.Name, limit)})
	}
}

// addCount reports wg.Add(n), n a constant, followed in the same block by
// a different number of go statements whose goroutines call Done: Wait
// then waits for goroutines that never come (or returns before some end).
func (c *checker) addCount(o *model.Object) {
	if o.Kind != model.WaitGroup || c.waitLine(o) == 0 {
		return
	}
	for _, a := range o.Uses {
		if a.Op != model.Add || a.How != model.Inline || a.Site != a.Instr {
			continue
		}
		n, ok := constArg(a.Instr.(ssa.CallInstruction))
		if !ok {
			continue
		}
		if c.donesUncounted(o) {
			return // Done runs in code the go statements do not count
		}
		started, ok := c.startedAfter(o, a)
		if !ok || started == 0 || started == n {
			continue
		}
		_, call, ok := c.m.CallSyntax(a.Instr.(ssa.CallInstruction))
		if !ok {
			continue
		}
		outcome := "waits forever"
		if n < started {
			outcome = "may return before they end"
		}
		c.r.Report(analysis.Diagnostic{Pos: call.Pos(), End: call.End(), Message: fmt.Sprintf(
			"%s.Add(%d) counts %s, but %s calling %s.Done %s started after it: %s.Wait (line %d) %s",
			o.Name, n, goroutines(n), goroutines(started), o.Name, map[bool]string{true: "is", false: "are"}[started == 1], o.Name, c.waitLine(o), outcome)})
	}
}

// addSkipped reports wg.Add(1) from which a way reaches wg.Wait without
// the go statement it counts and without a Done (wg.Add(1) before a check
// that continues the loop): the count never gets back to zero, and Wait
// blocks forever.
func (c *checker) addSkipped(o *model.Object) {
	if o.Kind != model.WaitGroup || o.Escape != nil {
		return
	}
	var waits []*model.Use
	for _, u := range o.Uses {
		if u.Op == model.Wait && u.How == model.Inline && u.Site == u.Instr {
			waits = append(waits, u)
		}
	}
	if len(waits) == 0 {
		return
	}
	for _, a := range o.Uses {
		if a.Op != model.Add || a.How != model.Inline || a.Site != a.Instr {
			continue
		}
		if n, ok := constArg(a.Instr.(ssa.CallInstruction)); !ok || n != 1 {
			continue
		}
		// Every way the count can come back down: a Done, made here, in a
		// function called here, or by a goroutine started here. The go
		// statements it counts come after it on every way to them (a go
		// statement before it is counted by an earlier Add, or too late).
		costs := &model.Costs{}
		c.m.PriceGiveUps(a.Instr.Parent(), costs)
		var starts []ssa.Instruction
		var helper *model.Spawn // a helper that may not start the goroutine it counts
		for _, u := range o.Uses {
			if u.Op == model.Done && u.Maybe && u.Spawn != nil && u.Spawn.Maybe && u.Site == u.Spawn.Start && model.Dominates(a.Instr, u.Site) {
				helper = u.Spawn
				starts = append(starts, u.Site)
			}
			if u.Op == model.Done && u.Site.Parent() == a.Instr.Parent() && !u.Maybe {
				costs.AddInstr(u.Site, model.Never)
				// A go statement in a loop the Add is not in is one of
				// many the Add counts together (addCount's business).
				if _, ok := u.Site.(*ssa.Go); ok && (!c.m.InLoop(u.Site) || c.m.InLoop(a.Instr)) && model.Dominates(a.Instr, u.Site) {
					starts = append(starts, u.Site)
				}
			}
		}
		if len(starts) == 0 {
			continue // not the Add of a go statement that follows it
		}
		for _, w := range waits {
			if !model.FeasibleReach(a.Instr, w.Instr, costs) {
				continue
			}
			_, call, ok := c.m.CallSyntax(a.Instr.(ssa.CallInstruction))
			if !ok {
				break
			}
			if helper != nil {
				c.r.Report(analysis.Diagnostic{Pos: call.Pos(), End: call.End(),
					Message: fmt.Sprintf("%s.Add(1) counts %s (line %d), which can return without starting it: %s.Wait (line %d) then blocks forever; call %s.Done when it does not start it",
						o.Name, helper.Who(), c.m.Line(helper.Pos()), o.Name, c.m.Line(w.Instr.Pos()), o.Name),
					Related: []analysis.RelatedInformation{
						model.Related(helper.Pos(), "the goroutine it counts may start here"),
						model.Related(w.Instr.Pos(), "Wait blocks here"),
					}})
				break
			}
			c.r.Report(analysis.Diagnostic{Pos: call.Pos(), End: call.End(),
				Message: fmt.Sprintf("%s.Add(1) counts the goroutine started at line %d, but a way from it reaches %s.Wait (line %d) without starting it or calling Done: the count never gets back to zero, and Wait blocks forever; call Add right before the go statement",
					o.Name, c.m.Line(starts[0].Pos()), o.Name, c.m.Line(w.Instr.Pos())),
				Related: []analysis.RelatedInformation{
					model.Related(starts[0].Pos(), "the goroutine it counts starts here"),
					model.Related(w.Instr.Pos(), "Wait blocks here"),
				}})
			break
		}
	}
}

// donesUncounted reports whether o's Done is called other than once by
// each goroutine of a go statement: inline, in a loop (once per result a
// goroutine handles), or in a callback handed to other code (o escapes),
// which may run it any number of times.
func (c *checker) donesUncounted(o *model.Object) bool {
	if o.Escape != nil {
		return true // its uses are not all known
	}
	for _, u := range o.Uses {
		if u.Op == model.Done && (u.How != model.Spawned || u.Spawn == nil || c.m.InLoop(u.Instr)) {
			return true
		}
	}
	return false
}

// startedAfter counts the goroutines that call Done on o once and are
// started after the Add a, up to the next Add or Wait. It reports false
// when the count is not known: some of them start in later blocks (behind
// a branch, a check, a loop), where not every path reaches them.
func (c *checker) startedAfter(o *model.Object, a *model.Use) (started int, ok bool) {
	counts := func(instr ssa.Instruction) bool {
		g, ok := instr.(*ssa.Go)
		if !ok {
			return false
		}
		s := c.m.SpawnOf(g)
		return s != nil && c.doneOnce(o, s)
	}
	for _, instr := range a.Instr.Block().Instrs {
		if !model.Dominates(a.Instr, instr) {
			continue
		}
		if c.usesObject(o, instr) {
			return started, true
		}
		if counts(instr) {
			started++
		}
	}
	// The block ends before the next Add or Wait: any goroutine started
	// in a block it dominates, before one, makes the count unknown.
	for _, b := range a.Instr.Parent().Blocks {
		if b == a.Instr.Block() || !a.Instr.Block().Dominates(b) {
			continue
		}
		for _, instr := range b.Instrs {
			if counts(instr) && !c.addOrWaitBetween(o, a.Instr, instr) {
				return 0, false
			}
		}
	}
	return started, true
}

// addOrWaitBetween reports whether an Add or Wait on o runs on every path
// from add to instr, other than add itself.
func (c *checker) addOrWaitBetween(o *model.Object, add, instr ssa.Instruction) bool {
	for _, u := range o.Uses {
		if u.Instr != add && (u.Op == model.Add || u.Op == model.Wait) && u.Site == u.Instr &&
			model.Dominates(add, u.Instr) && model.Dominates(u.Instr, instr) {
			return true
		}
	}
	return false
}

// usesObject reports whether instr is an Add or Wait on o.
func (c *checker) usesObject(o *model.Object, instr ssa.Instruction) bool {
	for _, u := range o.Uses {
		if u.Instr == instr && (u.Op == model.Add || u.Op == model.Wait) {
			return true
		}
	}
	return false
}

func goroutines(n int) string {
	if n == 1 {
		return "1 goroutine"
	}
	return fmt.Sprintf("%d goroutines", n)
}

// constArg returns the constant int argument of a call of Add.
func constArg(call ssa.CallInstruction) (int, bool) {
	args := call.Common().Args
	k, ok := args[len(args)-1].(*ssa.Const)
	if !ok || k.Value == nil || k.Value.Kind() != constant.Int {
		return 0, false
	}
	n, ok := constant.Int64Val(k.Value)
	return int(n), ok
}

// doneOnce reports whether goroutine s calls Done on o exactly once on
// every path: one Done instruction, deferred or not in a loop. When s
// makes Adds of its own, the Dones of goroutines it starts are theirs,
// matched by those Adds (a write pump that counts its own pinger); else
// they are counted by the Add before s, with s's own.
func (c *checker) doneOnce(o *model.Object, s *model.Spawn) bool {
	started := c.startedBy(s)
	adds := slices.ContainsFunc(o.Uses, func(u *model.Use) bool {
		return u.Op == model.Add && u.Spawn == s && !started[u.Instr.Parent()]
	})
	dones := 0
	for _, u := range o.Uses {
		if u.Op == model.Done && u.Spawn == s && !(adds && started[u.Instr.Parent()]) {
			dones++
		}
	}
	return dones == 1
}

// startedBy returns the functions that run on goroutines goroutine s
// starts, in its body or in a function it calls (a helper that starts a
// pinger), at any depth, rather than on s itself.
func (c *checker) startedBy(s *model.Spawn) map[*ssa.Function]bool {
	started := make(map[*ssa.Function]bool)
	own := c.m.Runs(s)
	seen := map[*model.Spawn]bool{s: true}
	for grew := true; grew; {
		grew = false
		for _, x := range c.m.Spawns {
			if seen[x] || x.Body == nil || x.Body == s.Body || !own[x.Parent] {
				continue
			}
			seen[x], grew = true, true
			for f := range c.m.Runs(x) {
				started[f] = true
				own[f] = true // what x starts is started by s too
			}
		}
	}
	delete(started, s.Body)
	return started
}

// gather reports a WaitGroup fan-out whose goroutines do cancellable work
// (they pass a context on) and collect their errors by hand (errs[i] = err,
// or errc <- err), while none cancels the others when it fails: asyncio's
// gather, where one failure leaves its siblings running to the end. A
// task.Group cancels them on the first failure and returns every error
// from Wait. (No fix: the tasks would have to return their errors instead
// of storing them.) Goroutines that use no context could not be stopped
// anyway, and are left alone.
func (c *checker) gather(o *model.Object) {
	if o.Kind != model.WaitGroup || c.waitLine(o) == 0 {
		return
	}
	for _, s := range c.m.Spawns {
		if !s.InLoop || s.Body == nil || !signals(o, s) {
			continue
		}
		collect := errorCollection(s.Body)
		if collect == nil || !passesContext(s.Body) || cancels(s.Body) {
			continue
		}
		d := analysis.Diagnostic{Pos: s.Pos(), End: s.Go.Call.Pos(), Message: fmt.Sprintf(
			"goroutines of this fan-out gather their errors by hand (line %d) and none cancels the others when it fails, so they run to the end: a task.Group cancels them on the first failure and its Wait returns every error",
			c.m.Line(collect.Pos()))}
		c.r.Report(d)
		return
	}
}

// signals reports whether goroutine s calls Done on o.
func signals(o *model.Object, s *model.Spawn) bool {
	for _, u := range o.Uses {
		if u.Op == model.Done && u.Spawn == s {
			return true
		}
	}
	return false
}

// errorCollection returns the instruction by which fn hands an error on by
// hand, storing it in a slice element or sending it, or nil.
func errorCollection(fn *ssa.Function) ssa.Instruction {
	for _, instr := range model.Instrs(fn) {
		switch instr := instr.(type) {
		case *ssa.Store:
			if _, ok := instr.Addr.(*ssa.IndexAddr); ok && model.IsError(instr.Val.Type()) {
				return instr
			}
		case *ssa.Send:
			if model.IsError(instr.X.Type()) {
				return instr
			}
		}
	}
	return nil
}

// passesContext reports whether fn passes a context to a call.
func passesContext(fn *ssa.Function) bool {
	for _, instr := range model.Instrs(fn) {
		if call, ok := instr.(ssa.CallInstruction); ok {
			for _, arg := range call.Common().Args {
				if model.IsContext(arg.Type()) {
					return true
				}
			}
		}
	}
	return false
}

// cancels reports whether fn calls a context.CancelFunc (or
// CancelCauseFunc): the goroutines stop each other by hand.
func cancels(fn *ssa.Function) bool {
	for _, instr := range model.Instrs(fn) {
		if call, ok := instr.(ssa.CallInstruction); ok && !call.Common().IsInvoke() {
			t := call.Common().Value.Type()
			if model.IsNamed(t, "context", "CancelFunc") || model.IsNamed(t, "context", "CancelCauseFunc") {
				return true
			}
		}
	}
	return false
}

// fieldMissingDone reports, for WaitGroups kept in struct fields (a type
// that starts its goroutines in one method and waits for them in
// another), a goroutine that calls Done on one and can return without
// it: that Wait then waits forever.
func (c *checker) fieldMissingDone() {
	for _, cl := range c.m.Classes() {
		if cl.Kind != model.WaitGroup || len(cl.Fields) == 0 || cl.Outside.Has(model.Done) {
			continue
		}
		var wait *model.Operation
		var adds []ssa.Instruction
		for _, o := range cl.Ops {
			switch o.Op {
			case model.Wait:
				wait = o
			case model.Add:
				adds = append(adds, o.Instr)
			}
		}
		if wait == nil || len(adds) == 0 {
			continue
		}
		for _, s := range c.m.Spawns {
			if s.Go == nil || s.Body == nil || s.Body.Blocks == nil {
				continue
			}
			var dones []*model.Operation
			var costs model.Costs
			for _, o := range c.m.OpsIn(s.Body) {
				if o.Class == cl && o.Op == model.Done {
					if c.m.InLoop(o.Instr) {
						dones = nil
						break
					}
					dones = append(dones, o)
					costs.AddInstr(o.Instr, model.Never)
				}
			}
			if len(dones) == 0 {
				continue
			}
			handed := c.m.HandsOver(s.Body, cl, model.Done)
			for _, call := range handed {
				costs.AddInstr(call, model.Never)
			}
			var doneInstrs []ssa.Instruction
			for _, o := range dones {
				doneInstrs = append(doneInstrs, o.Instr)
			}
			if !slices.ContainsFunc(append(handed, doneInstrs...), func(d ssa.Instruction) bool { return !settlesOwnAdd(d, adds) }) {
				continue
			}
			model.PriceOnceGuards(s.Body, doneInstrs, &costs)
			c.m.PriceEndlessRanges(s.Body, &costs)
			c.m.PriceSpawnerTests(s, adds, &costs)
			p := model.EntryReturn(s.Body, &costs)
			if p == nil {
				continue
			}
			name := c.m.OperandText(dones[0])
			c.r.Report(analysis.Diagnostic{Pos: s.Pos(), End: s.Go.Call.Pos(), Message: fmt.Sprintf(
				"goroutine can return at %s without calling %s.Done, and %s.Wait (%s) then waits forever",
				c.m.LineFrom(s.Pos(), model.ReturnPos(p.Return)), name, c.m.OperandText(wait), c.m.LineFrom(s.Pos(), wait.Pos())),
				Related: []analysis.RelatedInformation{c.m.Returns(p), model.Related(wait.Pos(), "it waits here")}})
		}
	}
}
