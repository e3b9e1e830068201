package model

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// A Path is a route through one function's control flow, from an
// instruction to a return.
type Path struct {
	Blocks []*ssa.BasicBlock // from the starting block to the returning one
	Return *ssa.Return
}

// Stops is a set of places that end a path search: instructions that stop
// a path when they execute, and control-flow edges (the choice of a select
// case) that stop it when taken.
type Stops struct {
	Instrs map[ssa.Instruction]bool
	Edges  map[Edge]bool
}

// An Edge is a control-flow edge between two blocks of a function.
type Edge struct{ From, To *ssa.BasicBlock }

// Add adds the place where use u happens, seen from its creating function:
// the choice of its case when u is a case of a select there, else its Site.
func (s *Stops) Add(u *Use) {
	if s.Instrs == nil {
		s.Instrs = make(map[ssa.Instruction]bool)
		s.Edges = make(map[Edge]bool)
	}
	if u.Select != nil && u.Site == u.Instr {
		if e, ok := CaseEdge(u.Select, u.Case); ok {
			s.Edges[e] = true
			return
		}
	}
	s.Instrs[u.Site] = true
}

func (s *Stops) blocks(b *ssa.BasicBlock, from int) bool {
	for _, instr := range b.Instrs[from:] {
		if s.Instrs[instr] {
			return true
		}
	}
	return false
}

// ReturnAvoiding returns a path from the instruction after from to a
// return of its function that passes none of stops, or nil if every path
// to a return passes one. Paths that end in a panic (or a call that never
// returns, like os.Exit) are not returns.
func ReturnAvoiding(from ssa.Instruction, stops *Stops) *Path {
	start := from.Block()
	idx := indexOf(start, from) + 1
	if stops.blocks(start, idx) {
		return nil
	}
	parent := map[*ssa.BasicBlock]*ssa.BasicBlock{start: nil}
	queue := []*ssa.BasicBlock{start}
	for len(queue) > 0 {
		b := queue[0]
		queue = queue[1:]
		if ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok {
			p := &Path{Return: ret}
			for x := b; x != nil; x = parent[x] {
				p.Blocks = append([]*ssa.BasicBlock{x}, p.Blocks...)
			}
			return p
		}
		for _, s := range b.Succs {
			if _, seen := parent[s]; seen || stops.Edges[Edge{b, s}] || stops.blocks(s, 0) {
				continue
			}
			parent[s] = b
			queue = append(queue, s)
		}
	}
	return nil
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

func indexOf(b *ssa.BasicBlock, instr ssa.Instruction) int {
	for i, x := range b.Instrs {
		if x == instr {
			return i
		}
	}
	panic("instruction not in its block")
}

// CaseEdge returns the edge control takes when case i of sel is chosen, or
// false if it cannot be found.
func CaseEdge(sel *ssa.Select, i int) (Edge, bool) {
	for _, r := range *sel.Referrers() {
		idx, ok := r.(*ssa.Extract)
		if !ok || idx.Index != 0 {
			continue
		}
		for _, rr := range *idx.Referrers() {
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
			for _, use := range *eq.Referrers() {
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
		prev := p.Blocks[k-1]
		ifInstr, ok := prev.Instrs[len(prev.Instrs)-1].(*ssa.If)
		if !ok || prev.Succs[0] != p.Blocks[k] {
			continue
		}
		eq, ok := ifInstr.Cond.(*ssa.BinOp)
		if !ok || eq.Op != token.EQL {
			continue
		}
		idx, ok := eq.X.(*ssa.Extract)
		if !ok || idx.Index != 0 {
			continue
		}
		sel, ok := idx.Tuple.(*ssa.Select)
		if !ok {
			continue
		}
		n, _ := constant.Int64Val(eq.Y.(*ssa.Const).Value)
		return sel, int(n)
	}
	return nil, 0
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
