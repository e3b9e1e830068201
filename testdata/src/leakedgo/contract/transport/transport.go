// Package transport listens for sessions on a packet connection it is
// handed, like quic.Listen: its goroutines run until the listener is
// closed, or until the connection is, which ends the read loop feeding
// them.
package transport

import (
	"errors"
	"net"
)

type Listener struct {
	conn     net.PacketConn
	packets  chan []byte
	sessions chan string
	closed   chan struct{}
}

func Listen(conn net.PacketConn) (*Listener, error) {
	if conn == nil {
		return nil, errors.New("transport: no connection")
	}
	l := &Listener{conn: conn, packets: make(chan []byte), sessions: make(chan string), closed: make(chan struct{})}
	go l.read()
	go l.run()
	return l, nil
}

func (l *Listener) read() {
	defer close(l.packets)
	for {
		buf := make([]byte, 1500)
		n, _, err := l.conn.ReadFrom(buf)
		if err != nil {
			return
		}
		l.packets <- buf[:n]
	}
}

func (l *Listener) run() {
	for {
		select {
		case <-l.closed:
			return
		case p := <-l.packets:
			l.sessions <- string(p)
		}
	}
}

func (l *Listener) Accept() (string, error) {
	select {
	case s := <-l.sessions:
		return s, nil
	case <-l.closed:
		return "", errors.New("transport: closed")
	}
}

func (l *Listener) Close() error {
	close(l.closed)
	return nil
}
