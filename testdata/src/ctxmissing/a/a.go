package a

import (
	"context"
	"database/sql"
	"time"

	"ctxmissing/b"
)

func direct(db *sql.DB) error {
	_, err := db.ExecContext(context.Background(), "DELETE FROM t") // want `\(\*sql.DB\).ExecContext can block forever: its context comes from context.Background\(\) at line 12, and no deadline is set on the way`
	return err
}

func derived(db *sql.DB) error {
	ctx, cancel := context.WithCancel(context.TODO())
	defer cancel()
	ctx = context.WithValue(ctx, "k", "v")
	return db.PingContext(ctx) // want `\(\*sql.DB\).PingContext can block forever: its context comes from context.TODO\(\) at line 17`
}

func withoutCancel(parent context.Context, db *sql.DB) {
	ctx := context.WithoutCancel(parent)
	db.PingContext(ctx) // want `\(\*sql.DB\).PingContext can block forever: its context comes from context.WithoutCancel at line 24, and it drops any deadline its parent had`
}

func viaFact(s *b.Store) (int, error) {
	return s.Count(context.Background()) // want `\(\*b.Store\).Count can block forever: it passes its context to \(\*sql.DB\).QueryRowContext; the context comes from context.Background\(\) at line 29`
}

func viaResultFact(s *b.Store) {
	s.Count(b.Detached()) // want `\(\*b.Store\).Count can block forever: it passes its context to \(\*sql.DB\).QueryRowContext; the context comes from b.Detached\(\) at line 33`
}

// lookup's ctx parameter is its callers' business: not reported here.
func lookup(ctx context.Context, db *sql.DB, name string) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	_, err := db.ExecContext(ctx, "INSERT INTO t VALUES (?)", name)
	return err
}

func callsLookup(db *sql.DB) {
	lookup(context.Background(), db, "example.com") // want `a.lookup can block forever: it passes its context to \(\*sql.DB\).ExecContext`
}

// lookupFn only ever holds lookup: calling it calls lookup.
var lookupFn = lookup

func callsLookupFn(db *sql.DB) {
	lookupFn(context.Background(), db, "example.com") // want `a.lookup can block forever: it passes its context to \(\*sql.DB\).ExecContext`
}

func closure(db *sql.DB) {
	ctx := context.Background()
	func() {
		db.PingContext(ctx) // want `PingContext can block forever`
	}()
}

// Near misses.

func withTimeout(db *sql.DB) error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	return db.PingContext(ctx)
}

func maybe(db *sql.DB, parent context.Context, detach bool) error {
	ctx := parent
	if detach {
		ctx = context.Background()
	}
	return db.PingContext(ctx) // the parameter may carry a deadline
}

func mixed(db *sql.DB, d time.Duration) error {
	ctx := context.Background()
	if d > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, d)
		defer cancel()
	}
	return db.PingContext(ctx) // not provably without deadline
}

func ownDeadline(s *b.Store) error {
	return s.Ping(context.Background())
}

func suppressed(db *sql.DB) {
	//lint:ignore ctxmissing the migration runs once at start-up and may take hours
	db.ExecContext(context.Background(), "VACUUM")
}

func malformed(db *sql.DB) {
	//lint:ignore ctxmissing // want `malformed //lint:ignore directive: it needs a reason`
	db.ExecContext(context.Background(), "VACUUM") // want `ExecContext can block forever`
}

func otherCheck(db *sql.DB) {
	//lint:ignore SA1012 not ours
	db.ExecContext(context.Background(), "VACUUM") // want `ExecContext can block forever`
}

func inLoop(db *sql.DB, qs []string) {
	for _, q := range qs {
		db.ExecContext(context.Background(), q) // want `ExecContext can block forever`
	}
}

// Ping is the form of PingContext without a context: its callers chose no
// deadline.
func Ping(db *sql.DB) error {
	return PingContext(context.Background(), db)
}

func PingContext(ctx context.Context, db *sql.DB) error {
	return db.PingContext(ctx)
}
