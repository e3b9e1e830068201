package sendlocked

import (
	"testing"
	"time"
)

// A goroutine blocked on a sync.Mutex is not durably blocked, so synctest
// would wait forever on this deadlock rather than report it: the test
// gives the pushes a real second instead. The deadlock needs the pusher
// to take the lock again before drain takes it after a receive; a loaded
// machine may let drain win once in a while, so the test pushes many times
// and one loss is enough to show it.

const pushes = 1000

// Pushes one after the other all complete, and Close keeps them all.
func TestPushes(t *testing.T) {
	q := New()
	done := make(chan struct{})
	go func() {
		for i := range pushes {
			q.Push(i)
		}
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(time.Second):
		t.Fatal("Push deadlocked: it sends while holding the lock drain takes after each receive")
	}
	q.Close()
	if n := q.Len(); n != pushes {
		t.Errorf("Len = %d, want %d", n, pushes)
	}
}
