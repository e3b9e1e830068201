package addtwice

import (
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"
)

// both returns once both goroutines are done.
func TestBoth(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var sum atomic.Int32
		both(func(i int) {
			time.Sleep(time.Second)
			sum.Add(int32(i))
		})
		if sum.Load() != 3 {
			t.Errorf("both returned before its goroutines were done (sum %d, want 3)", sum.Load())
		}
		time.Sleep(time.Hour)
	})
}
