// Package tlsdial pins crypto/tls, whose handshake waits on a peer that
// may never answer, and net, whose dial and lookups the OS bounds.
package tlsdial

import (
	"context"
	"crypto/tls"
	"net"
	"time"
)

func dial(addr string) (net.Conn, error) {
	d := &tls.Dialer{Config: &tls.Config{}}
	return d.DialContext(context.Background(), "tcp", addr) // want `\(\*tls.Dialer\).DialContext can block forever: its context comes from context.Background\(\) at line 14, no deadline is set on the way, and the tls.Dialer made at line 13 has no NetDialer with a Timeout`
}

// dialAndShake hands handshake a connection net dialed without a
// deadline: handshake is judged by what its callers in the package pass.
func dialAndShake(addr string) error {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	return handshake(conn)
}

func handshake(conn net.Conn) error {
	tc := tls.Client(conn, &tls.Config{})
	return tc.HandshakeContext(context.Background()) // want `\(\*tls.Conn\).HandshakeContext can block forever: its context comes from context.Background\(\) at line 29, no deadline is set on the way, and the connection has no deadline`
}

func dialTLS(addr string) (*tls.Conn, error) {
	return tls.Dial("tcp", addr, &tls.Config{}) // want `tls.Dial can block forever: it uses no context, and tls.Dial sets no deadline on the handshake`
}

func dialWithDialer(addr string) (*tls.Conn, error) {
	d := &net.Dialer{KeepAlive: time.Minute}
	return tls.DialWithDialer(d, "tcp", addr, &tls.Config{}) // want `tls.DialWithDialer can block forever: it uses no context, and the net.Dialer made at line 37 has no Timeout`
}

func serveOne(ln net.Listener) error {
	conn, err := ln.Accept()
	if err != nil {
		return err
	}
	return serverHandshake(conn)
}

func serverHandshake(conn net.Conn) error {
	return tls.Server(conn, &tls.Config{}).Handshake() // want `\(\*tls.Conn\).Handshake can block forever: it uses no context, and the connection has no deadline`
}

func serveTLS(ln net.Listener) error {
	conn, err := ln.Accept()
	if err != nil {
		return err
	}
	return tls.Server(conn, &tls.Config{}).Handshake() // want `\(\*tls.Conn\).Handshake can block forever: it uses no context, and the connection has no deadline`
}

// Near misses.

// A dial function handed over may set a deadline on what it dials.
func handshakeDialed(dial func(network, addr string) (net.Conn, error), addr string) error {
	conn, err := dial("tcp", addr)
	if err != nil {
		return err
	}
	return tls.Client(conn, &tls.Config{}).Handshake()
}

func dialDeadline(addr string) (net.Conn, error) {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	return conn, conn.SetDeadline(time.Now().Add(time.Minute))
}

func handshakeDeadlineDialed(addr string) error {
	conn, err := dialDeadline(addr)
	if err != nil {
		return err
	}
	return tls.Client(conn, &tls.Config{}).Handshake()
}

// A dialer's Timeout bounds the handshake too.
func dialWithTimeout(addr string) (*tls.Conn, error) {
	return tls.DialWithDialer(&net.Dialer{Timeout: 5 * time.Second}, "tcp", addr, &tls.Config{})
}

// The caller's dialer may have a Timeout.
func dialWithParam(d *net.Dialer, addr string) (*tls.Conn, error) {
	return tls.DialWithDialer(d, "tcp", addr, &tls.Config{})
}

// A connection handed over by callers the package does not see may carry
// their deadline: gRPC sets one before it calls a ServerHandshake.
func ServerHandshake(conn net.Conn) (net.Conn, error) {
	tc := tls.Server(conn, &tls.Config{})
	return tc, tc.Handshake()
}

// Callers in the package that set a deadline, or pass a connection from
// a function that sets one, bound it too.
func serveOneDeadline(ln net.Listener) error {
	conn, err := ln.Accept()
	if err != nil {
		return err
	}
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	return clientHello(conn)
}

func serveDialed(addr string) error {
	conn, err := dialDeadline(addr)
	if err != nil {
		return err
	}
	return clientHello(conn)
}

func clientHello(conn net.Conn) error {
	return tls.Server(conn, &tls.Config{}).Handshake()
}

func serverHandshakeDeadline(conn net.Conn) error {
	conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	return tls.Server(conn, &tls.Config{}).Handshake()
}

func dialTimeout(addr string) (net.Conn, error) {
	d := &tls.Dialer{NetDialer: &net.Dialer{Timeout: 5 * time.Second}}
	return d.DialContext(context.Background(), "tcp", addr)
}

func dialerParam(d *tls.Dialer, addr string) (net.Conn, error) {
	return d.DialContext(context.Background(), "tcp", addr) // d may have a NetDialer with a Timeout
}

func handshakeDeadline(conn net.Conn) error {
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	tc := tls.Client(conn, &tls.Config{})
	return tc.HandshakeContext(context.Background())
}

// The kernel gives up on a TCP connect (after about two minutes on Linux).
func dialTCP(addr string) (net.Conn, error) {
	var d net.Dialer
	return d.DialContext(context.Background(), "tcp", addr)
}

// Every DNS exchange has the resolver's own timeout.
func lookup(host string) ([]string, error) {
	return net.DefaultResolver.LookupHost(context.Background(), host)
}

// Binding and listening are local.
func listen(addr string) (net.Listener, error) {
	var lc net.ListenConfig
	return lc.Listen(context.Background(), "tcp", addr)
}
