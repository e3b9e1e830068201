// Package ownwire declares and registers a driver that dials a server.
package ownwire

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"net"
)

type remote struct{}

func (remote) Open(name string) (driver.Conn, error) {
	c, err := net.Dial("tcp", name)
	if err != nil {
		return nil, err
	}
	c.Close()
	return nil, nil
}

func init() { sql.Register("remote", remote{}) }

func ping(db *sql.DB) error {
	return db.PingContext(context.Background()) // want `\(\*sql.DB\).PingContext can block forever`
}
