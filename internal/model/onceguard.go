package model

import (
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// PriceOnceGuards prices Never the branches of fn that an idempotence
// guard takes on a later call: fn tests a field of its receiver (itself or
// through a method it calls, as isClosed() reads a state field) and, on
// the way to every one of ops, writes that field first (closed = true,
// state.Store(closed)). A branch from which none of ops can be reached is
// then taken only once an earlier call has written the field, and that
// call went on to the operations: the first Close calls wg.Done, a second
// returns early, having nothing left to release.
func PriceOnceGuards(fn *ssa.Function, ops []ssa.Instruction, costs *Costs) {
	if fn.Signature.Recv() == nil || len(ops) == 0 || len(fn.Params) == 0 {
		return
	}
	recv := fn.Params[0]
	var written []*types.Var // fields written before every op
	for _, f := range fieldWrites(fn, recv) {
		before := true
		for _, op := range ops {
			before = before && op.Parent() == fn && Dominates(f.at, op)
		}
		if before {
			written = append(written, f.field)
		}
	}
	if len(written) == 0 {
		return
	}
	for _, b := range fn.Blocks {
		if _, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If); !ok || !readsAny(fn, recv, b, written) {
			continue
		}
		for _, s := range b.Succs {
			if !reachesAny(s, ops) {
				costs.AddEdge(Edge{b, s}, Never)
			}
		}
	}
}

// A fieldWrite is a write of a field of a receiver.
type fieldWrite struct {
	field *types.Var
	at    ssa.Instruction
}

// fieldWrites returns the writes of fields of recv in fn: stores, and calls
// of the methods that write atomics (Store, Swap, CompareAndSwap).
func fieldWrites(fn *ssa.Function, recv *ssa.Parameter) []fieldWrite {
	var ws []fieldWrite
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			var addr ssa.Value
			switch x := instr.(type) {
			case *ssa.Store:
				addr = x.Addr
			case *ssa.Call:
				if callee := Callee(&x.Call); callee != nil && len(x.Call.Args) > 0 {
					switch callee.Name() {
					case "Store", "Swap", "CompareAndSwap":
						addr = x.Call.Args[0]
					}
				}
			}
			if f := fieldOfRecv(addr, recv); f != nil {
				ws = append(ws, fieldWrite{f, instr})
			}
		}
	}
	return ws
}

// fieldOfRecv returns the field addr addresses, when it is a field (or a
// field of a field) of recv.
func fieldOfRecv(addr ssa.Value, recv *ssa.Parameter) *types.Var {
	fa, ok := addr.(*ssa.FieldAddr)
	if !ok {
		return nil
	}
	for x := fa.X; ; {
		switch y := x.(type) {
		case *ssa.FieldAddr:
			x = y.X
			continue
		case *ssa.Parameter:
			if y != recv {
				return nil
			}
		default:
			return nil
		}
		break
	}
	return FieldOf(fa)
}

// readsAny reports whether block b of fn reads one of fields of recv:
// itself, or through a method of the same receiver it calls (and the
// methods that one calls on it), two calls deep.
func readsAny(fn *ssa.Function, recv *ssa.Parameter, b *ssa.BasicBlock, fields []*types.Var) bool {
	var reads func(instrs []ssa.Instruction, recv ssa.Value, depth int) bool
	reads = func(instrs []ssa.Instruction, recv ssa.Value, depth int) bool {
		for _, instr := range instrs {
			switch x := instr.(type) {
			case *ssa.FieldAddr:
				if p, ok := recv.(*ssa.Parameter); ok {
					if f := fieldOfRecv(x, p); f != nil && slices.Contains(fields, f) {
						return true
					}
				}
			case *ssa.Call:
				callee := x.Call.StaticCallee()
				if depth == 0 || callee == nil || len(x.Call.Args) == 0 || x.Call.Args[0] != recv || len(callee.Params) == 0 {
					continue
				}
				if reads(Instrs(callee), callee.Params[0], depth-1) {
					return true
				}
			}
		}
		return false
	}
	return reads(b.Instrs, recv, 2)
}

// reachesAny reports whether one of ops can run from block b on.
func reachesAny(b *ssa.BasicBlock, ops []ssa.Instruction) bool {
	for _, op := range ops {
		if op.Block() == b || reaches(b, op.Block()) {
			return true
		}
	}
	return false
}
