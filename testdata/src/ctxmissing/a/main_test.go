package a

import (
	"context"
	"database/sql"
)

func helperInTest(db *sql.DB) {
	db.PingContext(context.Background()) // test files are skipped by default
}
