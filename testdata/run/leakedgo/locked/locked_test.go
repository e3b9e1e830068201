package locked

import (
	"sync"
	"testing"
	"testing/synctest"
)

// Items added at once are all kept: the race detector sees the appends
// ordered only if Add joins its goroutine before releasing the lock.
func TestAddConcurrently(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var s Store
		var wg sync.WaitGroup
		for _, it := range []string{"a", "b", "c", "d"} {
			wg.Go(func() { s.Add(it) })
		}
		wg.Wait()
		synctest.Wait()
		if n := s.Len(); n != 4 {
			t.Errorf("Len = %d, want 4", n)
		}
	})
}
