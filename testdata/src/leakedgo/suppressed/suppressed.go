// Package suppressed holds the README's suppression example (see
// analyzer's TestREADMESuppression): under -leakedgo.strict, serve's go
// statement is reported but for its directive; serveLoud's is.
package suppressed

import (
	"io"
	"net"
)

func handle(conn net.Conn) {
	defer conn.Close()
	io.Copy(conn, conn)
}

func serve(ln net.Listener) error {
	for {
		conn, err := ln.Accept()
		if err != nil {
			return err
		}
		//lint:ignore leakedgo the goroutine exits when conn is closed by Serve
		go handle(conn)
	}
}

func serveLoud(ln net.Listener) error {
	for {
		conn, err := ln.Accept()
		if err != nil {
			return err
		}
		go handle(conn)
	}
}
