// Package own registers an embedded driver type under a name of its own,
// and uses only that.
package own

import (
	"context"
	"database/sql"

	"ctxmissing/drivers/bare"
)

const name = "own-sqlite"

func init() { sql.Register(name, &bare.Driver{Extensions: []string{"json"}}) }

func query(db *sql.DB) (*sql.Rows, error) {
	return db.QueryContext(context.Background(), "SELECT 1")
}
