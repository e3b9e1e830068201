// Package mail pins net/smtp, which takes no context and sets no deadline:
// a server that accepts the connection and never greets hangs it.
package mail

import (
	"net"
	"net/smtp"
	"time"
)

func notify(addr, from, to string, msg []byte) error {
	return smtp.SendMail(addr, nil, from, []string{to}, msg) // want `smtp.SendMail can block forever: it uses no context, and net/smtp sets no deadline on the connection`
}

func connect(addr string) (*smtp.Client, error) {
	return smtp.Dial(addr) // want `smtp.Dial can block forever`
}

// Near misses.

// The caller bounds the connection the client reads its greeting from.
func client(addr, host string) (*smtp.Client, error) {
	conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		return nil, err
	}
	if err := conn.SetDeadline(time.Now().Add(time.Minute)); err != nil {
		return nil, err
	}
	return smtp.NewClient(conn, host)
}
