package contract

import (
	"net"

	"leakedgo/contract/transport"
)

// serveOnce closes the connection it hands to the listener: that ends the
// listener's goroutines as its Close would, on every return.
func serveOnce(conn *net.UDPConn, handle func(string)) {
	defer conn.Close()
	l, err := transport.Listen(conn)
	if err != nil {
		return
	}
	s, err := l.Accept()
	if err != nil {
		return
	}
	handle(s)
}

// serveKept keeps the connection open: nothing ends the listener.
func serveKept(conn *net.UDPConn, handle func(string)) {
	l, err := transport.Listen(conn) // want `transport.Listen starts a goroutine that only l.Close ends, but serveKept returns at line \d+ without calling it`
	if err != nil {
		return
	}
	s, err := l.Accept()
	if err != nil {
		return
	}
	handle(s)
}
