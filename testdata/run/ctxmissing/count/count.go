// Package count is the README's ctxmissing example: a query under a
// context with no deadline.
package count

import (
	"context"
	"database/sql"
)

func count(db *sql.DB) (int, error) {
	var n int
	err := db.QueryRowContext(context.Background(), "SELECT count(*) FROM t").Scan(&n)
	return n, err
}
