package engine

import (
	"errors"
	"time"
)

// A send guarded by a flag that the send's own way sets sends once however
// often its loop runs: a buffer of one holds it, and the sender never
// waits for a receiver (frp's forwarded address, got from a stream of
// requests).

var errNoAddr = errors.New("no address")

func firstAddr(reqs <-chan string, timeout time.Duration) (string, error) {
	addr := make(chan string, 1)
	go func() {
		got := false
		for r := range reqs {
			if r != "" && !got {
				got = true
				addr <- r
			}
			if r == "ping" {
				println("pong")
			}
		}
	}()
	select {
	case a := <-addr:
		return a, nil
	case <-time.After(timeout):
		return "", errNoAddr
	}
}

// The twin clears the flag again on some way: it can send a second time,
// into a full buffer nobody drains once firstAddrAgain has returned.
func firstAddrAgain(reqs <-chan string, timeout time.Duration) (string, error) {
	addr := make(chan string, 1)
	go func() { // want `goroutine blocks forever sending on addr \(line 46\) when firstAddrAgain returns at line 57 through <-time.After\(timeout\)`
		got := false
		for r := range reqs {
			if r != "" && !got {
				got = true
				addr <- r
			}
			if r == "reset" {
				got = false
			}
		}
	}()
	select {
	case a := <-addr:
		return a, nil
	case <-time.After(timeout):
		return "", errNoAddr
	}
}

// The twin clears the flag on a way that does not send: after a send the
// guard fails, but a "reset" request takes it back, and the next request
// sends again.
func firstAddrReset(reqs <-chan string, timeout time.Duration) (string, error) {
	addr := make(chan string, 1)
	go func() { // want `goroutine blocks forever sending on addr`
		got := false
		for r := range reqs {
			if !got {
				got = true
				addr <- r
			} else if r == "reset" {
				got = false
			}
		}
	}()
	select {
	case a := <-addr:
		return a, nil
	case <-time.After(timeout):
		return "", errNoAddr
	}
}

// An error kept once it is not nil works as the flag: the writer reports
// its first failure and from then on only drains what it is given
// (martian's HTTP/2 relay).
func relay(frames <-chan string, closing <-chan struct{}) error {
	readerDone := make(chan struct{})
	defer func() { readerDone <- struct{}{} }()
	writerErr := make(chan error, 1)
	go func() {
		var err error
		for {
			select {
			case f := <-frames:
				if err == nil {
					if err = writeFrame(f); err != nil {
						writerErr <- err
					}
				}
			case <-readerDone:
				return
			}
		}
	}()
	select {
	case err := <-writerErr:
		return err
	case <-closing:
		return nil
	}
}

// The twin forgets the error once it has reported it, so the next
// failure is sent too, into a buffer nobody drains once relayForget
// has returned.
func relayForget(frames <-chan string, closing <-chan struct{}) error {
	readerDone := make(chan struct{})
	defer func() { readerDone <- struct{}{} }()
	writerErr := make(chan error, 1)
	go func() { // want `goroutine blocks forever sending on writerErr`
		var err error
		for {
			select {
			case f := <-frames:
				if err == nil {
					if err = writeFrame(f); err != nil {
						writerErr <- err
						err = nil
					}
				}
			case <-readerDone:
				return
			}
		}
	}()
	select {
	case err := <-writerErr:
		return err
	case <-closing:
		return nil
	}
}

func writeFrame(f string) error {
	if f == "" {
		return errNoAddr
	}
	return nil
}
