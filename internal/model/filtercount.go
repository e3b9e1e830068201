package model

import (
	"go/constant"
	"go/token"
	"strconv"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// Counted buffers: a buffer sized by a first loop that counts the
// elements a second loop will send, over the same collection and under
// the same tests, holds every send of the second loop.
//
//	n := 0
//	for _, j := range jobs {
//		if j.State == Pending {
//			n++
//		}
//	}
//	pending := make(chan Job, n)
//	for _, j := range jobs {
//		if j.State == Pending && j.Ready() {
//			pending <- j
//		}
//	}
//
// The second loop sends in a round only where the tests it passed (on the
// element: j.State == Pending, true) take every way of the first loop's
// round to its n++; so it sends at most as often as the first counted.

// countedCovers reports whether size, the capacity of the channel send b
// makes its sends on in loop (whose count is bound), counts the rounds of
// a loop over the same elements that b's tests let through (see above).
func (m *Model) countedCovers(size, bound ssa.Value, b *Operation, loop []*ssa.BasicBlock) bool {
	phi, ok := size.(*ssa.Phi)
	if !ok {
		return false
	}
	h := phi.Block()
	incs := counterIncrements(phi)
	if incs == nil {
		return false
	}
	first := loopBlocks(h)
	if len(first) == 0 || first[b.Instr.Block()] || !enclosedLoop(first, h) {
		return false
	}
	if fb := countBound(inOrder(h.Parent(), first)); fb == nil || m.count(fb) != m.count(bound) {
		return false
	}
	facts := m.elementFacts(b.Instr.Block(), loopHead(loop))
	body := loopEntry(h, first)
	return body != nil && m.reachesAll(body, h, first, incs, facts)
}

// counterIncrements returns the blocks where φ, a count that starts at 0
// in loop header h's block, goes up by one (an edge, or an edge of a φ
// that merges ways inside the loop, brings φ+1), when every other edge
// from inside the loop brings φ unchanged; or nil.
func counterIncrements(phi *ssa.Phi) map[*ssa.BasicBlock]bool {
	h := phi.Block()
	incs := make(map[*ssa.BasicBlock]bool)
	seen := map[*ssa.Phi]bool{phi: true}
	var inner func(v ssa.Value) bool
	inner = func(v ssa.Value) bool {
		switch x := v.(type) {
		case *ssa.Phi:
			if x == phi {
				return true
			}
			if seen[x] || !h.Dominates(x.Block()) {
				return false
			}
			seen[x] = true
			for _, e := range x.Edges {
				if !inner(e) {
					return false
				}
			}
			return len(*x.Referrers()) == 1 // only on to the count
		case *ssa.BinOp:
			if x.Op != token.ADD || x.X != phi || !isIntConst(x.Y, 1) || len(*x.Referrers()) != 1 {
				return false // the count goes somewhere else too
			}
			incs[x.Block()] = true
			return true
		}
		return false
	}
	zero := false
	for i, e := range phi.Edges {
		if !h.Dominates(h.Preds[i]) {
			if !isIntConst(e, 0) {
				return nil
			}
			zero = true
			continue
		}
		if !inner(e) {
			return nil
		}
	}
	if !zero || len(incs) == 0 {
		return nil
	}
	return incs
}

// loopBlocks returns the blocks of the loop headed by h: h, and what
// reaches one of its back edges without passing h.
func loopBlocks(h *ssa.BasicBlock) map[*ssa.BasicBlock]bool {
	body := map[*ssa.BasicBlock]bool{h: true}
	var stack []*ssa.BasicBlock
	for _, x := range h.Preds {
		if h.Dominates(x) {
			stack = append(stack, x)
		}
	}
	if len(stack) == 0 {
		return nil
	}
	for len(stack) > 0 {
		y := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if !body[y] {
			body[y] = true
			stack = append(stack, y.Preds...)
		}
	}
	return body
}

// inOrder returns the blocks of fn in set, in fn's order.
func inOrder(fn *ssa.Function, set map[*ssa.BasicBlock]bool) []*ssa.BasicBlock {
	var out []*ssa.BasicBlock
	for _, b := range fn.Blocks {
		if set[b] {
			out = append(out, b)
		}
	}
	return out
}

// enclosedLoop reports whether the loop of blocks body, headed by h, runs
// all its rounds: only h's test leaves it (a return ends the function, and
// with it whatever would use the count).
func enclosedLoop(body map[*ssa.BasicBlock]bool, h *ssa.BasicBlock) bool {
	for b := range body {
		if b == h {
			continue
		}
		for _, s := range b.Succs {
			if !body[s] {
				return false
			}
		}
	}
	return true
}

// loopEntry returns the block where each round of the loop headed by h
// starts: h's successor inside the loop.
func loopEntry(h *ssa.BasicBlock, body map[*ssa.BasicBlock]bool) *ssa.BasicBlock {
	if len(h.Succs) != 2 || body[h.Succs[0]] == body[h.Succs[1]] {
		return nil
	}
	if body[h.Succs[0]] {
		return h.Succs[0]
	}
	return h.Succs[1]
}

// A elementTest is a test of a round's element against a constant: the
// element's fields on path compare equal to value, or not.
type elementTest struct {
	coll  ssa.Value // the collection, seen so that two loops over it agree (see elementPath)
	path  string    // the element's fields, "1.0" for j.Status.State
	value string    // the constant
}

// elementFacts returns what every way into block b from loop header h
// has found of the round's element: the tests on b's dominators whose
// outcome b needs, each with that outcome.
func (m *Model) elementFacts(b, h *ssa.BasicBlock) map[elementTest]bool {
	facts := make(map[elementTest]bool)
	for cur := b; cur != nil && cur != h; cur = cur.Idom() {
		d := cur.Idom()
		if d == nil {
			break
		}
		t, ok := m.elementTestOf(d, h)
		if !ok || d.Succs[0] == d.Succs[1] {
			continue
		}
		for i, s := range d.Succs {
			if len(s.Preds) == 1 && s.Dominates(b) {
				facts[t.test] = t.eq == (i == 0)
			}
		}
	}
	return facts
}

// A testAt is block's final test, of the round's element.
type testAt struct {
	test elementTest
	eq   bool // the test is ==, so its first successor is the equal way
}

// elementTestOf returns the test block d ends with, when it compares a
// field of the element of the loop headed by h with a constant.
func (m *Model) elementTestOf(d, h *ssa.BasicBlock) (testAt, bool) {
	if len(d.Instrs) == 0 {
		return testAt{}, false
	}
	br, ok := d.Instrs[len(d.Instrs)-1].(*ssa.If)
	if !ok {
		return testAt{}, false
	}
	cmp, ok := br.Cond.(*ssa.BinOp)
	if !ok || cmp.Op != token.EQL && cmp.Op != token.NEQ {
		return testAt{}, false
	}
	x, y := cmp.X, cmp.Y
	if _, ok := x.(*ssa.Const); ok {
		x, y = y, x
	}
	k, ok := y.(*ssa.Const)
	if !ok || k.Value == nil {
		return testAt{}, false
	}
	coll, path, ok := m.elementPath(x, h)
	if !ok {
		return testAt{}, false
	}
	val := k.Value.ExactString()
	if k.Value.Kind() == constant.String {
		val = strconv.Quote(constant.StringVal(k.Value))
	}
	return testAt{elementTest{coll, path, val}, cmp.Op == token.EQL}, true
}

// elementPath returns the fields of the element of the loop headed by h
// that v reads, and the collection: v is xs[i] or a field of it (through
// copies of the element into a variable), for the loop's index i, made in
// h. The collection is seen as counts see it (see count): two loads of a
// field the function does not write are one collection.
func (m *Model) elementPath(v ssa.Value, h *ssa.BasicBlock) (ssa.Value, string, bool) {
	var fields []string
	for range 16 {
		switch x := v.(type) {
		case *ssa.Field:
			fields = append(fields, strconv.Itoa(x.Field))
			v = x.X
			continue
		case *ssa.FieldAddr:
			fields = append(fields, strconv.Itoa(x.Field))
			v = x.X
			continue
		case *ssa.Alloc:
			if st := onlyStore(x); st != nil {
				v = st.Val
				continue
			}
		case *ssa.UnOp:
			if x.Op == token.MUL {
				if a, ok := x.X.(*ssa.IndexAddr); ok {
					if !definedIn(h, a.Index) {
						return nil, "", false
					}
					return m.fieldCount(m.Outer(a.X)), reversed(fields), true
				}
				v = x.X
				continue
			}
		case *ssa.Index:
			if !definedIn(h, x.Index) {
				return nil, "", false
			}
			return m.fieldCount(m.Outer(x.X)), reversed(fields), true
		}
		return nil, "", false
	}
	return nil, "", false
}

// definedIn reports whether v is computed in block b.
func definedIn(b *ssa.BasicBlock, v ssa.Value) bool {
	instr, ok := v.(ssa.Instruction)
	return ok && instr.Block() == b
}

func reversed(s []string) string {
	var b strings.Builder
	for i := len(s) - 1; i >= 0; i-- {
		b.WriteString(s[i])
		if i > 0 {
			b.WriteByte('.')
		}
	}
	return b.String()
}

// reachesAll reports whether every way from from, the start of a round of
// the loop headed by h, reaches one of incs before the round ends, where
// the element's tests come out as facts says when it knows.
func (m *Model) reachesAll(from, h *ssa.BasicBlock, body, incs map[*ssa.BasicBlock]bool, facts map[elementTest]bool) bool {
	seen := make(map[*ssa.BasicBlock]bool)
	var walk func(b *ssa.BasicBlock) bool
	walk = func(b *ssa.BasicBlock) bool {
		switch {
		case incs[b]:
			return true
		case b == h || !body[b] || seen[b]:
			return false // the round ends (or goes round) uncounted
		}
		seen[b] = true
		if len(b.Succs) == 0 {
			_, panics := b.Instrs[len(b.Instrs)-1].(*ssa.Panic)
			return panics
		}
		if t, ok := m.elementTestOf(b, h); ok {
			if v, known := facts[t.test]; known {
				if v == t.eq {
					return walk(b.Succs[0])
				}
				return walk(b.Succs[1])
			}
		}
		for _, s := range b.Succs {
			if !walk(s) {
				return false
			}
		}
		return true
	}
	return walk(from)
}
