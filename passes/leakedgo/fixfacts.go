package leakedgo

import (
	"go/token"
	"slices"

	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/ssa"

	"github.com/structlint/structlint/internal/fix"
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
		if c.mayWait(instr) {
			return false
		}
		if call, ok := instr.(ssa.CallInstruction); ok {
			common := call.Common()
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

// finishesAlone reports whether goroutine s returns without waiting for
// anything, as far as its own code shows: it makes no loop, no channel
// operation or select, starts no goroutine, and calls only builtins and
// functions of the package that do the same. Joining it under a lock
// cannot then wait for code that needs the lock (a Stop), nor forever.
func (c *checker) finishesAlone(s *model.Spawn) bool {
	if s.Body == nil || s.Body.Parent() == nil {
		return false
	}
	seen := map[*ssa.Function]bool{}
	var alone func(fn *ssa.Function) bool
	alone = func(fn *ssa.Function) bool {
		if seen[fn] {
			return true
		}
		seen[fn] = true
		for _, instr := range model.Instrs(fn) {
			if c.mayWait(instr) {
				return false
			}
			if call, ok := instr.(ssa.CallInstruction); ok {
				if _, builtin := call.Common().Value.(*ssa.Builtin); builtin {
					continue
				}
				callee := call.Common().StaticCallee()
				if callee == nil || callee.Pkg != s.Body.Pkg || callee.Blocks == nil || !alone(callee) {
					return false
				}
			}
		}
		return true
	}
	return alone(s.Body)
}

// mayWait reports whether instr, by itself, can wait or keep its
// goroutine going: it is in a loop, is a channel operation or a select,
// or starts a goroutine.
func (c *checker) mayWait(instr ssa.Instruction) bool {
	switch instr := instr.(type) {
	case *ssa.Send, *ssa.Select, *ssa.Go:
		return true
	case *ssa.UnOp:
		if instr.Op == token.ARROW {
			return true
		}
	}
	return c.m.InLoop(instr)
}

// stopsThroughOthers reports whether fn calls, on recv, a method of this
// package that calls one of stoppers on its receiver, directly or through
// other such methods: a Stop that flushes and then calls hardStop. Methods
// of other packages are not seen; the model's knowledge of stops would.
func (c *checker) stopsThroughOthers(fn *ssa.Function, recv model.Access, stoppers []string) bool {
	seen := make(map[*ssa.Function]bool)
	var stops func(m *ssa.Function) bool
	stops = func(m *ssa.Function) bool {
		if seen[m] || m.Blocks == nil || len(m.Params) == 0 {
			return false
		}
		seen[m] = true
		for _, instr := range model.Instrs(m) {
			call, ok := instr.(ssa.CallInstruction)
			if !ok || call.Common().IsInvoke() || len(call.Common().Args) == 0 || !c.m.AccessOf(call.Common().Args[0]).Same(c.m.AccessOf(m.Params[0])) {
				continue
			}
			if callee := call.Common().StaticCallee(); callee != nil && callee.Signature.Recv() != nil &&
				(slices.Contains(stoppers, callee.Name()) || stops(callee)) {
				return true
			}
		}
		return false
	}
	for _, instr := range model.Instrs(fn) {
		call, ok := instr.(ssa.CallInstruction)
		if !ok || call.Common().IsInvoke() || len(call.Common().Args) == 0 || !c.m.AccessOf(call.Common().Args[0]).Same(recv) {
			continue
		}
		if callee := call.Common().StaticCallee(); callee != nil && callee.Signature.Recv() != nil && callee.Pkg == fn.Pkg && stops(callee) {
			return true
		}
	}
	return false
}

// endsFunction reports whether the statement at cur is the last of its
// function's body: a call there that blocks for the life of the function
// (a Serve that runs until stopped) would register a deferred stop only
// once it returned, as the function returns. The model's knowledge of
// which calls block until a stop would say so of a call anywhere.
func endsFunction(cur inspector.Cursor) bool {
	_, body := fix.EnclosingFunc(cur)
	return body != nil && len(body.List) > 0 && body.List[len(body.List)-1] == cur.Node()
}
