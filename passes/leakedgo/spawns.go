package leakedgo

import (
	"fmt"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/structlint/structlint/internal/model"
)

// processLifetime reports whether s is started where a goroutine is meant
// to live as long as the process (see model.ProcessLifetime).
func (c *checker) processLifetime(s *model.Spawn) bool { return c.m.ProcessLifetime(s.Parent) }

// unjoined reports goroutine s, in strict mode, when its spawner can
// return without waiting for it to finish: trio's rule that a goroutine's
// lifetime should be a visible scope. A goroutine counts as joined when it
// signals (Done, send, close) an object its spawner waits on (Wait,
// receive, range) on every path to return, or signals a struct field that
// some method of the package waits on (started in New or Start, joined in
// Close or Stop).
func (c *checker) unjoined(s *model.Spawn) {
	if c.processLifetime(s) {
		return
	}
	p := c.unjoinedPath(s)
	if p == nil {
		return
	}
	d := analysis.Diagnostic{Message: fmt.Sprintf("goroutine is not joined: nothing waits for it to finish when %s %s", model.FuncLabel(s.Parent), c.m.ReturnsAt(s.Pos(), p)),
		Related: []analysis.RelatedInformation{c.m.Returns(p)}}
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
	c.m.PriceGiveUps(s.Parent, &costs)
	// The goroutines whose end the spawner can see: s, and those that
	// wait for it and then signal (go func() { wg.Wait(); close(done) }()).
	signallers := []*model.Spawn{s}
	for i := 0; i < len(signallers); i++ {
		g := signallers[i]
		runs := c.m.Runs(g)
		for _, o := range c.m.Objects {
			if !o.SignalledBy(g) && !o.SignalledIn(runs) {
				continue
			}
			if o.Fn != s.Parent {
				return nil // joined by the function around the spawner's
			}
			for _, u := range o.Uses {
				if u.How == model.Spawned && u.Op == model.Wait && u.Spawn != nil && u.Spawn.Parent == s.Parent && !slices.Contains(signallers, u.Spawn) {
					signallers = append(signallers, u.Spawn) // a waiter that relays the end
				}
				if u.How == model.Spawned || !(u.Op == model.Wait || u.Op == model.Recv || u.Op == model.Range) {
					continue
				}
				if u.How == model.Deferred && model.Dominates(u.Site, s.Start) {
					return nil
				}
				if c.m.InLoop(u.Site) && !c.m.InLoop(s.Start) {
					// A loop that receives the results of goroutines started
					// before it (for i := 0; i < 2; i++ { select { case <-a:
					// case <-b: } }) has them all when it ends.
					model.PriceLoop(&costs, u.Site, model.CaseTo(u.Select, u.Case))
				}
				costs.Add(u, model.Never)
			}
		}
	}
	return model.CheapestReturn(s.Start, &costs)
}

// joinedByOwner reports whether goroutine s signals a struct field that
// another goroutine waits on: in a function s does not run, or one that
// also runs elsewhere (a Stop that the goroutine calls itself when it
// fails, and its owner calls to end it).
func (c *checker) joinedByOwner(s *model.Spawn) bool {
	runs := c.m.Runs(s)
	memo := make(map[*ssa.Function]bool)
	elsewhere := func(fn *ssa.Function) bool {
		if v, ok := memo[fn]; ok {
			return v
		}
		memo[fn] = false
		for f := range c.m.Up(fn) {
			if !runs[f] || c.m.Entry(f) {
				memo[fn] = true
				break
			}
		}
		return memo[fn]
	}
	for fn := range runs {
		for _, fu := range c.m.FieldUsesIn(fn) {
			if fu.Op != model.Done && fu.Op != model.Send && fu.Op != model.Close {
				continue
			}
			for _, w := range c.m.FieldUses(fu.Field) {
				if (w.Op == model.Wait || w.Op == model.Recv || w.Op == model.Range) && elsewhere(w.Instr.Parent()) {
					return true
				}
			}
		}
	}
	return false
}
