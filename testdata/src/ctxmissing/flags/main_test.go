package main

import (
	"context"
	"database/sql"
	"testing"
)

func TestPing(t *testing.T) {
	db, _ := sql.Open("driver", "dsn")
	db.PingContext(context.Background()) // want `\(\*sql.DB\).PingContext can block forever`
}
