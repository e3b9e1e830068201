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
