package a

import (
	"context"
	"database/sql"
	"testing"
)

// A test helper outside a test file is test code.
func pingForTest(t *testing.T, db *sql.DB) {
	if err := db.PingContext(context.Background()); err != nil {
		t.Fatal(err)
	}
}
