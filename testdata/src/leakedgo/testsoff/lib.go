// Package tests holds leaks that only tests make: left alone unless
// -leakedgo.tests is set.
package tests

import (
	"time"

	itesting "github.com/mitchellh/go-testing-interface"
)

type reply struct{ v int }

// ask answers once; a caller that does not receive leaves its goroutine
// blocked.
func ask() chan reply {
	ch := make(chan reply)
	go func() {
		ch <- reply{1}
	}()
	return ch
}

// A helper of tests kept in a non-test file, which takes a test's handle
// through go-testing-interface, abandons it the same way: the tests' doing.
func askForTest(t itesting.T, short bool) {
	ch := ask()
	if short {
		t.Helper()
		return
	}
	<-ch
}

type server struct{}

func (*server) shutdown() error { return nil }

// A helper that makes a server for a test and returns its cleanup, which
// gives up on the shutdown after a while (nomad's TestServer): the
// goroutine it leaves sending is the test's, as the helper is.
func newTestServer(t itesting.T) (*server, func() error) {
	s := &server{}
	return s, func() error {
		ch := make(chan error)
		go func() {
			if err := s.shutdown(); err != nil {
				ch <- err
			}
			close(ch)
		}()
		select {
		case err := <-ch:
			return err
		case <-time.After(time.Minute):
			t.Fatal("timeout")
			return nil
		}
	}
}
