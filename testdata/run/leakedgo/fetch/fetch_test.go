package fetch

import (
	"context"
	"errors"
	"testing"
	"testing/synctest"
	"time"
)

// The result arrives after the second get takes.
func TestKeepsResult(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		r, err := fetch(t.Context(), "u")
		if err != nil || r.URL != "u" || time.Since(start) != time.Second {
			t.Errorf("fetch = %v, %v after %v; want u, nil after 1s", r, err, time.Since(start))
		}
	})
}

// Cancelled, fetch returns at once, and its goroutine ends once get
// returns: synctest.Test fails if it is left blocked.
func TestCancelled(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		time.AfterFunc(100*time.Millisecond, cancel)
		start := time.Now()
		r, err := fetch(ctx, "u")
		if !errors.Is(err, context.Canceled) || r != nil || time.Since(start) != 100*time.Millisecond {
			t.Errorf("fetch = %v, %v after %v; want nil, context.Canceled after 100ms", r, err, time.Since(start))
		}
		time.Sleep(time.Hour) // long after get returned
	})
}
