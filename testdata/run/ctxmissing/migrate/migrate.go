// Package migrate runs two statements under one context with no
// deadline.
package migrate

import (
	"context"
	"database/sql"
)

func migrate(db *sql.DB) error {
	ctx := context.Background()
	if _, err := db.ExecContext(ctx, "CREATE TABLE t (n int)"); err != nil {
		return err
	}
	_, err := db.ExecContext(ctx, "INSERT INTO t VALUES (1)")
	return err
}
