//go:build go1.25

package task

import (
	"context"
	"testing"
	"testing/synctest"
	"time"
)

// A timer call that was already on its way when Reschedule moved the
// deadline later, or removed it, must not expire the scope.
func TestDeadlineIgnoresStaleTimer(t *testing.T) {
	for _, later := range []time.Duration{time.Hour, 0} {
		synctest.Test(t, func(t *testing.T) {
			WithDeadline(t.Context(), time.Now().Add(time.Second), func(ctx context.Context, d *Deadline) error {
				d.mu.Lock()
				d.when = time.Time{}
				if later != 0 {
					d.when = time.Now().Add(later)
				}
				d.mu.Unlock() // as Reschedule does, but with the timer left set
				time.Sleep(2 * time.Second)
				if ctx.Err() != nil || d.Expired() {
					t.Errorf("a stale timer expired the scope (deadline moved by %v)", later)
				}
				return nil
			})
		})
	}
}
