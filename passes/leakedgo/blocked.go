package leakedgo

import (
	"cmp"
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/structlint/structlint/internal/model"
)

// uses sorts the uses of a channel by who performs them.
type uses struct {
	sends  map[*model.Spawn][]*model.Use // blocking sends, by the go statement whose goroutine makes them
	ranges map[*model.Spawn][]*model.Use // range loops, by goroutine
	recvs  map[*model.Spawn][]*model.Use // blocking receives outside range loops, by goroutine

	// By the creator itself, inline or deferred.
	ownSends, ownRecvs, ownCloses []*model.Use
	// By goroutines that are not one go statement of the creator (group
	// tasks, goroutines started by callees), or non-blocking ones.
	otherSends, otherRecvs, otherCloses bool
}

func sortUses(o *model.Object) *uses {
	us := &uses{
		sends:  make(map[*model.Spawn][]*model.Use),
		ranges: make(map[*model.Spawn][]*model.Use),
		recvs:  make(map[*model.Spawn][]*model.Use),
	}
	for _, u := range o.Uses {
		own := u.How != model.Spawned
		byGo := u.How == model.Spawned && u.Spawn != nil
		switch u.Op {
		case model.Send:
			switch {
			case own:
				us.ownSends = append(us.ownSends, u)
			case byGo && u.Blocking():
				us.sends[u.Spawn] = append(us.sends[u.Spawn], u)
			case byGo && u.Select != nil && slices.ContainsFunc(o.Uses, func(b *model.Use) bool { return b.Spawn == u.Spawn && b.Op == model.Send && b.Blocking() }):
				// A case of a select by a goroutine that also sends plainly
				// (done <- true, or return when stopped; done <- false on
				// failure): it does not wait there alone, and the plain
				// sends are the ones judged.
			default:
				us.otherSends = true
			}
		case model.Recv, model.Range:
			switch {
			case own:
				us.ownRecvs = append(us.ownRecvs, u)
			case byGo && u.Op == model.Range:
				us.ranges[u.Spawn] = append(us.ranges[u.Spawn], u)
			case byGo && u.Blocking():
				us.recvs[u.Spawn] = append(us.recvs[u.Spawn], u)
			default:
				us.otherRecvs = true
			}
		case model.Close:
			if own {
				us.ownCloses = append(us.ownCloses, u)
			} else {
				us.otherCloses = true
			}
		}
	}
	return us
}

// channel reports the goroutines that block forever on channel o, a
// channel the creator makes and keeps.
func (c *checker) channel(o *model.Object) {
	if c.m.EndsProcess(o.Fn) {
		return // when its creator returns, the process ends
	}
	us := sortUses(o)
	if len(us.sends) > 0 && c.oneSender(us) && !us.otherSends && len(us.ownSends) == 0 && len(us.ranges) == 0 && len(us.recvs) == 0 && !us.otherRecvs {
		for s, sends := range us.sends {
			if s.InLoop && !c.madeEachRound(o, s) && !c.receivedEachRound(us, s) {
				c.nCast(o, us, s, sends)
			} else {
				c.blockedSend(o, us, s, sends)
			}
		}
	}
	if !us.otherCloses {
		for s, ranges := range us.ranges {
			c.neverClosed(o, us, s, ranges[0])
		}
	}
	if !us.otherSends && !us.otherCloses && len(us.sends) == 0 {
		for s, recvs := range us.recvs {
			c.neverSent(o, us, s, recvs[0])
		}
	}
}

// oneSender reports whether one goroutine at most sends on the channel
// in each run of its creator: one go statement, or several of which no
// run starts two (the branches of a switch).
func (c *checker) oneSender(us *uses) bool {
	var starts []ssa.Instruction
	for s := range us.sends {
		if len(us.sends) > 1 && c.m.InLoop(s.Start) {
			return false
		}
		starts = append(starts, s.Start)
	}
	for i, x := range starts {
		for _, y := range starts[i+1:] {
			if x.Parent() != y.Parent() || !model.Apart(x, y) {
				return false
			}
		}
	}
	return true
}

// blockedSend reports goroutine s, the only one sending on o, when a path
// of the creator returns after fewer receives than s can send, minus the
// buffer: a premature return (no receive) or a double send.
func (c *checker) blockedSend(o *model.Object, us *uses, s *model.Spawn, sends []*model.Use) {
	if s.Parent != o.Fn {
		return
	}
	for _, u := range sends {
		if c.m.InLoop(u.Instr) {
			return // sends a number of times the analysis cannot count
		}
	}
	capacity, ok := chanCap(o)
	if !ok {
		return
	}
	n := maxSends(sends)
	if capacity >= n {
		return
	}
	if c.m.ClosesOnReturn(o.Fn, c.m.ClassOf(o.Value), []ssa.Instruction{s.Start}) {
		return // closed at every return: a send left over panics, it does not wait
	}
	var costs model.Costs
	c.m.PriceGiveUps(o.Fn, &costs)
	model.PriceNotStarted(s, sends[0], &costs)
	// A return through <-done, which s closes as it returns, comes when s
	// is past its sends; one through <-ready, which s closes only on ways
	// that make none of them, when it will make none.
	c.m.PriceExited(o.Fn, s, &costs)
	var sent []ssa.Instruction
	for _, u := range sends {
		sent = append(sent, u.Instr)
	}
	c.m.PriceExcluded(o.Fn, s, sent, &costs)
	if s.InLoop && !c.madeEachRound(o, s) {
		// One channel for every round, each round's goroutine answered in
		// its round: a way that goes on to the next go statement has
		// received this one's answer, and is judged as the next one's.
		costs.AddInstr(s.Start, model.Never)
	}
	perRound := s.InLoop // a channel made afresh each round, or answered each round
	for _, u := range us.ownRecvs {
		cost := 1
		if u.Op == model.Range || c.m.InLoop(u.Site) && !(perRound && c.sameLoop(u.Site, s.Start)) {
			// It receives as long as there are senders, and the loop ends
			// by its condition only once it has received what it waits
			// for (for !(readDone && writeDone)).
			cost = model.Never
			var caseTo *ssa.BasicBlock
			if u.Instr == u.Site {
				caseTo = model.CaseTo(u.Select, u.Case)
			}
			model.PriceLoop(&costs, u.Site, caseTo)
		}
		if u.How == model.Deferred && model.Dominates(u.Site, s.Start) {
			return // receives at every return (counted once, it is enough for one send)
		}
		costs.Add(u, cost)
	}
	c.priceOtherResults(o, s, sends, &costs)
	p := model.FeasibleReturn(s.Start, &costs)
	if p == nil || p.Cost+capacity >= n {
		return
	}
	var msg string
	sends = slices.Clone(sends)
	slices.SortFunc(sends, func(x, y *model.Use) int { return cmp.Compare(x.Instr.Pos(), y.Instr.Pos()) }) // in the order they run
	blocked := sends[min(p.Cost+capacity, len(sends)-1)]                                                   // the first send the buffer cannot take
	switch {
	case p.Cost == 0 && capacity == 0:
		msg = fmt.Sprintf("%s blocks forever sending on %s %s when %s %s",
			s.Who(), describe(o), c.opAt(blocked), model.FuncLabel(o.Fn), c.m.ReturnsAt(s.Pos(), p))
	case p.Cost == 0:
		msg = fmt.Sprintf("%s blocks forever on its %s send on %s %s: %s receives none before it %s",
			s.Who(), ordinal(capacity+1), describe(o), c.opAt(blocked), model.FuncLabel(o.Fn), c.m.ReturnsAt(s.Pos(), p))
	default:
		msg = fmt.Sprintf("%s blocks forever on its %s send on %s %s: %s receives only %s before it %s",
			s.Who(), ordinal(p.Cost+capacity+1), describe(o), c.opAt(blocked), model.FuncLabel(o.Fn), times(p.Cost), c.m.ReturnsAt(s.Pos(), p))
	}
	d := analysis.Diagnostic{Message: msg, Related: []analysis.RelatedInformation{
		model.Related(blocked.Instr.Pos(), "the goroutine blocks here"), c.m.Returns(p)}}
	if counted(s, sends) {
		if f, ok := c.bufferFix(o, fmt.Sprint(n), fmt.Sprintf("Give %s a buffer of %d so the goroutine can always send", describe(o), n)); ok {
			d.SuggestedFixes = []analysis.SuggestedFix{f}
		}
	}
	c.report(s, d)
}

// counted reports whether goroutine s makes each of its sends once. A
// send that may repeat does not, unless only because s is started in a
// loop, one goroutine a round, which blockedSend judges round by round.
// A call of another package's function that may repeat its send (a relay
// loop) never is.
func counted(s *model.Spawn, sends []*model.Use) bool {
	return !slices.ContainsFunc(sends, func(u *model.Use) bool { return u.Repeats && (u.Callee != nil || !s.InLoop) })
}

// madeEachRound reports whether channel o is made afresh in the loop that
// starts goroutine s, before it: each round's goroutine has a channel of
// its own (a result channel per request), and is judged alone.
func (c *checker) madeEachRound(o *model.Object, s *model.Spawn) bool {
	mc, ok := o.Value.(*ssa.MakeChan)
	return ok && model.Dominates(mc, s.Start) && c.sameLoop(mc, s.Start)
}

// receivedEachRound reports whether goroutine s, started in a loop, is
// answered in its round: its creator receives from the channel after the
// go statement, in the same loop (for { go call(); select { case <-done:
// case <-stop: return } }).
func (c *checker) receivedEachRound(us *uses, s *model.Spawn) bool {
	for _, u := range us.ownRecvs {
		if u.How == model.Inline && u.Op == model.Recv && u.Site.Parent() == s.Parent && c.sameLoop(u.Site, s.Start) && model.Dominates(s.Start, u.Site) {
			return true
		}
	}
	return false
}

// sameLoop reports whether a and b are in the same innermost loop
// statement.
func (c *checker) sameLoop(a, b ssa.Instruction) bool {
	la, ok := c.enclosingLoop(a.Pos())
	lb, ok2 := c.enclosingLoop(b.Pos())
	return ok && ok2 && la == lb
}

// priceOtherResults counts, among the ways the creator of o returns, a
// receive from another channel of its that only goroutine s sends on, as
// one from o, when s sends once in all on o and that channel on every way
// through it: a result on one channel or an error on the other. Having
// received the one, the creator knows s will not send the other.
func (c *checker) priceOtherResults(o *model.Object, s *model.Spawn, sends []*model.Use, costs *model.Costs) {
	for _, o2 := range c.m.Objects {
		if o2 == o || o2.Fn != o.Fn || o2.Kind != model.Chan || o2.Escape != nil {
			continue
		}
		us2 := sortUses(o2)
		if len(us2.sends) != 1 || us2.sends[s] == nil || us2.otherSends || len(us2.ownSends) > 0 || us2.otherRecvs {
			continue
		}
		if maxSends(append(slices.Clone(sends), us2.sends[s]...)) > 1 {
			continue
		}
		for _, u := range us2.ownRecvs {
			if u.How == model.Inline {
				costs.Add(u, 1)
			}
		}
	}
}

// nCast reports goroutines started in a loop that each send on unbuffered
// channel o, when the creator can return from the loop that receives
// their results before it has received them all: the first error, a
// ctx.Done() case.
func (c *checker) nCast(o *model.Object, us *uses, s *model.Spawn, sends []*model.Use) {
	if s.Parent != o.Fn {
		return
	}
	if capacity, ok := chanCap(o); !ok || capacity != 0 {
		return // a buffer sized at run time, e.g. len(urls), may well be enough
	}
	for _, recv := range us.ownRecvs {
		if recv.How == model.Deferred && model.Dominates(recv.Site, s.Start) {
			return // a deferred receive drains the channel at every return
		}
	}
	for _, recv := range us.ownRecvs {
		if recv.How != model.Inline || recv.Op == model.Range || !c.m.InLoop(recv.Site) || recv.Site.Parent() != o.Fn {
			continue
		}
		loop, ok := c.enclosingLoop(recv.Site.Pos())
		if !ok {
			continue
		}
		if f, ok := loop.(*ast.ForStmt); ok && f.Cond == nil && recv.Select == nil {
			continue // for {}: a return after a receive is how it ends (a count-down)
		}
		// Return from inside the loop, without draining the channel on
		// the way out.
		var costs model.Costs
		c.m.PriceGiveUps(o.Fn, &costs)
		for _, u := range us.ownRecvs {
			if u != recv {
				costs.Add(u, model.Never)
			}
		}
		if recv.Select != nil {
			costs.Add(recv, model.Never) // take another case
		}
		for _, b := range o.Fn.Blocks {
			if ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok && !(loop.Pos() <= ret.Pos() && ret.Pos() < loop.End()) {
				costs.AddInstr(ret, model.Never)
			}
		}
		p := model.CheapestReturn(recv.Site, &costs)
		if p == nil {
			continue
		}
		d := analysis.Diagnostic{Message: fmt.Sprintf(
			"goroutines started in a loop block forever sending on %s %s when %s %s before receiving from all of them",
			describe(o), c.opAt(sends[0]), model.FuncLabel(o.Fn), c.m.ReturnsAt(s.Pos(), p)),
			Related: []analysis.RelatedInformation{model.Related(sends[0].Instr.Pos(), "each goroutine sends here"), c.m.Returns(p)}}
		if n, ok := c.loopCount(o, s); ok {
			if f, ok := c.bufferFix(o, n, fmt.Sprintf("Give %s a buffer of %s, one per goroutine, so each can always send", describe(o), n)); ok {
				d.SuggestedFixes = []analysis.SuggestedFix{f}
			}
		}
		c.report(s, d)
		return
	}
}

// enclosingLoop returns the innermost for or range statement around pos in
// its function.
func (c *checker) enclosingLoop(pos token.Pos) (ast.Stmt, bool) {
	cur, ok := c.m.Syntax(pos)
	if !ok {
		return nil, false
	}
	for l := range cur.Enclosing((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil), (*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		stmt, ok := l.Node().(ast.Stmt)
		return stmt, ok
	}
	return nil, false
}

// neverClosed reports goroutine s that ranges over o when a path of the
// creator returns without closing it: the range never ends.
func (c *checker) neverClosed(o *model.Object, us *uses, s *model.Spawn, rng *model.Use) {
	if s.Parent != o.Fn {
		return
	}
	var costs model.Costs
	c.m.PriceGiveUps(o.Fn, &costs)
	model.PriceNotStarted(s, rng, &costs)
	c.m.PriceExited(o.Fn, s, &costs)
	for _, u := range us.ownCloses {
		if model.Dominates(u.Site, s.Start) {
			return // closed at every return, or before the goroutine starts
		}
		costs.Add(u, model.Never)
	}
	p := model.FeasibleReturn(s.Start, &costs)
	if p == nil {
		return
	}
	var msg string
	if len(us.ownCloses) == 0 {
		msg = fmt.Sprintf("%s ranges over %s %s, which nothing closes: the loop never ends", s.Who(), describe(o), c.opAt(rng))
	} else {
		msg = fmt.Sprintf("%s ranges over %s %s, which %s leaves open when it %s: the loop never ends",
			s.Who(), describe(o), c.opAt(rng), model.FuncLabel(o.Fn), c.m.ReturnsAt(s.Pos(), p))
	}
	d := analysis.Diagnostic{Message: msg, Related: []analysis.RelatedInformation{
		model.Related(rng.Instr.Pos(), "the goroutine ranges here"), c.m.Returns(p)}}
	if f, ok := c.deferCloseFix(o, us); ok {
		d.SuggestedFixes = []analysis.SuggestedFix{f}
	}
	c.report(s, d)
}

// neverSent reports goroutine s that receives from o when a path of the
// creator returns without sending on it or closing it.
//
// It stays quiet where it cannot count: a goroutine started in a loop, or
// a creator that sends or closes in a loop. A select case that sends on o
// is assumed to be taken.
func (c *checker) neverSent(o *model.Object, us *uses, s *model.Spawn, recv *model.Use) {
	if s.Parent != o.Fn || s.InLoop || c.m.InLoop(recv.Instr) {
		return
	}
	var costs model.Costs
	c.m.PriceGiveUps(o.Fn, &costs)
	model.PriceNotStarted(s, recv, &costs)
	c.m.PriceExited(o.Fn, s, &costs)
	for _, u := range append(us.ownSends, us.ownCloses...) {
		if c.m.InLoop(u.Site) || model.Dominates(u.Site, s.Start) {
			return
		}
		if !u.Maybe {
			costs.AddInstr(u.Site, model.Never)
		}
	}
	p := model.FeasibleReturn(s.Start, &costs)
	if p == nil {
		return
	}
	c.report(s, analysis.Diagnostic{Message: fmt.Sprintf(
		"%s blocks forever receiving from %s %s when %s %s without sending on it or closing it",
		s.Who(), describe(o), c.opAt(recv), model.FuncLabel(o.Fn), c.m.ReturnsAt(s.Pos(), p)),
		Related: []analysis.RelatedInformation{model.Related(recv.Instr.Pos(), "the goroutine blocks here"), c.m.Returns(p)}})
}

// maxSends returns the most sends on one way through the goroutine,
// counting each function it runs apart. A send made only while recovering
// from a panic is on a way that panicked: it adds to the sends that can
// come before a call that panics, not to those of a normal return.
func maxSends(sends []*model.Use) int {
	count := func(keep func(ssa.Instruction) bool) int {
		byFn := make(map[*ssa.Function][]ssa.Instruction)
		for _, s := range sends {
			if keep(s.Instr) {
				byFn[s.Instr.Parent()] = append(byFn[s.Instr.Parent()], s.Instr)
			}
		}
		n := 0
		for fn, instrs := range byFn {
			n += model.MaxOnPath(fn, instrs)
		}
		return n
	}
	normal := count(func(x ssa.Instruction) bool { return !model.Recovering(x) })
	recovering := count(model.Recovering)
	if recovering == 0 {
		return normal
	}
	beforePanic := count(func(x ssa.Instruction) bool { return !model.Recovering(x) && model.CallFollows(x) })
	return max(normal, recovering+beforePanic)
}

// chanCap returns the constant capacity of the channel o, if it has one.
func chanCap(o *model.Object) (int, bool) {
	mc := o.Value.(*ssa.MakeChan)
	c, ok := mc.Size.(*ssa.Const)
	if !ok || c.Value == nil || c.Value.Kind() != constant.Int {
		return 0, false
	}
	n, ok := constant.Int64Val(c.Value)
	return int(n), ok
}

func ordinal(n int) string {
	switch n {
	case 1:
		return "first"
	case 2:
		return "second"
	case 3:
		return "third"
	}
	return fmt.Sprintf("%dth", n)
}

func times(n int) string {
	switch n {
	case 1:
		return "once"
	case 2:
		return "twice"
	}
	return fmt.Sprintf("%d times", n)
}
