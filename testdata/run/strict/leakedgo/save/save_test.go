package save

import (
	"testing"
	"testing/synctest"
	"time"
)

// Once save returns, every item is stored: the race detector sees the
// stores happen before the caller's read only if save joins its
// goroutine.
func TestSave(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var stored []string
		save([]string{"a", "b"}, func(s string) {
			time.Sleep(time.Millisecond)
			stored = append(stored, s)
		})
		if len(stored) != 2 {
			t.Errorf("stored %q when save returned, want a and b", stored)
		}
		time.Sleep(time.Second)
	})
}
