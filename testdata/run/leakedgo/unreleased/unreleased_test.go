package unreleased

import (
	"errors"
	"testing"
	"testing/synctest"
)

// A goroutine blocked on a sync.Mutex is not durably blocked, so synctest
// cannot see this deadlock; TryLock shows the lock left held instead.

// After a rejected Add the lock is free, and the next Add counts.
func TestAddAfterError(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var c Counter
		c.Add(-1)
		if !c.mu.TryLock() {
			t.Fatal("Add returned with its lock held: the next Add blocks forever")
		}
		c.mu.Unlock()
		if err := c.Add(2); err != nil || c.Value() != 2 {
			t.Errorf("Add(2) = %v, Value = %d; want nil, 2", err, c.Value())
		}
	})
}

// The fix keeps the error a negative amount gets.
func TestKeepsError(t *testing.T) {
	var c Counter
	if err := c.Add(-1); !errors.Is(err, ErrNegative) {
		t.Errorf("Add(-1) = %v, want ErrNegative", err)
	}
}
