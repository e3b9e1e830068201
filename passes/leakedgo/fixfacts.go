package leakedgo

import (
	"go/token"

	"golang.org/x/tools/go/ssa"

	"github.com/structlint/structlint/internal/model"
)

// Facts the fixes need about what a goroutine or a call waits for. They
// stand for the model's knowledge of who releases each blocking
// operation, and are conservative until the model answers these
// questions itself.

// endsOnRelease reports whether goroutine s returns once release r
// happens, as far as its own code shows: r closes a value or cancels a
// context, and s makes no loop, no channel operation or select, starts no
// goroutine, and gives what r releases to every call it makes (but
// builtins and the context's own methods), so that whatever such a call
// waits on, r ends it.
func (c *checker) endsOnRelease(s *model.Spawn, r *release) bool {
	if r.kind == unlocks || s.Body == nil || s.Body.Parent() == nil {
		return false
	}
	for _, instr := range model.Instrs(s.Body) {
		if c.m.InLoop(instr) {
			return false
		}
		switch instr := instr.(type) {
		case *ssa.Send, *ssa.Select, *ssa.Go:
			return false
		case *ssa.UnOp:
			if instr.Op == token.ARROW {
				return false
			}
		case ssa.CallInstruction:
			common := instr.Common()
			if _, builtin := common.Value.(*ssa.Builtin); builtin {
				continue
			}
			args := common.Args
			if common.IsInvoke() {
				if r.kind == cancels && c.accesses(common.Value, r.what) {
					continue // ctx.Err(), ctx.Value(…)
				}
				args = append([]ssa.Value{common.Value}, args...)
			}
			given := false
			for _, arg := range args {
				given = given || c.accesses(arg, r.what)
			}
			if !given {
				return false
			}
		}
	}
	return true
}
