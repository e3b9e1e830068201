// Package readme holds the README's ctxmissing example, as a user would
// write it (see analyzer's TestExamples).
package readme

import (
	"context"
	"database/sql"
)

type Store struct{ db *sql.DB }

func (s *Store) Count() (int, error) { return count(s.db) }

func count(db *sql.DB) (int, error) {
	var n int
	err := db.QueryRowContext(context.Background(), "SELECT count(*) FROM t").Scan(&n)
	return n, err
}
