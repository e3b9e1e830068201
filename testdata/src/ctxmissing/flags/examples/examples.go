// Package examples is checked with -ctxmissing.tests set.
package examples

import (
	"context"
	"database/sql"
)

func UseContext(db *sql.DB) error {
	_, err := db.ExecContext(context.Background(), "SELECT 1") // want `ExecContext can block forever`
	return err
}
