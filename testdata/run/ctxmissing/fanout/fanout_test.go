package fanout

import (
	"database/sql"
	"testing"
	"testing/synctest"
	"time"

	"structlint.test/run/internal/fake"
)

func dbs(n int, dead bool) []*sql.DB {
	var dbs []*sql.DB
	for range n {
		dbs = append(dbs, fake.DB(dead))
	}
	return dbs
}

func closeAll(dbs []*sql.DB) {
	for _, db := range dbs {
		db.Close()
	}
}

func TestKeepsPinging(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		all := dbs(10, false)
		defer closeAll(all)
		if got := down(all); len(got) != 0 {
			t.Errorf("down = %v, want none", got)
		}
	})
}

// A hundred hung databases, four at a time: the fan-out as a whole gives
// up within a minute, not after each has had its 5s.
func TestHung(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		all := dbs(100, true)
		defer closeAll(all)
		start := time.Now()
		if got := down(all); len(got) != 100 || time.Since(start) > time.Minute {
			t.Errorf("down found %d of 100 after %v; want all within a minute", len(got), time.Since(start))
		}
	})
}
