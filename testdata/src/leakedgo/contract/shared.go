package contract

import (
	"sync/atomic"

	"leakedgo/contract/worker"
)

// A value a getter or a cache returns is not made for the caller: its
// owner keeps it and stops it (tailscale's shared magicsock.Conn behind
// LocalBackend.MagicConn, rsop's cached Policy). Only a fresh value, made
// on the call and kept nowhere else, is the caller's to stop.

type engine struct{ w *worker.Worker }

func (e *engine) Worker() *worker.Worker { return e.w }

func poke(e *engine) {
	e.Worker().Start()
}

var shared atomic.Pointer[worker.Worker]

func cachedWorker() *worker.Worker {
	if w := shared.Load(); w != nil {
		return w
	}
	w := worker.New()
	shared.Store(w)
	return w
}

func pokeCached() {
	cachedWorker().Start()
}

var registry = map[string]*worker.Worker{}

func registeredWorker(name string) *worker.Worker {
	w := worker.New()
	registry[name] = w
	return w
}

func pokeRegistered(name string) {
	registeredWorker(name).Start()
}

// Twins: a wrapper that makes a worker afresh hands the caller the duty
// to stop it.

func freshWorker() *worker.Worker {
	w := worker.New()
	return w
}

func pokeFresh() {
	w := freshWorker()
	w.Start() // want `w.Start starts a goroutine that only w.Stop ends, but pokeFresh returns at line \d+ without calling it`
}
