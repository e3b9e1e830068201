package readme

import (
	"strings"
	"testing"
	"testing/synctest"
	"time"
)

func TestKeepsSuccess(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		if err := fetchAll(t.Context(), []string{"a", "b"}); err != nil || time.Since(start) != time.Second {
			t.Errorf("fetchAll = %v after %v, want nil after 1s", err, time.Since(start))
		}
	})
}

// A failed fetch is fetchAll's error.
func TestFailure(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		err := fetchAll(t.Context(), []string{"a", "bad", "c"})
		if err == nil || !strings.Contains(err.Error(), "bad: not found") {
			t.Errorf("fetchAll = %v, want the error of bad", err)
		}
	})
}
