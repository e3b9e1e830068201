// want package:"drivers local}"

// Package embedded is a database/sql driver for an engine in the process,
// like SQLite: it registers itself and never touches the network.
package embedded

import (
	"database/sql"
	"database/sql/driver"
	"errors"
)

type Driver struct{}

func (Driver) Open(name string) (driver.Conn, error) { return nil, errors.New("not implemented") }

func init() { sql.Register("embedded", Driver{}) }
