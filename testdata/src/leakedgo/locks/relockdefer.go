package locks

import "sync"

// --- A function its callers call with the lock held lets it go while it
// copies, and defers taking it back: through a wrapper type's methods,
// as generated lock types have.

type queueMutex struct{ mu sync.Mutex }

func (m *queueMutex) Lock()   { m.mu.Lock() }
func (m *queueMutex) Unlock() { m.mu.Unlock() }

type sendQueue struct {
	qmu  queueMutex
	data []byte
}

func (e *sendQueue) queueSegment(p []byte, atomic bool) {
	e.qmu.Lock()
	defer e.qmu.Unlock()
	e.readFrom(p, atomic)
}

func (e *sendQueue) readFrom(p []byte, atomic bool) {
	if !atomic {
		e.qmu.Unlock()
		defer e.qmu.Lock()
	}
	e.data = append(e.data, p...)
}
