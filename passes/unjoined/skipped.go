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

// ownerStops reports whether every goroutine that calls Done on o runs
// under a context whose cancel function its owner keeps for later (in a
// field a method of the package calls, say: model.Ctx.Stoppable): the
// goroutines are meant to outlive the function (a connection's read loop,
// cancelled by its Close), and a path that returns without Wait leaves
// them to that owner.
func (c *checker) ownerStops(o *model.Object) bool {
	spawns := 0
	for _, u := range o.Uses {
		if u.Op != model.Done || u.Spawn == nil {
			continue
		}
		s := u.Spawn
		if s.Go == nil {
			return false
		}
		ctxs := slices.Clone(s.Go.Call.Args)
		if mc, ok := s.Go.Call.Value.(*ssa.MakeClosure); ok {
			for _, fv := range mc.Fn.(*ssa.Function).FreeVars {
				ctxs = append(ctxs, fv)
				for _, r := range model.Refs(fv) {
					if load, ok := r.(*ssa.UnOp); ok && load.Op == token.MUL {
						ctxs = append(ctxs, load) // a captured variable's value
					}
				}
			}
		}
		if !slices.ContainsFunc(ctxs, func(v ssa.Value) bool {
			return model.IsContext(v.Type()) && c.m.Context(v).Stoppable
		}) {
			return false
		}
		spawns++
	}
	return spawns > 0
}

// onlyCounted returns the goroutine that calls Done on o, when it is the
// only one and is started once, or nil.
func (c *checker) onlyCounted(o *model.Object) *model.Spawn {
	var only *model.Spawn
	for _, u := range o.Uses {
		if u.Op != model.Done {
			continue
		}
		if u.Spawn == nil || u.Spawn.InLoop || only != nil && only != u.Spawn {
			return nil
		}
		only = u.Spawn
	}
	return only
}

// skippedWait reports group o, created and kept by its function, when the
// function starts work in it (Go, Add) and can return without waiting for
// it: Wait is skipped on an early return, or never called.
//
// A Wait made by another goroutine (go func() { wg.Wait(); close(done) }())
// counts as a join: the function waits on that goroutine instead.
func (c *checker) skippedWait(o *model.Object) {
	if c.m.EndsProcess(o.Fn) {
		return // when it returns, the process ends
	}
	var start *model.Use
	var costs model.Costs
	c.m.PriceGiveUps(o.Fn, &costs)
	c.m.PriceFailedOnly(o, &costs)
	var deferred []ssa.Instruction // the defer statements of deferred Waits
	waits := 0
	for _, u := range o.Uses {
		switch {
		case u.Op == model.Wait && (u.How == model.Spawned || c.onGoroutine(u.Instr, o.Fn)):
			return // joined elsewhere
		case u.Op == model.Wait:
			if u.How == model.Deferred {
				deferred = append(deferred, u.Site)
			}
			costs.Add(u, model.Never)
			waits++
		case (u.Op == model.Go || u.Op == model.Add) && u.How == model.Inline && start == nil:
			start = u
		}
	}
	if start == nil || startBarrier(o) || c.ownerStops(o) {
		return
	}
	if s := c.onlyCounted(o); s != nil {
		// A return past the last message of the one goroutine counted
		// is past its end: waiting would add nothing.
		c.m.PriceExited(o.Fn, s, &costs)
	}
	for _, u := range o.Uses {
		if u.Op == model.Wait && u.Site == start.Site {
			return // a function it is passed to adds and waits itself
		}
	}
	if waits == 0 && c.joinedOtherwise(o) {
		return // a WaitGroup an API wants, while a channel joins
	}
	if c.joinedByField(o) {
		return // the goroutines' owner joins them; o is a barrier besides
	}
	if call, ok := start.Site.(*ssa.Call); ok && (start.FailsFirst || model.FailsOnlyBefore(call, start.Instr)) {
		model.PriceFailure(call, &costs) // it failed before it started the work
	}
	p, from := c.unwaitedReturn(o, start, deferred, &costs)
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
		msg = fmt.Sprintf("%s that %s does not wait for when it %s: call %s.Wait first", verb, model.FuncLabel(o.Fn), c.m.ReturnsAt(o.Fn.Pos(), p), name)
	}
	// The work starts at its site in o's function; in the body of a range
	// over a function, that site is the body's closure, and the start is
	// reported where it is.
	site, ok := start.Site.(ssa.CallInstruction)
	if !ok {
		site, ok = start.Instr.(ssa.CallInstruction)
	}
	if !ok {
		return
	}
	_, call, ok := c.m.CallSyntax(site)
	if !ok {
		return
	}
	// A Wait skipped on a path is reported at the return that skips it,
	// where the Wait is missing; one never called, where the work starts.
	d := analysis.Diagnostic{Pos: call.Pos(), End: call.End(), Message: msg, Related: []analysis.RelatedInformation{c.m.Returns(p)}}
	if waits > 0 && p.Return.Pos().IsValid() {
		what := fmt.Sprintf("the goroutines %s.Add counts", name)
		if start.Op != model.Add {
			what = fmt.Sprintf("the tasks %s.Go starts", name)
		}
		how := "returns"
		if sel, i := p.SelectCase(); sel != nil {
			if text := c.m.CaseText(sel, i); text != "" {
				how += " through " + text
			}
		}
		counted := call.Pos() // where the work the path leaves behind starts
		if from != start.Site && from.Parent() == start.Site.Parent() && !model.Dominates(start.Site, from) && from.Pos().IsValid() {
			counted = from.Pos() // a goroutine, started before the Add, that adds itself
		}
		d.Message = fmt.Sprintf("%s %s without waiting for %s (line %d): call %s.Wait first", model.FuncLabel(o.Fn), how, what, c.m.Line(counted), name)
		d.Pos, d.End = p.Return.Pos(), token.NoPos
		d.Related = []analysis.RelatedInformation{model.Related(counted, name+" counts its work here")}
		for _, u := range o.Uses {
			if u.Op == model.Wait && u.How != model.Spawned {
				d.Related = append(d.Related, model.Related(u.Site.Pos(), "it waits here on other paths"))
				break
			}
		}
	}
	if f, ok := c.waitBeforeReturnFix(o, name, p); ok && waits > 0 && (start.Op != model.Add || c.balanced(o)) {
		d.SuggestedFixes = []analysis.SuggestedFix{f}
	}
	c.r.Report(d)
}

// startBarrier reports whether WaitGroup o only waits for its goroutines
// to start: each calls Done first thing, before anything else it does
// (go func() { wg.Done(); io.Copy(dst, src) }()). Its Wait joins no work,
// so returning without it leaves nothing behind that the goroutines would
// not leave anyway.
func startBarrier(o *model.Object) bool {
	if o.Kind != model.WaitGroup {
		return false
	}
	dones := 0
	for _, u := range o.Uses {
		if u.Op != model.Done {
			continue
		}
		if _, call := u.Instr.(*ssa.Call); !call || u.How != model.Spawned || u.Spawn == nil || u.Spawn.Body == nil || u.Instr.Block() != u.Spawn.Body.Blocks[0] {
			return false
		}
		for _, instr := range u.Instr.Block().Instrs {
			if instr == u.Instr {
				break
			}
			switch x := instr.(type) {
			case *ssa.UnOp:
				if x.Op == token.ARROW {
					return false // a receive; other UnOps load what it captured
				}
			case ssa.CallInstruction, *ssa.Send, *ssa.Select, *ssa.Panic:
				return false
			}
		}
		dones++
	}
	return dones > 0
}

// onGoroutine reports whether instr runs on a goroutine that fn, or a
// function literal in it, starts: gopls waits for its diagnoses with
// defer func() { go func() { wg.Wait(); work.End() }() }().
func (c *checker) onGoroutine(instr ssa.Instruction, fn *ssa.Function) bool {
	for f := instr.Parent(); f != nil && f != fn; f = f.Parent() {
		if slices.ContainsFunc(c.m.Spawns, func(s *model.Spawn) bool { return s.Go != nil && s.Body == f }) {
			return true
		}
	}
	return false
}

// unwaitedReturn returns a path that leaves o's function after start
// without a Wait, priced by costs and not covered by a deferred Wait, or
// nil; not one that takes a branch the way to start rules out (the Wait
// under the same test as the Add). After an Add, only a path that has started a goroutine holding the
// group leaves work behind: an early return between Add and the go
// statements abandons a counter no goroutine decrements, which is
// harmless.
//
// It also returns the instruction the path leaves from: start's site, or
// the go statement of a goroutine that holds the group.
func (c *checker) unwaitedReturn(o *model.Object, start *model.Use, deferred []ssa.Instruction, costs *model.Costs) (*model.Path, ssa.Instruction) {
	from := []ssa.Instruction{start.Site}
	if start.Op == model.Add {
		var spawned []ssa.Instruction
		for _, u := range o.Uses {
			if u.How == model.Spawned && u.Spawn != nil && !slices.Contains(spawned, u.Site) {
				spawned = append(spawned, u.Site)
			}
		}
		if len(spawned) > 0 {
			from = spawned
		}
	}
	for _, site := range from {
		if slices.ContainsFunc(deferred, func(d ssa.Instruction) bool { return model.Dominates(d, site) }) {
			continue // a deferred Wait joins at every return from here
		}
		if p := model.FeasibleReturn(site, costs); p != nil {
			return p, site
		}
	}
	return nil, nil
}

// joinedOtherwise reports whether every goroutine that uses o signals
// something else that o's function waits on or receives from.
func (c *checker) joinedOtherwise(o *model.Object) bool {
	var spawns []*model.Spawn
	for _, u := range o.Uses {
		if u.Spawn != nil && !slices.Contains(spawns, u.Spawn) {
			spawns = append(spawns, u.Spawn)
		}
	}
	for _, s := range spawns {
		if !slices.ContainsFunc(c.m.Objects, func(other *model.Object) bool {
			return other != o && other.Fn == o.Fn && other.SignalledBy(s) && slices.ContainsFunc(other.Uses, func(u *model.Use) bool {
				return u.How != model.Spawned && (u.Op == model.Wait || u.Op == model.Recv || u.Op == model.Range)
			})
		}) {
			return false
		}
	}
	return len(spawns) > 0
}

// joinedByField reports whether every goroutine that calls Done on o is
// counted, too, in a WaitGroup field that the package waits on (see
// model.JoinedByField): a way that skips o's Wait leaves them to their
// owner's stopping method, as when o is only a barrier for one mode
// (if once { defer first.Wait() }).
func (c *checker) joinedByField(o *model.Object) bool {
	n := 0
	for _, u := range o.Uses {
		if u.Op != model.Done {
			continue
		}
		if u.Spawn == nil || !c.m.JoinedByField(u.Spawn) {
			return false
		}
		n++
	}
	return n > 0
}

// balanced reports whether every Add on o is followed, in its block, by
// as many goroutines as it counts: only then does every path that returns
// after a go statement hold no count that no goroutine will release, and a
// Wait inserted there returns.
func (c *checker) balanced(o *model.Object) bool {
	for _, a := range o.Uses {
		if a.Op != model.Add {
			continue
		}
		if a.How != model.Inline || a.Site != a.Instr {
			return false
		}
		n, ok := constArg(a.Instr.(ssa.CallInstruction))
		if !ok {
			return false
		}
		if started, ok := c.startedAfter(o, a); !ok || started != n {
			return false
		}
	}
	return true
}

// waitBeforeReturnFix waits for group o right before the return statement
// that ends path p: wg.Wait() for a WaitGroup; for an errgroup or
// task.Group, _ = g.Wait(), since the return carries its own error. A
// return that answers a signal (case <-ctx.Done(), <-stop) is left alone:
// the function returns at once there, and a Wait would keep it until
// work nothing stops is done.
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
	switch clause := cur.Parent().Node().(type) {
	case *ast.BlockStmt, *ast.CaseClause:
	case *ast.CommClause:
		if signal(clause) {
			return analysis.SuggestedFix{}, false
		}
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
