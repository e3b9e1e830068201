package model

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// A FieldUse is an operation on a channel or group held in a struct field:
// the lifetime of a goroutine owned by a struct is typically managed this
// way, started in New or Start and joined in Close or Stop through
// s.wg.Wait() or <-s.done.
type FieldUse struct {
	Field *types.Var // the struct field
	Op    Op
	Instr ssa.Instruction
	Case  int // for a select, the index of the case
}

// cost prices the place of u on paths, like Costs.Add does for a Use.
func (u *FieldUse) cost(c *Costs, cost int) {
	if sel, ok := u.Instr.(*ssa.Select); ok {
		if e, ok := CaseEdge(sel, u.Case); ok {
			c.AddEdge(e, cost)
			return
		}
	}
	c.AddInstr(u.Instr, cost)
}

// FieldUses returns the operations this package performs on field f.
func (m *Model) FieldUses(f *types.Var) []*FieldUse { return m.fieldUses[f] }

// FieldUsesIn returns the operations on struct fields made by fn itself.
func (m *Model) FieldUsesIn(fn *ssa.Function) []*FieldUse { return m.fieldUsesIn[fn] }

func (m *Model) findFieldUses() {
	m.fieldUses = make(map[*types.Var][]*FieldUse)
	m.fieldUsesIn = make(map[*ssa.Function][]*FieldUse)
	add := func(v ssa.Value, op Op, instr ssa.Instruction, i int) {
		if f := FieldOf(v); f != nil {
			u := &FieldUse{Field: f, Op: op, Instr: instr, Case: i}
			m.fieldUses[f] = append(m.fieldUses[f], u)
			m.fieldUsesIn[instr.Parent()] = append(m.fieldUsesIn[instr.Parent()], u)
		}
	}
	for _, fn := range m.Funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				switch instr := instr.(type) {
				case *ssa.Send:
					add(instr.Chan, Send, instr, 0)
				case *ssa.UnOp:
					if instr.Op == token.ARROW {
						op := Recv
						if instr.CommaOk && b.Comment == "rangechan.loop" {
							op = Range
						}
						add(instr.X, op, instr, 0)
					}
				case *ssa.Select:
					for i, st := range instr.States {
						op := Recv
						if st.Dir == types.SendOnly {
							op = Send
						}
						add(st.Chan, op, instr, i)
					}
				case ssa.CallInstruction:
					call := instr.Common()
					if b, ok := call.Value.(*ssa.Builtin); ok && b.Name() == "close" {
						add(call.Args[0], Close, instr, 0)
						continue
					}
					fn := Callee(call)
					if fn == nil || call.IsInvoke() || len(call.Args) == 0 || fn.Signature().Recv() == nil {
						continue
					}
					if k := groupKind(deref(fn.Signature().Recv().Type())); k != 0 {
						add(call.Args[0], callOp(call, methodOp(fn, k)), instr, 0)
					}
				}
			}
		}
	}
}

// FieldOf returns the struct field v is, or whose address v is: a load of
// a FieldAddr (a channel field) or the FieldAddr itself (a group field).
func FieldOf(v ssa.Value) *types.Var {
	if load, ok := v.(*ssa.UnOp); ok && load.Op == token.MUL {
		v = load.X
	}
	fa, ok := v.(*ssa.FieldAddr)
	if !ok {
		return nil
	}
	st, ok := deref(fa.X.Type()).Underlying().(*types.Struct)
	if !ok {
		return nil
	}
	return st.Field(fa.Field).Origin()
}
