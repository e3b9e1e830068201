package leakedgo

import (
	"fmt"
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/structlint/structlint/internal/model"
)

// contracts reports calls of a method that starts a goroutine only another
// method ends (a Start whose loop runs until Stop), on a value this
// function creates and keeps, when a path returns without calling the
// other method.
func (c *checker) contracts() {
	for _, fn := range c.m.Funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				call, ok := instr.(*ssa.Call)
				if !ok || call.Call.IsInvoke() || len(call.Call.Args) == 0 {
					continue
				}
				callee := model.Callee(&call.Call)
				if callee == nil || callee.Signature().Recv() == nil {
					continue
				}
				if stoppers := c.m.StoppedBy(callee); len(stoppers) > 0 {
					c.unstopped(call, callee, stoppers)
				}
			}
		}
	}
}

// unstopped reports start, a call of a method stopped by stoppers, when its
// receiver is a value its function creates and keeps and some path returns
// without calling one of stoppers on it.
func (c *checker) unstopped(start *ssa.Call, method *types.Func, stoppers []string) {
	recv := c.m.AccessOf(start.Call.Args[0])
	if len(recv.Fields) > 0 {
		return
	}
	creator, ok := recv.Root.(ssa.Instruction)
	if !ok {
		return // a parameter or a global: its owner stops it
	}
	switch root := recv.Root.(type) {
	case *ssa.Alloc:
		if model.HeldParameter(root) != nil {
			return // a parameter captured by a closure: still its owner's
		}
	case *ssa.Call, *ssa.Extract:
	default:
		return
	}
	fn := creator.Parent()
	if start.Parent() != fn || model.SameReceiver(fn, method) {
		return // a method of the type itself is part of its lifetime
	}
	var costs model.Costs
	stops := 0
	for _, instr := range model.Instrs(fn) {
		for _, op := range instr.Operands(nil) {
			if *op == nil || !c.m.AccessOf(*op).Same(recv) {
				continue
			}
			switch instr := instr.(type) {
			case *ssa.Store:
				if *op == instr.Val && !isLocal(instr.Addr) {
					return // kept somewhere: its new owner stops it
				}
			case *ssa.UnOp, *ssa.FieldAddr, *ssa.MakeClosure, *ssa.DebugRef:
			case ssa.CallInstruction:
				common := instr.Common()
				m := model.Callee(common)
				if common.IsInvoke() || m == nil || m.Signature().Recv() == nil || len(common.Args) == 0 || common.Args[0] != *op {
					return // passed on: whoever gets it may stop it
				}
				if contains(stoppers, m.Name()) {
					if model.Dominates(instr, start) {
						return // deferred, or stopped before it starts (a closed worker ignores work)
					}
					costs.AddInstr(instr, model.Never)
					stops++
				}
			default:
				return // returned, sent, converted: someone else's now
			}
		}
	}
	for _, e := range model.FailedEdges(start) {
		costs.AddEdge(e, model.Never) // a Start that failed started nothing
	}
	p := model.CheapestReturn(start, &costs)
	if p == nil {
		return
	}
	cur, call, ok := c.m.CallSyntax(start)
	if !ok {
		return
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return
	}
	name := types.ExprString(sel.X)
	stopper := name + "." + stoppers[0]
	d := analysis.Diagnostic{
		Pos: call.Pos(), End: call.End(),
		Message: fmt.Sprintf("%s.%s starts a goroutine that only %s ends, but %s %s without calling it",
			name, method.Name(), stopper, model.FuncLabel(fn), c.m.ReturnsAt(p)),
	}
	if f, ok := c.deferStopFix(cur, fn, recv, method, stoppers, stops); ok {
		d.SuggestedFixes = []analysis.SuggestedFix{f}
	}
	c.r.Report(d)
}

// isLocal reports whether addr is a local variable's cell.
func isLocal(addr ssa.Value) bool {
	a, ok := addr.(*ssa.Alloc)
	return ok && !strings.HasPrefix(a.Comment, "complit") && a.Comment != ""
}

func contains(names []string, name string) bool {
	for _, n := range names {
		if n == name {
			return true
		}
	}
	return false
}
