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
// a path when they execute, and blocks that stop it on entry.
type Stops struct {
	Instrs map[ssa.Instruction]bool
	Blocks map[*ssa.BasicBlock]bool
}

// Add adds the place where use u happens, seen from its creating function:
// the select case body when u is a case of a select there, else its Site.
func (s *Stops) Add(u *Use) {
	if s.Instrs == nil {
		s.Instrs = make(map[ssa.Instruction]bool)
		s.Blocks = make(map[*ssa.BasicBlock]bool)
	}
	if u.Select != nil && u.Site == u.Instr {
		if b := CaseBlock(u.Select, u.Case); b != nil {
			s.Blocks[b] = true
			return
		}
	}
	s.Instrs[u.Site] = true
}

func (s *Stops) blocks(b *ssa.BasicBlock, from int) bool {
	if s.Blocks[b] {
		return from == 0
	}
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
			if _, seen := parent[s]; seen || stops.blocks(s, 0) {
				continue
			}
			parent[s] = b
			queue = append(queue, s)
		}
	}
	return nil
}

func indexOf(b *ssa.BasicBlock, instr ssa.Instruction) int {
	for i, x := range b.Instrs {
		if x == instr {
			return i
		}
	}
	panic("instruction not in its block")
}

// CaseBlock returns the block that runs when case i of sel is chosen, or
// nil if it cannot be found.
func CaseBlock(sel *ssa.Select, i int) *ssa.BasicBlock {
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
					return ifInstr.Block().Succs[0]
				}
			}
		}
	}
	return nil
}

// SelectCase returns the select case (of a select in the path's function)
// whose body the path enters last, and the index of that case, or nil.
func (p *Path) SelectCase() (*ssa.Select, int) {
	for k := len(p.Blocks) - 1; k > 0; k-- {
		b := p.Blocks[k]
		if len(b.Preds) != 1 {
			continue
		}
		ifInstr, ok := b.Preds[0].Instrs[len(b.Preds[0].Instrs)-1].(*ssa.If)
		if !ok || ifInstr.Block().Succs[0] != b {
			continue
		}
		eq, ok := ifInstr.Cond.(*ssa.BinOp)
		if !ok {
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
