// Package scope pins the task.Timeout fix: several calls that share a
// deadline-free context at the end of a function returning an error run
// under one deadline.
package scope

import (
	"context"
	"database/sql"
	"log"
)

func migrate(db *sql.DB) error {
	ctx := context.Background()
	log.Print("migrating")
	if _, err := db.ExecContext(ctx, "CREATE TABLE a (x int)"); err != nil { // want `\(\*sql.DB\).ExecContext can block forever: its context comes from context.Background\(\) at line 13`
		return err
	}

	// b has a long definition.
	_, err := db.ExecContext(ctx, // want `\(\*sql.DB\).ExecContext can block forever`
		`CREATE TABLE b (
	y int
)`)
	return err
}

func seed(db *sql.DB, names []string) error {
	if err := db.PingContext(context.Background()); err != nil { // want `\(\*sql.DB\).PingContext can block forever`
		return err
	}
	tx, err := db.BeginTx(context.Background(), nil) // want `\(\*sql.DB\).BeginTx can block forever`
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, n := range names {
		if _, err := tx.Exec("INSERT INTO t VALUES (?)", n); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// Not a function returning just an error: one deadline before the first
// call, which the second shares.
func count(db *sql.DB) (int, error) {
	ctx := context.Background()
	if err := db.PingContext(ctx); err != nil { // want `\(\*sql.DB\).PingContext can block forever`
		return 0, err
	}
	var n int
	err := db.QueryRowContext(ctx, "SELECT count(*) FROM t").Scan(&n) // want `\(\*sql.DB\).QueryRowContext can block forever`
	return n, err
}

// ctx goes on to a goroutine that outlives the function: only the call
// gets the deadline.
func background(db *sql.DB, done chan<- error) error {
	ctx := context.Background()
	if err := db.PingContext(ctx); err != nil { // want `\(\*sql.DB\).PingContext can block forever`
		return err
	}
	go func() { done <- watch(ctx, db) }()
	_, err := db.ExecContext(ctx, "UPDATE t SET x = 1") // want `\(\*sql.DB\).ExecContext can block forever`
	return err
}

func watch(ctx context.Context, db *sql.DB) error {
	<-ctx.Done()
	return db.Close()
}
