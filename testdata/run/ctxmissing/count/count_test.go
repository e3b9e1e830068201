package count

import (
	"context"
	"errors"
	"testing"
	"testing/synctest"
	"time"

	"structlint.test/run/internal/fake"
)

func TestKeepsCount(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		db := fake.DB(false)
		defer db.Close()
		if n, err := count(db); n != 42 || err != nil {
			t.Errorf("count = %d, %v; want 42, nil", n, err)
		}
	})
}

// A dead database makes count fail within its deadline, not wait for it.
func TestDeadPeer(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		db := fake.DB(true)
		defer db.Close()
		start := time.Now()
		n, err := count(db)
		if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > time.Minute {
			t.Errorf("count = %d, %v after %v; want a deadline exceeded within a minute", n, err, time.Since(start))
		}
	})
}
