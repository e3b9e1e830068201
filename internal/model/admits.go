package model

import (
	"go/constant"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// Values known to be one of some constants.
//
// A test against a constant tells, on each of its ways, which constants a
// value can still be: after `if !valid(kind) { return err }`, where valid
// is true only for A and B, a `switch kind { case A: …; case B: … }`
// cannot take its default, and the return there ("should not happen") is
// no way out. The tests are comparisons with constants and calls of
// functions of the package that return true only for some constants of a
// parameter (see admitted). findDeadEdges records the ways that no value
// is left for.

// A constSet is the constants a value can be: any, or one of vals.
type constSet struct {
	any  bool
	vals []constant.Value
}

var anyConst = constSet{any: true}

func (s constSet) has(v constant.Value) bool {
	return slices.ContainsFunc(s.vals, func(x constant.Value) bool { return sameConst(x, v) })
}

// sameConst reports whether constants x and y are equal; constants of
// kinds that do not compare (a string and a number) are not.
func sameConst(x, y constant.Value) bool {
	numeric := func(k constant.Kind) bool { return k == constant.Int || k == constant.Float || k == constant.Complex }
	if x.Kind() != y.Kind() && !(numeric(x.Kind()) && numeric(y.Kind())) {
		return false
	}
	return constant.Compare(x, token.EQL, y)
}

// only is s narrowed to the constants of t.
func (s constSet) only(t constSet) constSet {
	if s.any {
		return t
	}
	if t.any {
		return s
	}
	return constSet{vals: slices.DeleteFunc(slices.Clone(s.vals), func(v constant.Value) bool { return !t.has(v) })}
}

// without is s less v; any stays any.
func (s constSet) without(v constant.Value) constSet {
	if s.any {
		return s
	}
	return constSet{vals: slices.DeleteFunc(slices.Clone(s.vals), func(x constant.Value) bool { return sameConst(x, v) })}
}

func (s constSet) union(t constSet) constSet {
	if s.any || t.any {
		return anyConst
	}
	out := slices.Clone(s.vals)
	for _, v := range t.vals {
		if !s.has(v) {
			out = append(out, v)
		}
	}
	return constSet{vals: out}
}

// admission is what a function returning a bool admits: it returns true
// only when parameter param is one of the constants in set.
type admission struct {
	param int
	set   constSet
}

// constDeadEdges returns the edges of fn that no value of a tested
// variable is left for.
func (m *Model) constDeadEdges(fn *ssa.Function) []Edge {
	var dead []Edge
	for _, x := range m.constTested(fn) {
		in := m.constFlow(fn, x)
		for _, b := range fn.Blocks {
			for _, s := range b.Succs {
				if out, ok := m.constOut(b, s, x, in.sets[b.Index]); ok && out.isEmpty() && !in.sets[b.Index].isEmpty() {
					dead = append(dead, Edge{b, s})
				}
			}
		}
	}
	return dead
}

func (s constSet) isEmpty() bool { return !s.any && len(s.vals) == 0 }

// constTested returns the values fn tests more than once against
// constants, or by a call that admits only some (see admitted), in an if:
// a test can rule a way out only after another narrowed the value.
func (m *Model) constTested(fn *ssa.Function) []ssa.Value {
	var xs []ssa.Value
	tests := make(map[ssa.Value]int)
	for _, b := range fn.Blocks {
		br, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
		if !ok || b.Succs[0] == b.Succs[1] {
			continue
		}
		x, _, _ := constCompare(br.Cond)
		if x == nil {
			x, _, _ = m.admitCall(br.Cond)
		}
		if x == nil {
			continue
		}
		if tests[x]++; tests[x] == 2 {
			xs = append(xs, x)
		}
	}
	return xs
}

// constCompare returns, for cond a comparison x == k or x != k with a
// constant k, x and k, and whether it is ==; x is nil for any other
// cond.
func constCompare(cond ssa.Value) (x ssa.Value, k constant.Value, eq bool) {
	cmp, ok := cond.(*ssa.BinOp)
	if !ok || cmp.Op != token.EQL && cmp.Op != token.NEQ {
		return nil, nil, false
	}
	x, y := cmp.X, cmp.Y
	if _, ok := x.(*ssa.Const); ok {
		x, y = y, x
	}
	c, ok := y.(*ssa.Const)
	if !ok || c.Value == nil {
		return nil, nil, false
	}
	if _, ok := x.(*ssa.Const); ok {
		return nil, nil, false
	}
	return x, c.Value, cmp.Op == token.EQL
}

// admitCall returns, for cond a call of a function that admits only some
// constants of an argument (see admitted), that argument and the set; ok
// is false otherwise. (The SSA builder turns `if !f(x)` into a branch on
// f(x) with its ways swapped, so a negation needs no case of its own.)
func (m *Model) admitCall(cond ssa.Value) (x ssa.Value, a constSet, ok bool) {
	call, isCall := cond.(*ssa.Call)
	if !isCall {
		return nil, constSet{}, false
	}
	f := bodyOf(call.Call.StaticCallee())
	if f == nil {
		return nil, constSet{}, false
	}
	ad, found := m.admitted(f)
	if !found || ad.param >= len(call.Call.Args) {
		return nil, constSet{}, false
	}
	return call.Call.Args[ad.param], ad.set, true
}

// admitted returns what f admits: a parameter it returns true for only
// when it is one of some constants, by its tests on every way to a
// return of true and by what it returns (k == A, a || b). Functions with
// loops admit nothing.
func (m *Model) admitted(f *ssa.Function) (admission, bool) {
	if ad, ok := m.admits[f]; ok {
		return ad, ad.param >= 0
	}
	none := admission{param: -1}
	m.admits[f] = none // while it is worked out: a recursive call admits nothing
	res := f.Signature.Results()
	if res.Len() != 1 || !types.Identical(res.At(0).Type().Underlying(), types.Typ[types.Bool]) || len(m.cyclic(f)) > 0 {
		return none, false
	}
	ad := none
	for i, p := range f.Params {
		if _, basic := p.Type().Underlying().(*types.Basic); !basic {
			continue // only numbers, strings and booleans are constants
		}
		in := m.constFlow(f, p)
		set := constSet{}
		for _, b := range f.Blocks {
			if ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok {
				set = set.union(m.trueWhen(ret.Results[0], b, p, in.sets[b.Index], in))
			}
		}
		if !set.any && len(set.vals) > 0 {
			ad = admission{param: i, set: set}
			break
		}
	}
	m.admits[f] = ad
	return ad, ad.param >= 0
}

// trueWhen returns the constants x can be, of those in in, when boolean v,
// which block b uses, is true: v may be a constant, a test of x, a φ-node
// of such (return a || b), or anything else, true for all of them.
func (m *Model) trueWhen(v ssa.Value, b *ssa.BasicBlock, x ssa.Value, in constSet, flow constFlowIn) constSet {
	if val, ok := boolConst(v); ok {
		if val {
			return in
		}
		return constSet{}
	}
	if y, k, eq := constCompare(v); y == x && x != nil {
		if eq {
			return in.only(constSet{vals: []constant.Value{k}})
		}
		return in.without(k)
	}
	if y, a, ok := m.admitCall(v); ok && y == x {
		return in.only(a)
	}
	if phi, ok := v.(*ssa.Phi); ok && phi.Block() == b {
		set := constSet{}
		for i, e := range phi.Edges {
			p := b.Preds[i]
			if !flow.known[p.Index] || b.Dominates(p) {
				return in
			}
			pin := flow.sets[p.Index]
			out, _ := m.constOut(p, b, x, pin)
			set = set.union(m.trueWhen(e, p, x, out, flow))
		}
		return set
	}
	return in
}

// constFlow returns, for each block of fn, the constants x can be on
// entering it, from the tests on the ways there. A block entered from a
// later one (a loop's head) knows nothing.
func (m *Model) constFlow(fn *ssa.Function, x ssa.Value) constFlowIn {
	in := constFlowIn{make([]constSet, len(fn.Blocks)), make([]bool, len(fn.Blocks))}
	for _, b := range reversePostorder(fn) {
		set := anyConst
		if b != fn.Blocks[0] {
			set = constSet{}
			for _, p := range b.Preds {
				if !in.known[p.Index] || b.Dominates(p) {
					set = anyConst // a back edge, or a way not yet known
					break
				}
				out, _ := m.constOut(p, b, x, in.sets[p.Index])
				set = set.union(out)
			}
		}
		in.sets[b.Index], in.known[b.Index] = set, true
	}
	return in
}

// constFlowIn is what constFlow finds, by block index: the constants a
// value can be on entering the block, for the blocks it reached.
type constFlowIn struct {
	sets  []constSet
	known []bool
}

// constOut returns the constants x can be on the edge from b to s, given
// those it can be in b; ok reports that b's test says something of x.
func (m *Model) constOut(b, s *ssa.BasicBlock, x ssa.Value, in constSet) (constSet, bool) {
	br, isIf := b.Instrs[len(b.Instrs)-1].(*ssa.If)
	if !isIf || b.Succs[0] == b.Succs[1] {
		return in, false
	}
	onTrue := s == b.Succs[0]
	if y, k, eq := constCompare(br.Cond); y == x && x != nil {
		if onTrue == eq {
			return in.only(constSet{vals: []constant.Value{k}}), true
		}
		return in.without(k), true
	}
	if y, a, ok := m.admitCall(br.Cond); ok && y == x && onTrue {
		return in.only(a), true
	}
	return in, false
}

// reversePostorder returns fn's blocks reachable from its entry, each
// after the blocks that lead to it but by back edges.
func reversePostorder(fn *ssa.Function) []*ssa.BasicBlock {
	var post []*ssa.BasicBlock
	seen := make(map[*ssa.BasicBlock]bool)
	var visit func(b *ssa.BasicBlock)
	visit = func(b *ssa.BasicBlock) {
		seen[b] = true
		for _, s := range b.Succs {
			if !seen[s] {
				visit(s)
			}
		}
		post = append(post, b)
	}
	if len(fn.Blocks) > 0 {
		visit(fn.Blocks[0])
	}
	slices.Reverse(post)
	return post
}
