package engine

import (
	"errors"
	"net"
)

// A goroutine that either reports a failure or says it is ready, never
// both: once the spawner has seen it ready, it will send no failure, so
// returning then leaves no send waiting. The same through a helper that
// the goroutine calls once.

type wsConn struct{ conn net.Conn }

func openWS(conn net.Conn) (*wsConn, error) {
	if conn == nil {
		return nil, errors.New("no connection")
	}
	return &wsConn{conn}, nil
}

func (s *wsConn) serve() {}

func serveConn(ready chan struct{}, failed chan error, conn net.Conn) {
	s, err := openWS(conn)
	if err != nil {
		failed <- err
		return
	}
	close(ready)
	s.serve()
}

func handleConn(conn net.Conn) error {
	ready := make(chan struct{})
	failed := make(chan error)
	go serveConn(ready, failed, conn)
	select {
	case err := <-failed:
		return err
	case <-ready:
		return nil
	}
}

func acceptOne(conn net.Conn) error {
	ready := make(chan struct{})
	failed := make(chan error)
	go func() {
		startConn(ready, failed, conn)
	}()
	select {
	case err := <-failed:
		return err
	case <-ready:
		return nil
	}
}

func startConn(ready chan struct{}, failed chan error, conn net.Conn) {
	s, err := openWS(conn)
	if err == nil {
		close(ready)
		s.serve()
		return
	}
	failed <- err
}

// The goroutine's function is exported, so other packages may pass it
// channels they send on too; the channels handleSocket makes and gives it
// only it uses.

func ServeSocket(ready chan bool, failed chan error, conn net.Conn) {
	serveSocket(ready, failed, conn)
}

func serveSocket(ready chan bool, failed chan error, conn net.Conn) {
	s, err := openWS(conn)
	if err != nil {
		failed <- err
		return
	}
	close(ready)
	s.serve()
}

func handleSocket(conn net.Conn) error {
	ready := make(chan bool)
	failed := make(chan error)
	go ServeSocket(ready, failed, conn)
	select {
	case err := <-failed:
		return err
	case <-ready:
		return nil
	}
}

// The twins say they are ready first and may fail after: a failure then
// finds nobody receiving.

func serveLate(ready chan struct{}, failed chan error, conn net.Conn) {
	close(ready)
	if _, err := openWS(conn); err != nil {
		failed <- err
	}
}

func handleLate(conn net.Conn) error {
	ready := make(chan struct{})
	failed := make(chan error)
	go serveLate(ready, failed, conn) // want `goroutine blocks forever sending on failed in serveLate \(line \d+\) when handleLate returns at line \d+ through <-ready`
	select {
	case err := <-failed:
		return err
	case <-ready:
		return nil
	}
}

func ServeSocketLate(ready chan bool, failed chan error, conn net.Conn) {
	close(ready)
	if _, err := openWS(conn); err != nil {
		failed <- err
	}
}

func handleSocketLate(conn net.Conn) error {
	ready := make(chan bool)
	failed := make(chan error)
	go ServeSocketLate(ready, failed, conn) // want `goroutine blocks forever sending on failed in ServeSocketLate \(line \d+\) when handleSocketLate returns at line \d+ through <-ready`
	select {
	case err := <-failed:
		return err
	case <-ready:
		return nil
	}
}
