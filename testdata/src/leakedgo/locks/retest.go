package locks

import "sync"

// Correct: the path that would return holding the lock is ruled out by a
// test the function made on the way: both fields nil returns early, so
// one of the branches that unlock runs.

type raftTopo struct {
	mu      sync.RWMutex
	hashi   *int
	classic *int
}

type master struct{ topo *raftTopo }

func (m *master) Servers() int {
	m.topo.mu.RLock()
	if m.topo.hashi == nil && m.topo.classic == nil {
		m.topo.mu.RUnlock()
		return 0
	}
	n := 0
	if m.topo.hashi != nil {
		n = *m.topo.hashi
		m.topo.mu.RUnlock()
	} else if m.topo.classic != nil {
		n = *m.topo.classic
		m.topo.mu.RUnlock()
	}
	return n
}

// The negated test, and a boolean tested again.
func (m *master) Leader(verbose bool) int {
	m.topo.mu.RLock()
	if m.topo.hashi == nil {
		m.topo.mu.RUnlock()
		return 0
	}
	if verbose {
		println("leader")
	}
	if !(m.topo.hashi == nil) {
		m.topo.mu.RUnlock()
	}
	if verbose {
		println("done")
	}
	return 1
}

func (m *master) SetHashi(p *int) {
	m.topo.mu.Lock()
	defer m.topo.mu.Unlock()
	m.topo.hashi = p
}

// The early return tests another field: with hashi nil and classic set,
// the function returns holding the lock.
func (m *master) Peers() int {
	m.topo.mu.RLock() // want `Peers returns at line 72 with m\.topo\.mu still read-locked \(line 62\)`
	if m.topo.classic == nil {
		m.topo.mu.RUnlock()
		return 0
	}
	n := 0
	if m.topo.hashi != nil {
		n = *m.topo.hashi
		m.topo.mu.RUnlock()
	}
	return n
}
