// Package twin pins the XContext-twin rule: only a function's own
// context-taking twin excuses it.
package twin

import (
	"context"
	"database/sql"
)

type Repo struct{ db *sql.DB }

// Ping has no twin: it calls another type's PingContext.
func (r *Repo) Ping() error {
	return r.db.PingContext(context.Background()) // want `\(\*sql.DB\).PingContext can block forever`
}

// Ping has no twin in this package either.
func Ping(db *sql.DB) error {
	return db.PingContext(context.Background()) // want `\(\*sql.DB\).PingContext can block forever`
}

// Get is GetContext without a context: its callers chose no deadline.
func (r *Repo) Get() error { return r.GetContext(context.Background()) }

func (r *Repo) GetContext(ctx context.Context) error { return r.db.PingContext(ctx) }

// Exec is ExecCtx without a context (go-zero's spelling).
func (r *Repo) Exec(q string) error { return r.ExecCtx(context.Background(), q) }

func (r *Repo) ExecCtx(ctx context.Context, q string) error {
	_, err := r.db.ExecContext(ctx, q)
	return err
}
