package leakedgo

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/structlint/structlint/internal/model"
)

// locks reports the ways the package's goroutines can block forever on a
// lock or a Cond (see model.LockFinding).
func (c *checker) locks() {
	for _, f := range c.m.LockFindings() {
		pos := f.Pos()
		if c.reported[f.At] {
			continue
		}
		c.reported[f.At] = true
		d := analysis.Diagnostic{Pos: pos}
		switch f.Kind {
		case model.DoubleLock:
			d.Message = c.doubleLock(f)
		case model.HeldAcross:
			d.Message = c.heldAcross(f)
		case model.Inversion:
			d.Message = c.inversion(f)
		case model.Unreleased:
			d.Message = c.unreleased(f)
		case model.CondUnsignalled:
			d.Message = c.condUnsignalled(f)
		case model.CondUnwoken:
			d.Message = c.condUnwoken(f)
		}
		d.Related = c.related(f)
		if fix, ok := c.lockFix(f); ok {
			d.SuggestedFixes = []analysis.SuggestedFix{fix}
		}
		c.r.Report(d)
	}
}

// lockText renders the lock a Lock call takes, as written: "s.mu", or
// "t" for t.Lock() on a type that embeds its mutex.
func (c *checker) lockText(instr ssa.Instruction) string {
	call, ok := instr.(ssa.CallInstruction)
	if !ok {
		return "the lock"
	}
	_, expr, ok := c.m.CallSyntax(call)
	if !ok {
		return "the lock"
	}
	if sel, ok := ast.Unparen(expr.Fun).(*ast.SelectorExpr); ok {
		switch sel.Sel.Name {
		case "Lock", "RLock", "Unlock", "RUnlock":
			return types.ExprString(sel.X)
		}
	}
	return "the lock " + types.ExprString(expr.Fun) + " returns holding"
}

// funcOf names the function instr is in, for messages.
func funcOf(instr ssa.Instruction) string { return model.FuncLabel(instr.Parent()) }

func (c *checker) line(instr ssa.Instruction) int { return c.m.Line(instr.Pos()) }

// taken describes where lock s was taken: "locked at line 12", "read-locked
// by Put at line 12, which calls it at line 14".
func (c *checker) taken(s *model.LockSite) string {
	verb := "locked"
	if s.Read {
		verb = "read-locked"
	}
	inner := s.Inner
	if inner == nil {
		inner = s.Instr
	}
	where := fmt.Sprintf("%s at line %d", verb, c.line(inner))
	if inner.Parent() != s.Instr.Parent() {
		where = fmt.Sprintf("%s in %s (line %d)", verb, funcOf(inner), c.line(inner))
	}
	if s.Caller != nil {
		return fmt.Sprintf("its callers hold it: %s, %s, calls it at line %d", funcOf(s.Caller), where, c.line(s.Caller))
	}
	return where
}

// through describes the calls that lead from f.At to f.Inner: "in its
// call of commit (line 12)".
func (c *checker) through(f *model.LockFinding) string {
	if len(f.Via) == 0 {
		return ""
	}
	call := f.Via[0].(ssa.CallInstruction)
	name := "a function"
	if callee := call.Common().StaticCallee(); callee != nil {
		name = callee.Name()
	} else if call.Common().IsInvoke() {
		name = call.Common().Method.Name()
	}
	return fmt.Sprintf(" in its call of %s (line %d)", name, c.line(call))
}

func (c *checker) doubleLock(f *model.LockFinding) string {
	inner := f.Takes.Inner
	x := c.lockText(inner)
	fn := funcOf(f.At)
	doing := fmt.Sprintf("locking %s (line %d)", x, c.line(inner))
	if f.Takes.Read {
		doing = fmt.Sprintf("read-locking %s (line %d)", x, c.line(inner))
	}
	if len(f.Via) > 0 {
		doing = fmt.Sprintf("%s, %s in %s", c.through(f)[1:], doing, funcOf(inner))
	}
	held := c.taken(f.Held)
	switch {
	case f.Held.Read && f.Takes.Read:
		w := ""
		if f.Writer != nil {
			w = fmt.Sprintf(" (%s, line %d)", funcOf(f.Writer), c.line(f.Writer))
		}
		return fmt.Sprintf("%s can block forever %s: it holds a read lock on it already (%s), and a writer waiting in between%s blocks the second RLock while it waits for the first", fn, doing, held, w)
	case f.Held.Read:
		return fmt.Sprintf("%s blocks forever %s: it holds a read lock on it (%s), and Lock waits for every reader to unlock", fn, doing, held)
	}
	return fmt.Sprintf("%s blocks forever %s: it holds it already (%s)", fn, doing, held)
}

func (c *checker) heldAcross(f *model.LockFinding) string {
	op := f.Blocked[0]
	fn := funcOf(f.At)
	var doing string
	if len(f.Via) > 0 {
		doing = fmt.Sprintf("%s, %s", c.through(f)[1:], c.doingOp(op, f.Blocked))
	} else {
		doing = c.doingOp(op, f.Blocked)
	}
	x := c.lockText(f.Held.Inner)
	if f.Held.Inner == nil {
		x = c.lockText(f.Held.Instr)
	}
	who := "the goroutine that would release it"
	if f.Partner != nil {
		who = fmt.Sprintf("the goroutine that %s (%s, line %d)", releasing(f.Partner), funcOf(f.Partner.Instr), c.m.Line(f.Partner.Pos()))
	}
	return fmt.Sprintf("%s blocks forever %s while it holds %s (%s): %s locks %s first (%s, line %d)",
		fn, doing, x, c.taken(f.Held), who, x, funcOf(f.Needs), c.line(f.Needs))
}

// doingOp describes blocking operation op: "sending on ch (line 12)", or
// for a select, "in its select (line 12)".
func (c *checker) doingOp(op *model.Operation, ops []*model.Operation) string {
	if len(ops) > 1 {
		return fmt.Sprintf("in its select (line %d)", c.m.Line(op.Instr.Pos()))
	}
	what := c.m.OperandText(op)
	if what == "" {
		what = "the " + op.Class.Kind.String()
	}
	line := c.m.Line(op.Pos())
	switch op.Op {
	case model.Send:
		return fmt.Sprintf("sending on %s (line %d)", what, line)
	case model.Range:
		return fmt.Sprintf("in its range over %s (line %d)", what, line)
	case model.Wait:
		return fmt.Sprintf("in %s.Wait (line %d)", what, line)
	}
	return fmt.Sprintf("receiving from %s (line %d)", what, line)
}

// releasing says what partner p does: "receives from it".
func releasing(p *model.Operation) string {
	switch p.Op {
	case model.Send:
		return "sends on it"
	case model.Recv, model.Range:
		return "receives from it"
	case model.Close:
		return "closes it"
	case model.Done:
		return "calls Done"
	case model.Signal, model.Broadcast:
		return "signals it"
	}
	return "releases it"
}

func (c *checker) inversion(f *model.LockFinding) string {
	y := c.lockText(f.Takes.Inner)
	x := c.lockText(f.Held.Inner)
	fn := funcOf(f.Takes.Instr)
	first := fmt.Sprintf("%s locks %s (line %d%s) while it holds %s (%s)", fn, y, c.line(f.Takes.Inner), c.in(f.Takes), x, c.taken(f.Held))
	if f.Other == nil {
		return first + ", two locks of one type taken in the order of its arguments: a call with the arguments the other way round, at the same time, takes them in the other order and both block forever; lock them in a fixed order (by ID or address)"
	}
	o := f.Other
	return fmt.Sprintf("%s, and %s locks %s (line %d%s) while it holds %s (%s): run at the same time, each can block forever waiting for the other; take the two locks in one order",
		first, funcOf(o.Takes.Instr), c.lockText(o.Takes.Inner), c.line(o.Takes.Inner), c.in(o.Takes), c.lockText(o.Held.Inner), c.taken(o.Held))
}

// in says through which call a lock is taken: ", in its call of commit".
func (c *checker) in(s *model.LockSite) string {
	if s.Inner == nil || s.Inner == s.Instr {
		return ""
	}
	return fmt.Sprintf(" in %s, called at line %d", funcOf(s.Inner), c.line(s.Instr))
}

func (c *checker) unreleased(f *model.LockFinding) string {
	x := c.lockText(f.At)
	verb := "locked"
	if f.Held.Read {
		verb = "read-locked"
	}
	fn := funcOf(f.At)
	ret := c.m.Line(model.ReturnPos(f.Return))
	how := fmt.Sprintf("returns at line %d with %s still %s (line %d)", ret, x, verb, c.line(f.At))
	if f.Loop {
		how = fmt.Sprintf("goes round its loop with %s still %s (line %d), and returns at line %d", x, verb, c.line(f.At), ret)
	}
	next := ""
	if f.Next != nil {
		next = fmt.Sprintf(": the next lock of it (%s, line %d) blocks forever", funcOf(f.Next), c.line(f.Next))
	}
	return fmt.Sprintf("%s %s%s; unlock it on that path", fn, how, next)
}

func (c *checker) condUnsignalled(f *model.LockFinding) string {
	w := c.m.OperandText(f.Wait)
	return fmt.Sprintf("%s can wait forever in %s.Wait (line %d): it waits for %s to change, but %s changes it (line %d) without calling %s.Signal or %s.Broadcast",
		funcOf(f.At), w, c.m.Line(f.Wait.Pos()), f.Field.Name(), funcOf(f.Store), c.line(f.Store), w, w)
}

func (c *checker) condUnwoken(f *model.LockFinding) string {
	w := c.m.OperandText(f.Wait)
	return fmt.Sprintf("%s waits in %s.Wait (line %d) after changing %s (line %d), which %s waits on (line %d), without waking it: both can wait forever; call %s.Broadcast() before waiting",
		funcOf(f.At), w, c.line(f.At), f.Field.Name(), c.line(f.Store), funcOf(f.Wait.Instr), c.m.Line(f.Wait.Pos()), w)
}

// related returns the positions a finding names.
func (c *checker) related(f *model.LockFinding) []analysis.RelatedInformation {
	var rel []analysis.RelatedInformation
	add := func(instr ssa.Instruction, msg string) {
		if instr != nil && instr.Pos().IsValid() {
			rel = append(rel, analysis.RelatedInformation{Pos: instr.Pos(), Message: msg})
		}
	}
	if f.Held != nil {
		if f.Held.Inner != nil {
			add(f.Held.Inner, "locked here")
		} else {
			add(f.Held.Instr, "locked here")
		}
		if f.Held.Caller != nil {
			add(f.Held.Caller, "called here with the lock held")
		}
	}
	if f.Inner != nil {
		add(f.Inner, "blocks here")
	}
	add(f.Needs, "its partner takes the lock here")
	if f.Other != nil {
		add(f.Other.Held.Inner, "the other lock is held here")
		add(f.Other.Takes.Inner, "and this one taken here")
	}
	if f.Return != nil {
		rel = append(rel, analysis.RelatedInformation{Pos: model.ReturnPos(f.Return), Message: "returns here with the lock held"})
	}
	add(f.Next, "blocks here")
	if f.Store != nil {
		add(f.Store, "changed here")
	}
	return rel
}

// lockFix returns the suggested fix of a finding, if it has a safe one.
func (c *checker) lockFix(f *model.LockFinding) (analysis.SuggestedFix, bool) {
	_ = token.NoPos
	return analysis.SuggestedFix{}, false
}
