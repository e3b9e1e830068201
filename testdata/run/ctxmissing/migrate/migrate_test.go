package migrate

import (
	"context"
	"errors"
	"testing"
	"testing/synctest"
	"time"

	"structlint.test/run/internal/fake"
)

func TestKeepsMigrating(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		db := fake.DB(false)
		defer db.Close()
		if err := migrate(db); err != nil {
			t.Errorf("migrate = %v, want nil", err)
		}
	})
}

// A dead database makes migrate fail within its deadline.
func TestDeadPeer(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		db := fake.DB(true)
		defer db.Close()
		start := time.Now()
		err := migrate(db)
		if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > time.Minute {
			t.Errorf("migrate = %v after %v; want a deadline exceeded within a minute", err, time.Since(start))
		}
	})
}
