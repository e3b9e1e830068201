package locks

import (
	"errors"
	"sync"

	"leakedgo/locks/lib"
)

// A lock whose unlock is handed to a function value (a cleanup object,
// t.Cleanup, context.AfterFunc) is released when that value is called,
// which the function no longer says: from there, it is not surely held.
// Restore hands it to a cleanup object and cleans up before it locks
// again, as gVisor's restore does.

type restorer struct {
	mu    sync.Mutex
	state int
}

var errBadState = errors.New("bad state")

func (r *restorer) step() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.state++
}

func (r *restorer) Restore() error {
	r.mu.Lock()
	cu := lib.Make(r.mu.Unlock)
	defer cu.Clean()
	if r.state < 0 {
		return errBadState
	}
	cu.Clean()
	r.step()
	return nil
}

// The same with a closure that unlocks.
func (r *restorer) RestoreFunc() error {
	r.mu.Lock()
	cu := lib.Make(func() { r.mu.Unlock() })
	defer cu.Clean()
	if r.state < 0 {
		return errBadState
	}
	cu.Clean()
	r.step()
	return nil
}

// The bug twin: nothing releases the lock before bump takes it again.

func (r *restorer) bump() {
	r.mu.Lock() // want `bump blocks forever locking r\.mu \(line \d+\): its callers hold it already \(RestoreHeld locks it at line \d+ and calls bump at line \d+\)`
	defer r.mu.Unlock()
	r.state++
}

func (r *restorer) RestoreHeld() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.state < 0 {
		return errBadState
	}
	r.bump()
	return nil
}

// sync.OnceFunc's result runs the unlock it was given, once: deferred to
// catch the early returns, and called before the next Lock, as mautrix
// does, with the method value or with a closure made before the Lock.

func (r *restorer) RestoreOnce() error {
	r.mu.Lock()
	unlock := sync.OnceFunc(r.mu.Unlock)
	defer unlock()
	if r.state < 0 {
		return errBadState
	}
	unlock()
	r.step()
	return nil
}

func (r *restorer) RestoreOnceClosure() error {
	done := sync.OnceFunc(func() { r.mu.Unlock() })
	r.mu.Lock()
	defer done()
	if r.state < 0 {
		return errBadState
	}
	done()
	r.step()
	return nil
}

// The bug twin: the OnceFunc's unlock is only deferred, and tick takes
// the lock again before it runs.

func (r *restorer) tick() {
	r.mu.Lock() // want `tick blocks forever locking r\.mu \(line \d+\): its callers hold it already \(RestoreOnceDeferred locks it at line \d+ and calls tick at line \d+\)`
	defer r.mu.Unlock()
	r.state++
}

func (r *restorer) RestoreOnceDeferred() error {
	done := sync.OnceFunc(func() { r.mu.Unlock() })
	r.mu.Lock()
	defer done()
	r.tick()
	return nil
}
