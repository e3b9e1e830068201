package model

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// PriceFailedOnly prices Never, in the function of errgroup o, the ways
// out through the Done of o's own context when nothing but a failing task
// can cancel it, and o has started one task by then: the context comes
// from errgroup.WithContext of a context that nothing cancels (from
// context.Background(), with values added at most), and one Go of o, made
// once outside loops, comes before the receive on every way, and no other
// can. When Done fires, that task has returned its error, and no task is
// left to wait for.
//
//	g, ctx := errgroup.WithContext(context.Background())
//	g.Go(serve)
//	select {
//	case <-stop:
//		return g.Wait()
//	case <-ctx.Done(): // serve failed: it is done
//		return ctx.Err()
//	}
func (m *Model) PriceFailedOnly(o *Object, costs *Costs) {
	ext, ok := o.Value.(*ssa.Extract)
	if !ok || o.Kind != ErrGroup {
		return
	}
	call := ext.Tuple.(*ssa.Call)
	parent := m.ClassOf(call.Call.Args[0])
	if parent == nil || !parent.Never {
		return
	}
	if cancels, outside := m.Cancellers(parent); len(cancels) > 0 || outside {
		return
	}
	var ctx ssa.Value
	for _, r := range Refs(call) {
		if e, ok := r.(*ssa.Extract); ok && e.Index == 1 {
			ctx = e
		}
	}
	var tasks []ssa.Instruction
	for _, u := range o.Uses {
		if u.Op == Go && u.How != Inline {
			return // started elsewhere too
		}
		if u.Op == Go {
			tasks = append(tasks, u.Instr)
		}
	}
	if ctx == nil {
		return
	}
	// onlyTask reports whether exactly one task is started before x, once.
	onlyTask := func(x ssa.Instruction) bool {
		n := 0
		for _, t := range tasks {
			if before(t, x) {
				if m.InLoop(t) || !Dominates(t, x) {
					return false
				}
				n++
			}
		}
		return n == 1
	}
	isDone := func(v ssa.Value) bool { return DoneOf(v) == ctx }
	for _, b := range o.Fn.Blocks {
		for _, instr := range b.Instrs {
			switch x := instr.(type) {
			case *ssa.UnOp:
				if x.Op == token.ARROW && isDone(x.X) && onlyTask(x) {
					costs.AddInstr(x, Never)
				}
			case *ssa.Select:
				if !onlyTask(x) {
					continue
				}
				for i, st := range x.States {
					if st.Dir == types.RecvOnly && isDone(st.Chan) {
						if e, ok := CaseEdge(x, i); ok {
							costs.AddEdge(e, Never)
						}
					}
				}
			}
		}
	}
}
