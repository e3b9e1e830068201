// Package hooks pins connections handed to handshakes through function
// values: what counts is the deadline in force where the package calls
// them.
package hooks

import (
	"crypto/tls"
	"net"
	"time"
)

// A Muxer reads a connection's first bytes under a deadline and calls its
// fail hook while that deadline is still set.
type Muxer struct {
	timeout time.Duration
	fail    func(net.Conn)
}

func NewMuxer() *Muxer { return &Muxer{timeout: 30 * time.Second, fail: alertFailed} }

func (m *Muxer) Handle(c net.Conn) {
	if err := c.SetDeadline(time.Now().Add(m.timeout)); err != nil {
		c.Close()
		return
	}
	if !route(c) {
		m.fail(c)
		return
	}
	c.SetDeadline(time.Time{})
}

func route(c net.Conn) bool { return c.RemoteAddr() != nil }

// alertFailed runs under the Muxer's deadline.
func alertFailed(c net.Conn) {
	_ = tls.Server(c, &tls.Config{}).Handshake()
	c.Close()
}

// A Router clears the deadline it read under before it hands the
// connection to its handlers.
type Router struct {
	handle func(net.Conn)
}

func NewRouter(cfg *tls.Config) *Router {
	return &Router{handle: func(c net.Conn) {
		_ = tls.Server(c, cfg).Handshake() // want `\(\*tls.Conn\).Handshake can block forever: it uses no context, and the connection has no deadline`
	}}
}

func (r *Router) Serve(c net.Conn) {
	c.SetReadDeadline(time.Now().Add(time.Second))
	if !route(c) {
		c.Close()
		return
	}
	c.SetReadDeadline(time.Time{})
	r.handle(c)
}
