package model

import (
	"fmt"
	"go/token"
	"go/types"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// A lockPath says which lock a value points to, as one function sees it:
// the value it is reached from (its root) and the field selections and
// loads that lead from there to the sync.Mutex or sync.RWMutex. Two
// lockPaths with the same root and steps are the same lock, as long as
// the root holds the same value (see lockAnalysis.stale).
type lockPath struct {
	// root is a parameter, free variable, global or local value of the
	// function; an argRoot in the Acquires of another package's function;
	// nil when the lock is known only by its key.
	root  any
	steps string // "f3;" selects field 3, "*;" loads: "f1;*;f0;"
}

// argRoot is the root of a lock reached from argument i of a call of
// another package's function, as its LockFact says.
type argRoot int

// exact reports whether p names one lock: its root is a parameter, free
// variable, global or variable, rather than a value computed on the way
// (a call result, a map lookup), which another computation may not give
// again.
func (p lockPath) exact() bool {
	switch p.root.(type) {
	case *ssa.Parameter, *ssa.FreeVar, *ssa.Global, *ssa.Alloc, argRoot:
		return true
	}
	return false
}

// known reports whether p has a root at all.
func (p lockPath) known() bool { return p.root != nil }

// pathOf returns the lockPath of v, a pointer.
func pathOf(v ssa.Value) lockPath {
	var steps []string
walk:
	for {
		switch x := unconvert(v).(type) {
		case *ssa.FieldAddr:
			steps = append(steps, "f"+strconv.Itoa(x.Field)+";")
			v = x.X
		case *ssa.UnOp:
			if x.Op != token.MUL {
				v = x
				break walk
			}
			steps = append(steps, "*;")
			v = x.X
		default:
			v = x
			break walk
		}
	}
	var b strings.Builder
	for i := len(steps) - 1; i >= 0; i-- {
		b.WriteString(steps[i])
	}
	return lockPath{root: v, steps: b.String()}.unspilled()
}

// unspilled returns p rooted at a parameter where it goes through the cell
// that holds the parameter because a closure captures it: the builder
// stores the parameter there on entry, and the function's s.mu is then
// *cell's mu. The callers bind the parameter, not the cell.
func (p lockPath) unspilled() lockPath {
	if cell, ok := p.root.(*ssa.Alloc); ok && strings.HasPrefix(p.steps, "*;") {
		if param := HeldParameter(cell); param != nil {
			return lockPath{root: param, steps: p.steps[len("*;"):]}
		}
	}
	return p
}

// under returns p's steps after prefix, and whether prefix leads to p.
func (p lockPath) under(prefix lockPath) (string, bool) {
	if cell, ok := prefix.root.(*ssa.Alloc); ok && p.root != nil && p.root == HeldParameter(cell) {
		p = lockPath{root: cell, steps: "*;" + p.steps} // see unspilled
	}
	if p.root == nil || p.root != prefix.root || !strings.HasPrefix(p.steps, prefix.steps) {
		return "", false
	}
	return p.steps[len(prefix.steps):], true
}

// A lockMode is how a lock is held.
type lockMode uint8

const (
	lockWrite lockMode = iota + 1 // Lock
	lockRead                      // RLock
)

// A lockRef is a lock as one function sees it.
type lockRef struct {
	path lockPath
	// tail is the chain of fields that holds the lock inside the object
	// it lives in, from that object to the lock: for c.in.Mutex, the
	// fields in and Mutex; for a global, the global first. A pointer to
	// a lock kept in a field (mu *sync.Mutex) ends its chain there.
	tail []*types.Var
	// key is the lock's class: its tail, or for a lock reached otherwise
	// (a map value, a parameter) its Class or value. Locks of one key are
	// the same lock, or locks of the same kind of object (the mu field
	// of every T).
	key  any
	mode lockMode
}

func (r lockRef) same(o lockRef) bool {
	return r.path == o.path && r.key == o.key && r.mode == o.mode
}

// sameLock reports whether r and o are provably the same lock.
func (r lockRef) sameLock(o lockRef) bool {
	return r.path.known() && r.path == o.path && r.key == o.key
}

// A lockChain is the key of locks with one tail.
type lockChain struct{ tail []*types.Var }

// chainKey returns the key of locks with the given tail, one per tail.
func (a *lockAnalysis) chainKey(tail []*types.Var) *lockChain {
	var b strings.Builder
	for _, f := range tail {
		fmt.Fprintf(&b, "%p;", f)
	}
	k := a.chains[b.String()]
	if k == nil {
		k = &lockChain{tail: tail}
		a.chains[b.String()] = k
	}
	return k
}

// chainOf returns the chain of fields (and global) that leads to the
// object v points into, from the object (or global) it is in: &c.in is
// [in]; a value loaded from memory starts a chain of its own.
func chainOf(v ssa.Value) []*types.Var {
	var tail []*types.Var
	for {
		switch x := unconvert(v).(type) {
		case *ssa.FieldAddr:
			if f := fieldVar(x.X.Type(), x.Field); f != nil {
				tail = append([]*types.Var{f}, tail...)
			}
			v = x.X
			continue
		case *ssa.Global:
			if obj, ok := x.Object().(*types.Var); ok {
				tail = append([]*types.Var{obj}, tail...)
			}
		}
		return tail
	}
}

// lockTail returns the tail of the lock v points to: the chain of the
// field or global that holds a pointer to it, when v is loaded from one.
func lockTail(v ssa.Value) []*types.Var {
	v = unconvert(v)
	if x, ok := v.(*ssa.UnOp); ok && x.Op == token.MUL {
		return chainOf(x.X)
	}
	return chainOf(v)
}

// unconvert returns v without the conversions that keep the object it
// points to.
func unconvert(v ssa.Value) ssa.Value {
	for {
		switch x := v.(type) {
		case *ssa.ChangeType:
			v = x.X
		case *ssa.MakeInterface:
			v = x.X
		case *ssa.TypeAssert:
			if x.CommaOk {
				return v
			}
			v = x.X
		default:
			return v
		}
	}
}

// refOf returns the lockRef of the lock v points to, taken in mode.
func (a *lockAnalysis) refOf(v ssa.Value, mode lockMode) lockRef {
	r := lockRef{path: a.canon(pathOf(v)), tail: lockTail(v), mode: mode}
	r.key = a.keyOf(v, r.tail)
	return r
}

// keyOf returns the key of a lock with the given tail reached through v.
func (a *lockAnalysis) keyOf(v ssa.Value, tail []*types.Var) any {
	if len(tail) > 0 {
		return a.chainKey(tail)
	}
	if c := a.m.ClassOf(v); c != nil {
		return c
	}
	return v
}

// fieldVar returns field i of the struct t (or *t) is, or nil.
func fieldVar(t types.Type, i int) *types.Var {
	st, ok := deref(t).Underlying().(*types.Struct)
	if !ok || i >= st.NumFields() {
		return nil
	}
	return st.Field(i).Origin()
}

// A bindVal is what a root of a callee is in its caller: the argument
// (or closure binding) passed for it.
type bindVal struct {
	path     lockPath
	tail     []*types.Var // the chain of the object it points into (chainOf)
	lockTail []*types.Var // its tail if it is itself a lock (lockTail)
	key      any          // its key if it is itself a lock
}

// A binding maps the roots of a callee (its parameters and free
// variables, or argRoots) to what they are in the caller.
type binding map[any]bindVal

// bindValue returns the bindVal of caller value v.
func (a *lockAnalysis) bindValue(v ssa.Value) bindVal {
	lt := lockTail(v)
	return bindVal{path: a.canon(pathOf(v)), tail: chainOf(v), lockTail: lt, key: a.keyOf(v, lt)}
}

// subst returns lock r of a callee as its caller sees it through b. A
// lock reached from the callee's own values is known to the caller only
// by its key.
func (a *lockAnalysis) subst(b binding, r lockRef) lockRef {
	switch r.path.root.(type) {
	case *ssa.Global, nil:
		return r
	}
	v, ok := b[r.path.root]
	if !ok {
		r.path = lockPath{}
		return r
	}
	out := r
	if v.path.known() {
		out.path = a.canon(lockPath{root: v.path.root, steps: v.path.steps + r.path.steps}.unspilled())
	} else {
		out.path = lockPath{}
	}
	switch {
	case r.path.steps == "": // the parameter is the lock
		out.tail, out.key = v.lockTail, v.key
	case strings.Contains(strings.TrimSuffix(r.path.steps, "*;"), "*"): // in an object of its own
	default: // in the object the argument points into
		out.tail = append(slices.Clip(v.tail), r.tail...)
		if len(out.tail) > 0 {
			out.key = a.chainKey(out.tail)
		}
	}
	return out
}

// rootBlock returns the block that defines the root of p, or nil for a
// parameter, free variable or global.
func rootBlock(p lockPath) *ssa.BasicBlock {
	if instr, ok := p.root.(ssa.Instruction); ok {
		return instr.Block()
	}
	return nil
}
