package firsterr

import (
	"testing"
	"testing/synctest"
	"time"
)

func TestKeepsNoError(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		if err := checkAll(t.Context(), []string{"a", "b", "c"}); err != nil {
			t.Errorf("checkAll = %v, want nil", err)
		}
	})
}

// The first error returns at once, and the goroutines still checking end
// when they are done: synctest.Test fails if one is left blocked.
func TestFirstError(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		err := checkAll(t.Context(), []string{"a", "bad", "c", "d"})
		if err == nil || err.Error() != "bad: not found" || time.Since(start) != 100*time.Millisecond {
			t.Errorf("checkAll = %v after %v, want bad: not found after 100ms", err, time.Since(start))
		}
		time.Sleep(time.Hour)
	})
}
