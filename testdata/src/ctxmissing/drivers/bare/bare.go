// want package:"\\) drivers}"

// Package bare is an embedded driver that leaves registering to its
// importer, under a name of the importer's choosing.
package bare

import (
	"database/sql/driver"
	"errors"
)

type Driver struct{ Extensions []string }

func (*Driver) Open(name string) (driver.Conn, error) { return nil, errors.New("not implemented") }
