// Command flags is checked with -ctxmissing.main and -ctxmissing.tests.
package main

import (
	"context"
	"database/sql"
)

func main() {
	db, _ := sql.Open("driver", "dsn")
	db.PingContext(context.Background()) // want `\(\*sql.DB\).PingContext can block forever`
}
