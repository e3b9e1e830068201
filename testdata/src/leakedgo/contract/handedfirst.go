package contract

import "leakedgo/contract/worker"

// A value handed to its owner before it is started (kept in the owner's
// map, whose Close stops every worker) is the owner's to stop (frp's proxy
// pool).

type pool struct{ workers map[string]*worker.Worker }

func (m *pool) add(name string) {
	w := worker.New()
	m.workers[name] = w
	w.Start()
}

func (m *pool) Close() {
	for _, w := range m.workers {
		w.Stop()
	}
}

// The twin hands it over only on one path, after starting it.
func (m *pool) addIf(name string, keep bool) {
	w := worker.New()
	w.Start() // want `w.Start starts a goroutine that only w.Stop ends, but addIf returns at line 28 without calling it`
	if !keep {
		return
	}
	m.workers[name] = w
}
