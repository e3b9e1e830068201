// Package fake stands in for the peers of the code the tests run: a
// database and an HTTP server that answer at once, or a dead peer that
// answers after an hour (standing for never) unless the caller's context
// is done first. Run under testing/synctest, an hour passes at once.
package fake

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"io"
	"net/http"
	"strings"
	"time"
)

// ErrNoAnswer is what a dead peer returns after an hour.
var ErrNoAnswer = errors.New("fake: the peer never answered")

// wait waits for a dead peer: an hour, or until ctx is done.
func wait(ctx context.Context) error {
	select {
	case <-time.After(time.Hour):
		return ErrNoAnswer
	case <-ctx.Done():
		return ctx.Err()
	}
}

// DB returns a database whose queries return one row, (42), and whose
// statements succeed; if dead, each waits as a dead peer does first.
// Close it before the test returns.
func DB(dead bool) *sql.DB { return sql.OpenDB(connector{dead}) }

type connector struct{ dead bool }

func (c connector) Connect(context.Context) (driver.Conn, error) { return conn(c), nil }
func (c connector) Driver() driver.Driver                          { return nil }

type conn struct{ dead bool }

func (c conn) Prepare(string) (driver.Stmt, error) { return nil, errors.New("fake: no prepared statements") }
func (c conn) Close() error                        { return nil }
func (c conn) Begin() (driver.Tx, error)           { return nil, errors.New("fake: no transactions") }

func (c conn) answer(ctx context.Context) error {
	if c.dead {
		return wait(ctx)
	}
	return nil
}

func (c conn) Ping(ctx context.Context) error { return c.answer(ctx) }

func (c conn) ExecContext(ctx context.Context, _ string, _ []driver.NamedValue) (driver.Result, error) {
	if err := c.answer(ctx); err != nil {
		return nil, err
	}
	return driver.RowsAffected(1), nil
}

func (c conn) QueryContext(ctx context.Context, _ string, _ []driver.NamedValue) (driver.Rows, error) {
	if err := c.answer(ctx); err != nil {
		return nil, err
	}
	return &rows{}, nil
}

type rows struct{ done bool }

func (r *rows) Columns() []string { return []string{"n"} }
func (r *rows) Close() error      { return nil }
func (r *rows) Next(dest []driver.Value) error {
	if r.done {
		return io.EOF
	}
	r.done, dest[0] = true, int64(42)
	return nil
}

// Transport is an http.RoundTripper whose responses are 200 OK with the
// body "hello"; if Dead, each waits as a dead peer does first.
type Transport struct{ Dead bool }

func (t Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	if t.Dead {
		if err := wait(req.Context()); err != nil {
			return nil, err
		}
	}
	return &http.Response{StatusCode: http.StatusOK, Body: io.NopCloser(strings.NewReader("hello")), Request: req}, nil
}

// UseTransport makes t http.DefaultTransport for the rest of the test.
func UseTransport(tb interface{ Cleanup(func()) }, t Transport) {
	old := http.DefaultTransport
	http.DefaultTransport = t
	tb.Cleanup(func() { http.DefaultTransport = old })
}
