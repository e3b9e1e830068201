package model

import (
	"go/constant"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// conds reports Cond.Waits that can sleep for good although something
// signals their Cond: a function changes what a Wait waits for and
// signals nothing (CondUnsignalled), or changes what another Wait waits
// for and then waits itself without waking it (CondUnwoken).
func (a *lockAnalysis) conds() {
	var waits []*Operation
	for _, c := range a.m.Classes() {
		if c.Kind != Cond || c.Outside.Has(Signal) || c.Outside.Has(Broadcast) {
			continue
		}
		for _, op := range c.Ops {
			if op.Op == Wait && op.Callee == nil {
				waits = append(waits, op)
			}
		}
	}
	if len(waits) == 0 {
		return
	}
	stores := make(map[*types.Var][]*ssa.Store)
	for _, lf := range a.order {
		for _, b := range lf.fn.Blocks {
			for _, instr := range b.Instrs {
				if st, ok := instr.(*ssa.Store); ok {
					if fa, ok := st.Addr.(*ssa.FieldAddr); ok {
						if f := fieldVar(fa.X.Type(), fa.Field); f != nil {
							stores[f] = append(stores[f], st)
						}
					}
				}
			}
		}
	}
	guards := make(map[*Operation][]guardField)
	for _, w := range waits {
		guards[w] = guardFieldsOf(w.Instr.Block())
	}
	for _, w := range waits {
		if a.unwoken(w, waits, guards, stores) {
			continue
		}
		a.unsignalled(w, guards[w], stores)
	}
}

// unsignalled reports Wait w when a function other than its own changes a
// field its loop's condition reads (the test it makes again on waking)
// and signals nothing on w's Cond.
func (a *lockAnalysis) unsignalled(w *Operation, fields []guardField, stores map[*types.Var][]*ssa.Store) {
	waiter := w.Fn()
	lf := a.fns[waiter]
	if lf != nil && a.wokenByOwn(lf, w) {
		return
	}
	owner := condOwner(w)
	for _, gf := range fields {
		if lf == nil || gf.test == nil || !a.reaches(lf, w.Instr, gf.test) {
			continue // not tested again after waking: not what it waits for
		}
		if owner != nil && pathOf(gf.base) != pathOf(owner) {
			continue // another object's: its settings, not the state the Cond guards
		}
		f := gf.field
		for _, st := range stores[f] {
			g := st.Parent()
			if within(g, waiter) || within(waiter, g) || a.m.InTest(st) || fresh(st) || !gf.wakes(st) {
				continue
			}
			up := a.m.Up(g)
			if up[waiter] || a.signalsAny(up, w.Class) {
				continue // the waiter itself, or a caller that signals after
			}
			a.report(&LockFinding{Kind: CondUnsignalled, At: w.Instr, Wait: w, Store: st, Field: f})
			return
		}
	}
}

// wokenByOwn reports whether w's function, on its way to w, starts a
// goroutine (itself or in a function it calls) that signals w's Cond: a
// timer that makes it look again. Such a Wait sleeps until that goroutine
// wakes it at the latest, whatever else changes without a signal.
func (a *lockAnalysis) wokenByOwn(lf *lockFn, w *Operation) bool {
	signalling := func(g *ssa.Go) bool {
		s := a.m.SpawnOf(g)
		return s != nil && s.Body != nil && a.signals(s.Body, w.Class, make(map[*ssa.Function]bool))
	}
	starts := func(fn *ssa.Function) bool {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if g, ok := instr.(*ssa.Go); ok && signalling(g) {
					return true
				}
			}
		}
		return false
	}
	for _, b := range lf.fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(ssa.CallInstruction)
			if !ok || !a.reaches(lf, instr, w.Instr) {
				continue
			}
			if g, ok := instr.(*ssa.Go); ok {
				if signalling(g) {
					return true
				}
				continue
			}
			for _, callee := range a.calleesOf(call) {
				if callee.lf != nil && starts(callee.lf.fn) {
					return true
				}
			}
		}
	}
	return false
}

// unwoken reports Wait w when its function, on the way to it, changes a
// field that another Wait on the same Cond waits on, and nothing wakes
// that Wait between the change and w.
func (a *lockAnalysis) unwoken(w *Operation, waits []*Operation, guards map[*Operation][]guardField, stores map[*types.Var][]*ssa.Store) bool {
	lf := a.fns[w.Fn()]
	if lf == nil {
		return false
	}
	var signals []ssa.Instruction
	for _, b := range lf.fn.Blocks {
		for _, instr := range b.Instrs {
			if call, ok := instr.(ssa.CallInstruction); ok && a.signalsAt(call, w.Class) {
				signals = append(signals, instr)
			}
		}
	}
	for _, other := range waits {
		if other == w || other.Class != w.Class {
			continue
		}
		for _, gf := range guards[other] {
			f := gf.field
			for _, st := range stores[f] {
				if st.Parent() != lf.fn || !gf.wakes(st) || !a.reaches(lf, st, w.Instr) {
					continue
				}
				if slices.ContainsFunc(signals, func(s ssa.Instruction) bool { return a.reaches(lf, st, s) && a.reaches(lf, s, w.Instr) }) {
					continue
				}
				a.report(&LockFinding{Kind: CondUnwoken, At: w.Instr, Wait: other, Store: st, Field: f})
				return true
			}
		}
	}
	return false
}

// signalsAt reports whether call signals or broadcasts a Cond of class c,
// itself or through the functions it calls.
func (a *lockAnalysis) signalsAt(call ssa.CallInstruction, c *Class) bool {
	for _, op := range a.m.OpAt(call) {
		if op.Class == c && (op.Op == Signal || op.Op == Broadcast) {
			return true
		}
	}
	for _, callee := range a.calleesOf(call) {
		if callee.lf != nil && a.signals(callee.lf.fn, c, make(map[*ssa.Function]bool)) {
			return true
		}
	}
	return false
}

// signals reports whether fn signals or broadcasts a Cond of class c,
// itself or through the functions it calls.
func (a *lockAnalysis) signals(fn *ssa.Function, c *Class, seen map[*ssa.Function]bool) bool {
	if seen[fn] {
		return false
	}
	seen[fn] = true
	for _, op := range a.m.OpsIn(fn) {
		if op.Class == c && (op.Op == Signal || op.Op == Broadcast) {
			return true
		}
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue
			}
			if _, isGo := instr.(*ssa.Go); isGo {
				continue
			}
			for _, callee := range a.calleesOf(call) {
				if callee.lf != nil && a.signals(callee.lf.fn, c, seen) {
					return true
				}
			}
		}
	}
	return false
}

func (a *lockAnalysis) signalsAny(fns map[*ssa.Function]bool, c *Class) bool {
	seen := make(map[*ssa.Function]bool)
	for fn := range fns {
		if a.signals(fn, c, seen) {
			return true
		}
	}
	return false
}

// condOwner returns the value whose field holds the Cond Wait w waits on
// (s for s.cv.Wait()), or nil.
func condOwner(w *Operation) ssa.Value {
	call, ok := w.Instr.(ssa.CallInstruction)
	if !ok || len(call.Common().Args) == 0 {
		return nil
	}
	v := call.Common().Args[0]
	if load, ok := v.(*ssa.UnOp); ok && load.Op == token.MUL {
		v = load.X
	}
	if fa, ok := v.(*ssa.FieldAddr); ok {
		return fa.X
	}
	return nil
}

// fresh reports whether store st initializes an object its function has
// just allocated: a constructor, before anyone can wait on it.
func fresh(st *ssa.Store) bool {
	fa := st.Addr.(*ssa.FieldAddr)
	_, ok := pathOf(fa).root.(*ssa.Alloc)
	return ok
}

// A guardField is a field read by a test that decides the way to a
// block.
type guardField struct {
	field *types.Var
	base  ssa.Value       // the value whose field it is
	test  ssa.Instruction // the If that reads it
	// stays is, for a boolean field tested directly (for s.busy { … }),
	// the value it has when the block is reached: storing it again changes
	// nothing for a Wait there.
	stays *bool
	// isNil is set for a field a test found nil on the way (a reply not
	// yet there): storing nil again changes nothing either.
	isNil bool
	// away is, for an integer field the Wait's loop compares with a
	// constant, the way a change only keeps it waiting: +1 when it waits
	// while the field is above the constant (for n > 0, and for n != 0, a
	// count taken to drain to zero from above), -1 while below. Adding to
	// the field, or taking from it, in that direction needs no signal.
	away int
}

// guardFieldsOf returns the fields read by the tests that every path to b
// takes the same way.
func guardFieldsOf(b *ssa.BasicBlock) []guardField {
	var fields []guardField
	var test ssa.Instruction
	add := func(fa *ssa.FieldAddr, stays *bool, isNil bool, away int) {
		f := fieldVar(fa.X.Type(), fa.Field)
		if f != nil && !slices.ContainsFunc(fields, func(g guardField) bool { return g.field == f && g.test == test }) {
			fields = append(fields, guardField{f, fa.X, test, stays, isNil, away})
		}
	}
	var visit func(v ssa.Value, depth int)
	visit = func(v ssa.Value, depth int) {
		if depth > 6 {
			return
		}
		switch x := v.(type) {
		case *ssa.UnOp:
			if x.Op == token.MUL {
				if fa, ok := x.X.(*ssa.FieldAddr); ok {
					add(fa, nil, false, 0)
					return
				}
			}
			visit(x.X, depth+1)
		case *ssa.BinOp:
			visit(x.X, depth+1)
			visit(x.Y, depth+1)
		case *ssa.Call:
			if _, ok := x.Call.Value.(*ssa.Builtin); ok {
				for _, arg := range x.Call.Args {
					visit(arg, depth+1)
				}
			}
		}
	}
	conds := knownAt(b)
	keys := make([]ssa.Value, 0, len(conds))
	for c := range conds {
		keys = append(keys, c)
	}
	slices.SortFunc(keys, func(x, y ssa.Value) int { return int(x.Pos() - y.Pos()) })
	for _, c := range keys {
		test = nil
		for _, r := range Refs(c) {
			if ifInstr, ok := r.(*ssa.If); ok && (ifInstr.Block() == b || ifInstr.Block().Dominates(b)) {
				test = ifInstr
			}
		}
		val := conds[c]
		x := c
		if not, ok := x.(*ssa.UnOp); ok && not.Op == token.NOT {
			x, val = not.X, !val
		}
		if load, ok := x.(*ssa.UnOp); ok && load.Op == token.MUL {
			if fa, ok := load.X.(*ssa.FieldAddr); ok {
				add(fa, &val, false, 0)
				continue
			}
		}
		if v, eql, ok := nilTest(x); ok {
			if load, ok := v.(*ssa.UnOp); ok && load.Op == token.MUL {
				if fa, ok := load.X.(*ssa.FieldAddr); ok {
					add(fa, nil, val == eql, 0)
					continue
				}
			}
		}
		if fa, away := comparedField(x, val); fa != nil {
			add(fa, nil, false, away)
			continue
		}
		visit(c, 0)
	}
	return fields
}

// comparedField returns the field that condition c, which holds val on
// the way to a Wait, compares with an integer constant or a parameter of
// the waiting function (a limit it was given, fixed while it waits), and
// the way a change of it only keeps the Wait waiting (see
// guardField.away).
func comparedField(c ssa.Value, val bool) (*ssa.FieldAddr, int) {
	cmp, ok := c.(*ssa.BinOp)
	if !ok || !isInteger(cmp.X.Type()) {
		return nil, 0
	}
	op, x, y := cmp.Op, cmp.X, cmp.Y
	if fixed(x) {
		x, y = y, x
		op = map[token.Token]token.Token{token.GTR: token.LSS, token.GEQ: token.LEQ, token.LSS: token.GTR, token.LEQ: token.GEQ, token.NEQ: token.NEQ, token.EQL: token.EQL}[op]
	}
	if !val {
		op = map[token.Token]token.Token{token.GTR: token.LEQ, token.GEQ: token.LSS, token.LSS: token.GEQ, token.LEQ: token.GTR, token.NEQ: token.EQL, token.EQL: token.NEQ}[op]
	}
	if call, ok := x.(*ssa.Call); ok && isBuiltin(call, "len") {
		x = call.Call.Args[0] // the length of a slice field (for len(q.ops) > 0)
	}
	load, ok := x.(*ssa.UnOp)
	if !ok || load.Op != token.MUL || !fixed(y) {
		return nil, 0
	}
	fa, ok := load.X.(*ssa.FieldAddr)
	if !ok {
		return nil, 0
	}
	k, isConst := y.(*ssa.Const)
	switch {
	case op == token.GTR, op == token.GEQ, op == token.NEQ && isConst && constant.Sign(k.Value) == 0:
		return fa, +1
	case op == token.LSS, op == token.LEQ:
		return fa, -1
	}
	return fa, 0
}

// wakes reports whether store st can change field g so that a Wait it
// guards may proceed.
func (g guardField) wakes(st *ssa.Store) bool {
	if g.isNil && IsNil(st.Val) {
		return false
	}
	if g.away != 0 && stepOf(st, g.field)*g.away > 0 {
		return false // it moves the field further from the way out
	}
	if g.stays == nil {
		return true
	}
	c, ok := st.Val.(*ssa.Const)
	if !ok || c.Value == nil || c.Value.Kind() != constant.Bool {
		return true
	}
	return constant.BoolVal(c.Value) != *g.stays
}

// stepOf returns the sign of what store st adds to field f, when it
// stores f plus or minus a constant (n++, n -= 2) or an amount
// (available -= amount), or appends to slice f (its length grows), or 0.
// An amount added or taken is taken to be one, not its opposite:
// Consume(amount) takes, Produce(amount) adds.
func stepOf(st *ssa.Store, f *types.Var) int {
	if call, ok := st.Val.(*ssa.Call); ok && isBuiltin(call, "append") {
		if load, ok := call.Call.Args[0].(*ssa.UnOp); ok && load.Op == token.MUL {
			if fa, ok := load.X.(*ssa.FieldAddr); ok && fieldVar(fa.X.Type(), fa.Field) == f {
				return +1 // it grows the slice f
			}
		}
		return 0
	}
	add, ok := st.Val.(*ssa.BinOp)
	if !ok || add.Op != token.ADD && add.Op != token.SUB || !isInteger(add.Type()) {
		return 0
	}
	load, ok := add.X.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return 0
	}
	if fa, ok := load.X.(*ssa.FieldAddr); !ok || fieldVar(fa.X.Type(), fa.Field) != f {
		return 0
	}
	sign := 1
	if k, ok := add.Y.(*ssa.Const); ok {
		if k.Value == nil || k.Value.Kind() != constant.Int {
			return 0
		}
		sign = constant.Sign(k.Value)
	}
	if add.Op == token.SUB {
		return -sign
	}
	return sign
}

// fixed reports whether v is an integer constant, or a parameter: a value
// that stays what it is while a function waits.
func fixed(v ssa.Value) bool {
	switch v := v.(type) {
	case *ssa.Const:
		return v.Value != nil && v.Value.Kind() == constant.Int
	case *ssa.Parameter:
		return true
	}
	return false
}

func isInteger(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsInteger != 0
}
