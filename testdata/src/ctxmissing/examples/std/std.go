// Package std is an example package, as clickhouse-go's examples/std:
// functions that show an API, run by its tests. Like tests, it is not
// checked unless -ctxmissing.tests is set.
package std

import (
	"context"
	"database/sql"
)

func UseContext(db *sql.DB) error {
	_, err := db.ExecContext(context.Background(), "SELECT 1")
	return err
}
