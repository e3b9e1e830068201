package locks

import "leakedgo/locks/lib"

// Correct: a function called with the queue lock held lets it go while it
// copies, unless an option says the write must be atomic, and takes it back as it returns
// by a deferred Lock registered on that way only. On the atomic way
// nothing is deferred and the lock stays held: no Lock runs there. The
// lock is another package's wrapper, behind a wrapper of this package, as
// gVisor's generated mutexes are.

type sndQueueMutex struct{ mu lib.Mutex }

func (m *sndQueueMutex) Lock()   { m.mu.Lock() }
func (m *sndQueueMutex) Unlock() { m.mu.Unlock() }

type endpoint struct {
	sndQueueMu sndQueueMutex
	queued     int
}

type writeOptions struct{ Atomic bool }

func (e *endpoint) readFromPayloader(n int, opts writeOptions) int {
	if !opts.Atomic {
		e.sndQueueMu.Unlock()
		defer e.sndQueueMu.Lock()
	}
	return n * 2
}

func (e *endpoint) queueSegment(n int, opts writeOptions) {
	e.sndQueueMu.Lock()
	defer e.sndQueueMu.Unlock()
	e.queued += e.readFromPayloader(n, opts)
}

// The twin: the Lock is deferred on every way, also where nothing was
// let go.

func (e *endpoint) readAll(n int, opts writeOptions) int {
	if !opts.Atomic {
		e.sndQueueMu.Unlock()
	}
	defer e.sndQueueMu.Lock() // want `readAll blocks forever in its call of Lock`
	return n * 2
}

func (e *endpoint) queueAll(n int, opts writeOptions) {
	e.sndQueueMu.Lock()
	defer e.sndQueueMu.Unlock()
	e.queued += e.readAll(n, opts)
}
