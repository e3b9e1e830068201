// Package readme2 holds the README's second leakedgo example, a lock left
// held on an early return, as a user would write it (see analyzer's
// TestExamples).
package readme2

import (
	"log"
	"sync"
)

type Manager struct {
	mu      sync.Mutex
	targets map[string]string
	configs map[string]bool
	pools   map[string]string
}

func (m *Manager) reload() {
	m.mu.Lock() // reload returns at line 6 with m.mu still locked (line 2): the next lock of it (Stop, line 14) blocks forever; unlock it before that return
	for name, cfg := range m.targets {
		if _, ok := m.configs[name]; !ok {
			log.Printf("unknown job %s", name)
			return
		}
		m.pools[name] = cfg
	}
	m.mu.Unlock()
}

func (m *Manager) Stop() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.pools = nil
}
