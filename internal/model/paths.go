package model

import (
	"container/heap"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"maps"
	"math"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

// A Path is a route through one function's control flow, from an
// instruction to a return.
type Path struct {
	Blocks []*ssa.BasicBlock // from the starting block to the returning one
	Return *ssa.Return
	Cost   int // the sum of the Costs it passes
}

// Costs prices places on paths: instructions, priced when they execute,
// and control-flow edges (the choice of a select case), priced when taken.
// A place priced Never cannot be passed.
type Costs struct {
	Instrs map[ssa.Instruction]int
	Edges  map[Edge]int
	// calls holds, for a call through which uses happen in the function
	// it calls, what that function's ways cost (see Add).
	calls map[ssa.Instruction]*callCost
}

// A callCost is the price of a call through which uses happen inside the
// function it calls: the cheapest way through that function, with the
// uses priced there (inner), plus what was added at the call itself.
type callCost struct {
	fn     *ssa.Function
	inner  Costs
	direct int
}

// price returns the cost of the call: its own, plus that of the cheapest
// way through its function (Never if none returns).
func (k *callCost) price() int {
	p := EntryReturn(k.fn, &k.inner)
	if p == nil {
		return addCost(k.direct, Never)
	}
	return addCost(k.direct, p.Cost)
}

// AddEdge prices taking edge e. Costs add up, saturating at Never.
func (c *Costs) AddEdge(e Edge, cost int) {
	if c.Edges == nil {
		c.Edges = make(map[Edge]int)
	}
	c.Edges[e] = addCost(c.Edges[e], cost)
}

// PriceFailure prices Never the control-flow edges taken when the error
// call returns last is not nil: a call that failed started nothing to stop
// or wait for (a Start, or a call that FailsOnlyBefore what it starts).
func PriceFailure(call *ssa.Call, costs *Costs) {
	for _, e := range failedEdges(call) {
		costs.AddEdge(e, Never)
	}
}

// failedEdges returns the edges PriceFailure prices: the true edge of
// `if err != nil`, the false one of `if err == nil`; for a call that
// reports by another result whether it started anything, those of
// statusEdges.
func failedEdges(call *ssa.Call) []Edge {
	if !ReturnsError(call.Call.Signature()) {
		return statusEdges(call)
	}
	results := call.Call.Signature().Results()
	var err ssa.Value = call
	if results.Len() > 1 {
		err = nil
		for _, ref := range Refs(call) {
			if x, ok := ref.(*ssa.Extract); ok && x.Index == results.Len()-1 {
				err = x
			}
		}
		if err == nil {
			return nil
		}
	}
	var edges []Edge
	for _, ref := range slices.Concat(Refs(err), reloaded(err)) {
		cmp, ok := ref.(*ssa.BinOp)
		if !ok || (cmp.Op != token.NEQ && cmp.Op != token.EQL) || !IsNil(cmp.X) && !IsNil(cmp.Y) {
			continue
		}
		for _, ref := range Refs(cmp) {
			if br, ok := ref.(*ssa.If); ok {
				b := br.Block()
				failed := b.Succs[0]
				if cmp.Op == token.EQL {
					failed = b.Succs[1]
				}
				edges = append(edges, Edge{b, failed})
			}
		}
	}
	return edges
}

// statusEdges returns, for a call of a function of this package that
// says by its only result whether it started its goroutines, the edges its
// caller takes when it did not: every way out after one of its go
// statements returns one constant (OpResultOk, true) and every other way
// another, and the edges are those of `if r != OpResultOk` or `if !ok`.
func statusEdges(call *ssa.Call) []Edge {
	fn := call.Call.StaticCallee()
	if fn == nil || fn.Blocks == nil || call.Call.Signature().Results().Len() != 1 {
		return nil
	}
	var gos []*ssa.Go
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if g, ok := instr.(*ssa.Go); ok {
				gos = append(gos, g)
			}
		}
	}
	if len(gos) == 0 {
		return nil
	}
	var started *ssa.Const
	var others []*ssa.Const
	is := func(v ssa.Value) bool { // started's value
		k, ok := v.(*ssa.Const)
		return ok && k.Value != nil && constant.Compare(started.Value, token.EQL, k.Value)
	}
	for _, b := range fn.Blocks {
		ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		if !ok || b == fn.Recover {
			continue // after a panic, the caller gets no result to read
		}
		k, ok := Returned(ret, 0).(*ssa.Const)
		if !ok || k.Value == nil {
			return nil
		}
		after := slices.ContainsFunc(gos, func(g *ssa.Go) bool { return g.Block() == b || reaches(g.Block(), b) })
		switch {
		case !after:
			others = append(others, k)
		case started == nil:
			started = k
		case !is(k):
			return nil
		}
	}
	if started == nil || slices.ContainsFunc(others, func(k *ssa.Const) bool { return is(k) }) {
		return nil
	}
	// edge returns the edge of br taken when its condition is
	// whenTrue.
	var edges []Edge
	edge := func(br *ssa.If, whenTrue bool) {
		b := br.Block()
		if whenTrue {
			edges = append(edges, Edge{b, b.Succs[0]})
		} else {
			edges = append(edges, Edge{b, b.Succs[1]})
		}
	}
	// ifs calls edge for the branches on v, failing when v is whenTrue.
	ifs := func(v ssa.Value, whenTrue bool) {
		for _, ref := range Refs(v) {
			if br, ok := ref.(*ssa.If); ok {
				edge(br, whenTrue)
			}
		}
	}
	isBool := started.Value.Kind() == constant.Bool
	startedTrue := isBool && constant.BoolVal(started.Value)
	for _, ref := range Refs(call) {
		switch r := ref.(type) {
		case *ssa.BinOp:
			if (r.Op == token.EQL || r.Op == token.NEQ) && (is(r.X) || is(r.Y)) {
				ifs(r, r.Op == token.NEQ) // r != K, or not r == K
			}
		case *ssa.If:
			if isBool {
				edge(r, !startedTrue) // if ok
			}
		case *ssa.UnOp:
			if r.Op == token.NOT && isBool {
				ifs(r, startedTrue) // if !ok
			}
		}
	}
	return edges
}

// FailsOnlyBefore reports whether call, which starts something at start
// in the function it calls (counts work, starts a goroutine), returns a
// nil error on every way out after start: when it fails, it started
// nothing (a helper that checks its sources, then starts its workers).
// The branches PriceFailure prices are then no way to leave anything
// running.
func FailsOnlyBefore(call *ssa.Call, start ssa.Instruction) bool {
	fn := call.Call.StaticCallee()
	return fn != nil && start.Parent() == fn && ReturnsError(call.Call.Signature()) && failsOnlyAfter(fn, start)
}

// failsOnlyAfter reports whether fn, which returns an error, returns a nil
// one on every way out after start.
func failsOnlyAfter(fn *ssa.Function, start ssa.Instruction) bool {
	return !anyFrom([]*ssa.BasicBlock{start.Block()}, func(b *ssa.BasicBlock) bool {
		ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		return ok && !IsNil(Returned(ret, len(ret.Results)-1))
	})
}

// anyFrom reports whether f holds for a block reachable from blocks,
// blocks themselves included.
func anyFrom(blocks []*ssa.BasicBlock, f func(*ssa.BasicBlock) bool) bool {
	seen := make(map[*ssa.BasicBlock]bool)
	stack := slices.Clone(blocks)
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[b] {
			continue
		}
		seen[b] = true
		if f(b) {
			return true
		}
		stack = append(stack, b.Succs...)
	}
	return false
}

// Returned returns result i of ret as the function set it: in a function
// with defers, the value stored into the result's variable before the
// deferred calls run, not the load of it that ret returns.
func Returned(ret *ssa.Return, i int) ssa.Value {
	v := ret.Results[i]
	load, ok := v.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return v
	}
	if _, ok := load.X.(*ssa.Alloc); !ok {
		return v
	}
	instrs := ret.Block().Instrs
	for k := len(instrs) - 1; k >= 0; k-- {
		if st, ok := instrs[k].(*ssa.Store); ok && st.Addr == load.X {
			return st.Val
		}
	}
	return v
}

// reloaded returns the uses of v that read it back from a variable it is
// stored in, later in the same block with no other store in between: a
// named result (out, err = start(); if err != nil).
func reloaded(v ssa.Value) []ssa.Instruction {
	var refs []ssa.Instruction
	for _, ref := range Refs(v) {
		st, ok := ref.(*ssa.Store)
		if !ok {
			continue
		}
		if _, ok := st.Addr.(*ssa.Alloc); !ok {
			continue
		}
		instrs := st.Block().Instrs
		for _, instr := range instrs[slices.Index(instrs, ssa.Instruction(st))+1:] {
			if other, ok := instr.(*ssa.Store); ok && other.Addr == st.Addr {
				break
			}
			if load, ok := instr.(*ssa.UnOp); ok && load.Op == token.MUL && load.X == st.Addr {
				refs = append(refs, Refs(load)...)
			}
		}
	}
	return refs
}

// IsNil reports whether v is the constant nil.
func IsNil(v ssa.Value) bool {
	c, ok := v.(*ssa.Const)
	return ok && c.IsNil()
}

// Never is the cost of a place no path may pass.
const Never = math.MaxInt32

// An Edge is a control-flow edge between two blocks of a function.
type Edge struct{ From, To *ssa.BasicBlock }

// Add prices the place where use u happens, seen from its creating
// function: the choice of its case when u is a case of a select there,
// else its Site. Costs add up, saturating at Never.
//
// A use made inside the function that its Site calls (wait(ctx, ch),
// which selects on ctx.Done() and ch) is priced at the call by the
// cheapest way through that function, with the uses made there priced:
// a call that can return without making the use costs nothing; so does
// a use that passing its Site may not make (see Use.Maybe).
func (c *Costs) Add(u *Use, cost int) {
	if u.Maybe {
		return
	}
	if u.Select != nil && u.Site == u.Instr {
		if e, ok := CaseEdge(u.Select, u.Case); ok {
			c.AddEdge(e, cost)
			return
		}
	}
	if call, ok := u.Site.(*ssa.Call); ok && u.How == Inline && u.Instr != u.Site {
		if fn := bodyOf(call.Call.StaticCallee()); fn != nil && u.Instr.Parent() == fn {
			if c.calls == nil {
				c.calls = make(map[ssa.Instruction]*callCost)
			}
			k := c.calls[call]
			if k == nil {
				k = &callCost{fn: fn, direct: c.Instrs[call]}
				c.calls[call] = k
			}
			inner := *u
			inner.Site = u.Instr
			k.inner.Add(&inner, cost)
			c.setInstr(call, k.price())
			return
		}
	}
	c.AddInstr(u.Site, cost)
}

// AddInstr prices instruction instr.
func (c *Costs) AddInstr(instr ssa.Instruction, cost int) {
	if k := c.calls[instr]; k != nil {
		k.direct = addCost(k.direct, cost)
		c.setInstr(instr, k.price())
		return
	}
	c.setInstr(instr, addCost(c.Instrs[instr], cost))
}

// Clone returns a copy of c that can be priced further without changing c.
func (c *Costs) Clone() *Costs {
	d := &Costs{Instrs: maps.Clone(c.Instrs), Edges: maps.Clone(c.Edges)}
	if c.calls != nil {
		d.calls = make(map[ssa.Instruction]*callCost, len(c.calls))
		for i, k := range c.calls {
			d.calls[i] = &callCost{fn: k.fn, inner: *k.inner.Clone(), direct: k.direct}
		}
	}
	return d
}

func (c *Costs) setInstr(instr ssa.Instruction, cost int) {
	if c.Instrs == nil {
		c.Instrs = make(map[ssa.Instruction]int)
	}
	c.Instrs[instr] = cost
}

func addCost(a, b int) int {
	if a >= Never-b {
		return Never
	}
	return a + b
}

// block returns the cost of running b from instruction index from on.
func (c *Costs) block(b *ssa.BasicBlock, from int) int {
	cost := 0
	for _, instr := range b.Instrs[from:] {
		cost = addCost(cost, c.Instrs[instr])
	}
	return cost
}

// CheapestReturn returns the cheapest path from the instruction after from
// to a return of its function, or nil if every path to a return passes a
// place priced Never. Paths that end in a panic (or a call that never
// returns, like os.Exit) are not returns.
func CheapestReturn(from ssa.Instruction, costs *Costs) *Path {
	return cheapestReturn(from.Block(), indexOf(from.Block(), from)+1, costs)
}

// EdgeReturn is CheapestReturn from taking edge e, whose own cost counts.
func EdgeReturn(e Edge, costs *Costs) *Path {
	if costs.Edges[e] >= Never {
		return nil
	}
	p := cheapestReturn(e.To, 0, costs)
	if p != nil {
		p.Cost = addCost(p.Cost, costs.Edges[e])
	}
	return p
}

// EntryReturn is CheapestReturn from the entry of fn.
func EntryReturn(fn *ssa.Function, costs *Costs) *Path {
	return cheapestReturn(fn.Blocks[0], 0, costs)
}

func cheapestReturn(start *ssa.BasicBlock, index int, costs *Costs) *Path {
	startCost := costs.block(start, index)
	if startCost >= Never {
		return nil
	}
	// A block is a node once for each way a flag set on the way in
	// decides its branch (see flagBranch).
	first := pathNode{start, -1}
	dist := map[pathNode]int{first: startCost}
	parent := map[pathNode]pathNode{}
	done := make(map[pathNode]bool)
	q := &blockQueue{{first, startCost}}
	for q.Len() > 0 {
		n := heap.Pop(q).(blockCost).n
		if done[n] {
			continue
		}
		done[n] = true
		b := n.b
		if ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok {
			p := &Path{Return: ret, Cost: dist[n]}
			for x, ok := n, true; ok; x, ok = parent[x] {
				p.Blocks = append(p.Blocks, x.b)
			}
			slices.Reverse(p.Blocks)
			return p
		}
		for i, s := range b.Succs {
			if n.only >= 0 && i != int(n.only) {
				continue
			}
			next := pathNode{s, flagBranch(b, s)}
			d := addCost(addCost(dist[n], costs.Edges[Edge{b, s}]), costs.block(s, 0))
			if old, seen := dist[next]; d >= Never || seen && old <= d {
				continue
			}
			dist[next], parent[next] = d, n
			heap.Push(q, blockCost{next, d})
		}
	}
	return nil
}

// A pathNode is a block, entered on an edge that decides its branch when
// only is 0 or 1 (the index of the successor), or any way (-1).
type pathNode struct {
	b    *ssa.BasicBlock
	only int8
}

// flagBranch returns the branch that block to, which ends in a test of a
// flag, takes when entered from block from, whose edge gives the flag a
// constant value: a handoff that a path commits to on its way (resync =
// true; break … if resync { reply() }) is made on that path. It returns -1
// when the branch is not decided so.
func flagBranch(from, to *ssa.BasicBlock) int8 {
	ifInstr, ok := to.Instrs[len(to.Instrs)-1].(*ssa.If)
	if !ok {
		return -1
	}
	cond, neg := ifInstr.Cond, false
	if not, ok := cond.(*ssa.UnOp); ok && not.Op == token.NOT {
		cond, neg = not.X, true
	}
	phi, ok := cond.(*ssa.Phi)
	if !ok || phi.Block() != to {
		return -1
	}
	v, ok := boolEdge(phi, from)
	if !ok {
		return -1
	}
	if v != neg {
		return 0
	}
	return 1
}

// boolEdge returns the boolean constant φ takes when its block is entered
// from block from, if the edge from from gives it one.
func boolEdge(phi *ssa.Phi, from *ssa.BasicBlock) (v, ok bool) {
	preds := phi.Block().Preds
	i := slices.Index(preds, from)
	if i < 0 || slices.Index(preds[i+1:], from) >= 0 {
		return false, false
	}
	k, isConst := phi.Edges[i].(*ssa.Const)
	if !isConst || k.Value == nil || k.Value.Kind() != constant.Bool {
		return false, false
	}
	return constant.BoolVal(k.Value), true
}

type blockCost struct {
	n    pathNode
	cost int
}

// blockQueue is a min-heap of blocks by cost.
type blockQueue []blockCost

func (q blockQueue) Len() int           { return len(q) }
func (q blockQueue) Less(i, j int) bool { return q[i].cost < q[j].cost }
func (q blockQueue) Swap(i, j int)      { q[i], q[j] = q[j], q[i] }
func (q *blockQueue) Push(x any)        { *q = append(*q, x.(blockCost)) }
func (q *blockQueue) Pop() any {
	old := *q
	x := old[len(old)-1]
	*q = old[:len(old)-1]
	return x
}

// Dominates reports whether instruction a runs before b on every path to b.
func Dominates(a, b ssa.Instruction) bool {
	if a.Block() == b.Block() {
		return indexOf(a.Block(), a) < indexOf(b.Block(), b)
	}
	return a.Parent() == b.Parent() && a.Block().Dominates(b.Block())
}

// ReturnPos returns the position of a return instruction, or for the
// implicit return at the end of a function, of its closing brace.
func ReturnPos(ret *ssa.Return) token.Pos {
	if ret.Pos().IsValid() {
		return ret.Pos()
	}
	if syntax := ret.Parent().Syntax(); syntax != nil {
		return syntax.End() - 1
	}
	return token.NoPos
}

// MaxOnPath returns the largest number of instrs that one run of fn can
// execute, counting each once per execution. None of instrs may lie on a
// cycle (see Model.InLoop).
func MaxOnPath(fn *ssa.Function, instrs []ssa.Instruction) int {
	count := make(map[*ssa.BasicBlock]int)
	for _, instr := range instrs {
		if instr.Parent() == fn {
			count[instr.Block()]++
		}
	}
	memo := make(map[*ssa.BasicBlock]int)
	onStack := make(map[*ssa.BasicBlock]bool)
	var best func(b *ssa.BasicBlock) int
	best = func(b *ssa.BasicBlock) int {
		if n, ok := memo[b]; ok {
			return n
		}
		if onStack[b] {
			return 0 // a cycle: it holds none of instrs
		}
		onStack[b] = true
		most := 0
		for _, s := range b.Succs {
			most = max(most, best(s))
		}
		onStack[b] = false
		memo[b] = count[b] + most
		return memo[b]
	}
	if len(fn.Blocks) == 0 {
		return 0
	}
	return best(fn.Blocks[0])
}

// allAfter reports whether every instruction that can run after instr in
// its function, on any way, satisfies ok.
func allAfter(instr ssa.Instruction, ok func(ssa.Instruction) bool) bool {
	seen := make(map[*ssa.BasicBlock]bool)
	var from func(b *ssa.BasicBlock, i int) bool
	from = func(b *ssa.BasicBlock, i int) bool {
		for _, x := range b.Instrs[i:] {
			if !ok(x) {
				return false
			}
		}
		for _, s := range b.Succs {
			if !seen[s] {
				seen[s] = true
				if !from(s, 0) {
					return false
				}
			}
		}
		return true
	}
	b := instr.Block()
	return from(b, indexOf(b, instr)+1)
}

func indexOf(b *ssa.BasicBlock, instr ssa.Instruction) int {
	for i, x := range b.Instrs {
		if x == instr {
			return i
		}
	}
	panic("instruction not in its block")
}

// RangeEnd returns the edge out of the loop of o, a range over a channel:
// the way taken once the channel is closed and drained.
func RangeEnd(o *Operation) (Edge, bool) {
	if o.Op != Range {
		return Edge{}, false
	}
	blk := o.Instr.Block()
	if _, ok := blk.Instrs[len(blk.Instrs)-1].(*ssa.If); !ok {
		return Edge{}, false
	}
	return Edge{blk, blk.Succs[1]}, true
}

// CaseTo returns the block control enters when case i of sel is chosen;
// nil for no select, or if it cannot be found.
func CaseTo(sel *ssa.Select, i int) *ssa.BasicBlock {
	if sel == nil {
		return nil
	}
	if e, ok := CaseEdge(sel, i); ok {
		return e.To
	}
	return nil
}

// CaseEdge returns the edge control takes when case i of sel is chosen, or
// false if it cannot be found.
func CaseEdge(sel *ssa.Select, i int) (Edge, bool) {
	for _, r := range Refs(sel) {
		idx, ok := r.(*ssa.Extract)
		if !ok || idx.Index != 0 {
			continue
		}
		for _, rr := range Refs(idx) {
			eq, ok := rr.(*ssa.BinOp)
			if !ok || eq.Op != token.EQL {
				continue
			}
			c, ok := eq.Y.(*ssa.Const)
			if !ok || c.Value == nil || c.Value.Kind() != constant.Int {
				continue
			}
			if n, _ := constant.Int64Val(c.Value); int(n) != i {
				continue
			}
			for _, use := range Refs(eq) {
				if ifInstr, ok := use.(*ssa.If); ok {
					return Edge{ifInstr.Block(), ifInstr.Block().Succs[0]}, true
				}
			}
		}
	}
	return Edge{}, false
}

// SelectCase returns the select case (of a select in the path's function)
// that the path takes last, and the index of that case, or nil.
func (p *Path) SelectCase() (*ssa.Select, int) {
	for k := len(p.Blocks) - 1; k > 0; k-- {
		if sel, i := caseOf(p.Blocks[k-1], p.Blocks[k]); sel != nil {
			return sel, i
		}
	}
	return nil, 0
}

// caseOf returns the select and the index of its case when taking the
// edge from block from to block to chooses that case, or nil.
func caseOf(from, to *ssa.BasicBlock) (*ssa.Select, int) {
	ifInstr, ok := from.Instrs[len(from.Instrs)-1].(*ssa.If)
	if !ok || from.Succs[0] != to {
		return nil, 0
	}
	eq, ok := ifInstr.Cond.(*ssa.BinOp)
	if !ok || eq.Op != token.EQL {
		return nil, 0
	}
	idx, ok := eq.X.(*ssa.Extract)
	if !ok || idx.Index != 0 {
		return nil, 0
	}
	sel, ok := idx.Tuple.(*ssa.Select)
	if !ok {
		return nil, 0
	}
	n, _ := constant.Int64Val(eq.Y.(*ssa.Const).Value)
	return sel, int(n)
}

// ReturnsAt describes where a path returns, for a message reported at
// at: "returns at line 19" ("at store.go:19" in another file), plus "
// through <-ctx.Done()" when it takes a select case there.
func (m *Model) ReturnsAt(at token.Pos, p *Path) string {
	s := "returns at " + m.LineFrom(at, ReturnPos(p.Return))
	if sel, i := p.SelectCase(); sel != nil {
		if text := m.CaseText(sel, i); text != "" {
			s += " through " + text
		}
	}
	return s
}

// CaseText renders case i of sel as written, e.g. "<-ctx.Done()", or ""
// if the source cannot be found.
func (m *Model) CaseText(sel *ssa.Select, i int) string {
	pos := sel.States[i].Pos
	var text string
	for n := range m.Inspector.PreorderSeq((*ast.UnaryExpr)(nil), (*ast.SendStmt)(nil)) {
		switch n := n.(type) {
		case *ast.UnaryExpr:
			if n.OpPos == pos && n.Op == token.ARROW {
				text = types.ExprString(n)
			}
		case *ast.SendStmt:
			if n.Arrow == pos {
				text = types.ExprString(n.Chan) + " <- " + types.ExprString(n.Value)
			}
		}
		if text != "" {
			break
		}
	}
	return text
}

// Related returns the related information of a finding: the place pos,
// and what happens there, which editors show as a link.
func Related(pos token.Pos, what string) analysis.RelatedInformation {
	return analysis.RelatedInformation{Pos: pos, Message: what}
}

// Returns returns the related information for the return that ends path
// p: "returns here".
func (m *Model) Returns(p *Path) analysis.RelatedInformation {
	what := FuncLabel(p.Return.Parent()) + " returns here"
	if sel, i := p.SelectCase(); sel != nil {
		if text := m.CaseText(sel, i); text != "" {
			what += " through " + text
		}
	}
	return Related(ReturnPos(p.Return), what)
}

// FailureReturn reports whether ret returns an error that is not nil: an
// error value made there (errors.New, fmt.Errorf, a concrete error turned
// into an interface), or one that a test against nil on the way found set
// (the return of `if err != nil { return err }`).
func FailureReturn(ret *ssa.Return) bool {
	n := len(ret.Results)
	if n == 0 || !IsError(ret.Results[n-1].Type()) {
		return false
	}
	v := Returned(ret, n-1)
	switch r := v.(type) {
	case *ssa.MakeInterface:
		return true
	case *ssa.Call:
		if fn := Callee(&r.Call); fn != nil && (fn.FullName() == "errors.New" || fn.FullName() == "fmt.Errorf") {
			return true
		}
	}
	for cond, known := range knownAt(ret.Block()) {
		if x, eql, ok := nilTest(cond); ok && x == v && known != eql {
			return true
		}
	}
	return false
}

// Recovering reports whether instr runs only when its goroutine is
// panicking: under a test that recover() returned non-nil, as in a
// deferred if r := recover(); r != nil { … }.
func Recovering(instr ssa.Instruction) bool {
	for cond, holds := range knownAt(instr.Block()) {
		if v, eql, ok := nilTest(cond); ok && isRecover(v) && holds != eql {
			return true
		}
	}
	return false
}

// isRecover reports whether v is the result of the recover builtin.
func isRecover(v ssa.Value) bool {
	call, ok := v.(*ssa.Call)
	return ok && isBuiltin(call, "recover")
}

// isBuiltin reports whether call calls the builtin function name.
func isBuiltin(call *ssa.Call, name string) bool {
	b, ok := call.Call.Value.(*ssa.Builtin)
	return ok && b.Name() == name
}

// CallFollows reports whether a call, which may panic, can come after
// instr in its function.
func CallFollows(instr ssa.Instruction) bool {
	start := instr.Block()
	after := false
	for _, x := range start.Instrs {
		if x == instr {
			after = true
			continue
		}
		if _, ok := x.(*ssa.Call); ok && after {
			return true
		}
	}
	return anyFrom(start.Succs, func(b *ssa.BasicBlock) bool {
		return slices.ContainsFunc(b.Instrs, func(x ssa.Instruction) bool {
			_, ok := x.(*ssa.Call)
			return ok
		})
	})
}
