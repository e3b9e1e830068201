// Package clash pins the names the fixes declare: they must not clash
// with a later declaration in the same block (clickhouse-go's example
// declared ctx, cancel after the call), nor with each other when all the
// fixes of a file are applied together.
package clash

import (
	"context"
	"database/sql"
)

func laterDeclaration(db *sql.DB) error {
	ctx := context.Background()
	var n int
	if err := db.QueryRowContext(ctx, "SELECT 1").Scan(&n); err != nil { // want `QueryRowContext can block forever`
		return err
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	_ = ctx
	return nil
}

func twoCalls(db *sql.DB) {
	db.ExecContext(context.Background(), "DELETE FROM a") // want `ExecContext can block forever`
	db.ExecContext(context.Background(), "DELETE FROM b") // want `ExecContext can block forever`
}
