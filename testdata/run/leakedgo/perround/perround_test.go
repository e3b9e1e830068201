package perround

import (
	"slices"
	"testing"
	"testing/synctest"
	"time"
)

// Every page in time: all the replies, in order.
func TestKeepsReplies(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		out, err := fetchAll([]time.Duration{100 * time.Millisecond, 200 * time.Millisecond})
		if err != nil || !slices.Equal(out, []string{"100ms", "200ms"}) {
			t.Errorf("fetchAll = %v, %v; want [100ms 200ms], nil", out, err)
		}
	})
}

// A slow page: fetchAll gives up after a second with what it has, and the
// slow page's goroutine ends once get returns: synctest.Test fails if it
// is left blocked.
func TestTimedOut(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		out, err := fetchAll([]time.Duration{100 * time.Millisecond, time.Hour, 100 * time.Millisecond})
		if err == nil || !slices.Equal(out, []string{"100ms"}) || time.Since(start) != 1100*time.Millisecond {
			t.Errorf("fetchAll = %v, %v after %v; want [100ms], an error after 1.1s", out, err, time.Since(start))
		}
		time.Sleep(2 * time.Hour) // long after the slow get returned
	})
}
