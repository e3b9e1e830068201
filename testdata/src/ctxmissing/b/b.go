// Package b is a library whose functions pass their context on to blocking
// calls: its callers, in package a, are judged through facts.
package b

import (
	"context"
	"database/sql"
	"net/http"
	"os/exec"
)

type Store struct{ db *sql.DB }

// Count passes ctx straight to the database.
func (s *Store) Count(ctx context.Context) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM t").Scan(&n)
	return n, err
}

// Ping derives a deadline itself: callers owe it nothing.
func (s *Store) Ping(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 1e9)
	defer cancel()
	return s.db.PingContext(ctx)
}

// Detached returns a context that is never cancelled.
func Detached() context.Context {
	return context.Background()
}

// Fetch leaves its client to its callers: only the client's Timeout could
// bound the request, which takes no context.
func Fetch(c *http.Client, url string) error {
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Command makes a command that takes no context.
func Command(name string) *exec.Cmd { return exec.Command(name) }

// NewClient makes a client with no Timeout.
func NewClient() *http.Client { return &http.Client{} }
