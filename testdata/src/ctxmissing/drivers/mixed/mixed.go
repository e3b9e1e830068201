// Package mixed can run on an embedded driver or on a server: its calls
// with no deadline can wait on the server forever.
package mixed

import (
	"context"
	"database/sql"

	_ "ctxmissing/drivers/embedded"
	_ "ctxmissing/drivers/wire"
)

func migrate(db *sql.DB) error {
	_, err := db.ExecContext(context.Background(), "CREATE TABLE t (x)") // want `\(\*sql.DB\).ExecContext can block forever`
	return err
}
