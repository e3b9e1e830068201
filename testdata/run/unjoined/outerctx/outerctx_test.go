package outerctx

import (
	"strings"
	"testing"
	"testing/synctest"
	"time"
)

// The first failure cancels the other fetches, so fetchAll returns with
// it at once.
func TestFailure(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		err := fetchAll(t.Context(), []string{"a", "bad"})
		if err == nil || !strings.Contains(err.Error(), "bad: not found") || time.Since(start) != time.Second {
			t.Errorf("fetchAll = %v after %v, want the error of bad after 1s", err, time.Since(start))
		}
	})
}
