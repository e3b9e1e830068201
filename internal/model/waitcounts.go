package model

import (
	"maps"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// waitAbandon returns how Wait b can wait forever although the package
// calls Done on its WaitGroup (see countedMaybe and countedShort), for a
// WaitGroup the class engine counts (see classCounts), or nil.
func (m *Model) waitAbandon(b *Operation) *Abandon {
	if !m.classCounts(b) {
		return nil
	}
	waiters := m.Goroutines(m.Up(b.Fn())) // the goroutines that wait: not the ones it waits for
	if a := m.countedMaybe(b, waiters); a != nil {
		return a
	}
	return m.countedShort(b, waiters)
}

// countedMaybe returns how Wait b, on a WaitGroup of its class, can wait
// forever although Done is called on it: an Add counts a goroutine that a
// helper may not start (a server that is shutting down refuses new
// goroutines, see Spawn.Maybe and Spawn.Reports), only that goroutine
// calls the Done that settles it, and the function that made the Add does
// not call Done itself when the helper refused. The count then never gets
// back to zero. This is the class-wide form of what the per-object
// tracker knows of a local WaitGroup (Use.Maybe): the WaitGroup may be
// kept in a field, and Wait made by another method. Outside code cannot
// call Add or Done on the class itself (see Class.Direct), so nobody else
// settles the count.
func (m *Model) countedMaybe(b *Operation, waiters []*Spawn) *Abandon {
	// What runs a Done inline, and the goroutines that run one.
	doneUp := make(map[*ssa.Function]bool)
	for _, o := range b.Class.Ops {
		if o.Op == Done {
			maps.Copy(doneUp, m.Up(o.Fn()))
		}
	}
	doners := m.Goroutines(doneUp)
	for _, a := range b.Class.Ops {
		f := a.Fn()
		if a.Op != Add || m.InLoop(a.Instr) || doneUp[f] {
			continue // f (or what it calls) settles the count when it must
		}
		for _, s := range doners {
			if !(s.Maybe || s.Reports) || s.InLoop || s.Start.Parent() != f || !Dominates(a.Instr, s.Start) || slices.Contains(waiters, s) {
				continue
			}
			return &Abandon{Op: b, By: f, Thread: s, From: a.Instr, Path: CheapestReturn(s.Start, &Costs{})}
		}
	}
	return nil
}

// countedShort returns how Wait b, on a WaitGroup of its class, can wait
// forever because an Add counts more goroutines than are started to call
// Done: a function adds a constant k, then starts j < k goroutines whose
// bodies call Done at most once each, and no other code calls Done on the
// class (nor can outside code, see Class.Direct). The count never gets
// below k-j (b.wg.Add(2); go b.flush(), with b.wg kept in a field and
// waited on by another method).
func (m *Model) countedShort(b *Operation, waiters []*Spawn) *Abandon {
	var dones []ssa.Instruction
	for _, o := range b.Class.Ops {
		if o.Op == Done {
			dones = append(dones, o.Instr)
		}
	}
	for _, a := range b.Class.Ops {
		call, ok := a.Instr.(ssa.CallInstruction)
		if a.Op != Add || !ok || m.InLoop(a.Instr) || len(call.Common().Args) != 2 {
			continue
		}
		k, ok := intConst(call.Common().Args[1])
		if !ok || k < 2 {
			continue
		}
		// The goroutines a.Fn() starts after the Add, and the most Dones
		// they can make; every Done of the class must be theirs.
		var started []*Spawn
		most, theirs := 0, 0
		for _, s := range m.Spawns {
			if s.Parent != a.Fn() || s.Body == nil || !Dominates(a.Instr, s.Start) {
				continue
			}
			mine := slices.DeleteFunc(slices.Clone(dones), func(d ssa.Instruction) bool { return d.Parent() != s.Body })
			if len(mine) == 0 {
				continue
			}
			if s.InLoop || slices.Contains(waiters, s) || slices.ContainsFunc(mine, m.InLoop) {
				most = -1
				break
			}
			started = append(started, s)
			most += MaxOnPath(s.Body, mine)
			theirs += len(mine)
		}
		if most < 0 || len(started) == 0 || theirs != len(dones) || int64(most) >= k {
			continue
		}
		return &Abandon{Op: b, By: a.Fn(), Thread: started[0], From: a.Instr, Nth: int(k), Sends: most}
	}
	return nil
}

// classCounts reports whether Wait b is one whose WaitGroup the class
// engine counts: every Add and Done on it is the package's (see
// Class.Direct), and it is not a local WaitGroup that the per-object
// tracker follows to the end, whose count unjoined judges at its Add.
func (m *Model) classCounts(b *Operation) bool {
	c := b.Class
	if c.Kind != WaitGroup || b.Op != Wait || b.Callee != nil || c.Direct.Has(Add) || c.Direct.Has(Done) {
		return false
	}
	return !slices.ContainsFunc(c.Creations, func(v ssa.Value) bool {
		o := m.ObjectOf(v)
		return o != nil && o.Escape == nil
	})
}

// JoinedByField reports whether goroutine s is counted in a WaitGroup kept
// in a struct field that the package waits on: the function that starts
// it adds to the WaitGroup first, and the goroutine calls Done on it on
// every way, itself, in a deferred call or in a function it calls. The
// type's stopping method joins it (Stop closes, then s.wg.Wait()),
// whatever other WaitGroup a function counts it in besides.
func (m *Model) JoinedByField(s *Spawn) bool {
	if s.Body == nil || s.Body.Blocks == nil {
		return false
	}
	for _, cl := range m.Classes() {
		if cl.Kind != WaitGroup || len(cl.Fields) == 0 || !slices.ContainsFunc(cl.Ops, func(o *Operation) bool { return o.Op == Wait && !m.testOnly(o.Fn()) }) {
			continue
		}
		if !m.AddedBefore(cl, s) {
			continue
		}
		var dones []*Operation
		for _, o := range cl.Ops {
			if o.Op == Done {
				dones = append(dones, o)
			}
		}
		if m.releasesAlways(s.Body, nil, dones, make(map[*ssa.Function]bool)) {
			return true
		}
	}
	return false
}

// AddedBefore reports whether the function that starts s counts it in a
// WaitGroup of class cl before it starts it.
func (m *Model) AddedBefore(cl *Class, s *Spawn) bool {
	return slices.ContainsFunc(m.OpsIn(s.Parent), func(o *Operation) bool {
		return o.Class == cl && o.Op == Add && Dominates(o.Instr, s.Start)
	})
}
