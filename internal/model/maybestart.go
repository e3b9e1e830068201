package model

import "slices"

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
func (m *Model) countedMaybe(b *Operation) *Abandon {
	c := b.Class
	if c.Kind != WaitGroup || b.Op != Wait || b.Callee != nil || c.Direct.Has(Add) || c.Direct.Has(Done) {
		return nil
	}
	waiters := m.Goroutines(m.Up(b.Fn()))
	for _, a := range c.Ops {
		if a.Op != Add || m.InLoop(a.Instr) {
			continue
		}
		f := a.Fn()
		if slices.ContainsFunc(c.Ops, func(o *Operation) bool { return o.Op == Done && m.Up(o.Fn())[f] }) {
			continue // it (or what it calls) settles the count when it must
		}
		for _, d := range c.Ops {
			if d.Op != Done {
				continue
			}
			for _, s := range m.Goroutines(m.Up(d.Fn())) {
				if !(s.Maybe || s.Reports) || s.InLoop || s.Start.Parent() != f || !Dominates(a.Instr, s.Start) || slices.Contains(waiters, s) {
					continue
				}
				return &Abandon{Op: b, By: f, Thread: s, From: a.Instr, Path: CheapestReturn(s.Start, &Costs{})}
			}
		}
	}
	return nil
}
