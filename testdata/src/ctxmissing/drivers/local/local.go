// Package local uses database/sql on an embedded driver only: its calls
// wait on no server, so no deadline is missing. Dropping a caller's
// context is still reported.
package local

import (
	"context"
	"database/sql"

	_ "ctxmissing/drivers/embedded"
)

func open() (*sql.DB, error) { return sql.Open("embedded", "file.db") }

func migrate(db *sql.DB) error {
	_, err := db.ExecContext(context.Background(), "CREATE TABLE t (x)")
	return err
}

func count(ctx context.Context, db *sql.DB) (n int, err error) {
	err = db.QueryRowContext(ctx, "SELECT count(*) FROM t").Scan(&n)
	return n, err
}

func countAll(db *sql.DB) (int, error) {
	return count(context.Background(), db)
}

func conn(db *sql.DB) (*sql.Conn, error) {
	return db.Conn(context.Background())
}

func drops(ctx context.Context, db *sql.DB) error {
	_, err := db.ExecContext(context.Background(), "DELETE FROM t") // want `drops ctx, the context drops was given`
	return err
}
