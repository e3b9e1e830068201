// want package:"drivers net remote}"

// Package wire is a database/sql driver for a server across the network,
// like Postgres.
package wire

import (
	"database/sql"
	"database/sql/driver"
	"net"
)

type Driver struct{}

func (Driver) Open(name string) (driver.Conn, error) {
	c, err := net.Dial("tcp", name)
	if err != nil {
		return nil, err
	}
	c.Close()
	return nil, nil
}

func init() { sql.Register("wire", Driver{}) }
