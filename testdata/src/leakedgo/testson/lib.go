// Package tests holds a leak in a test: reported only with
// -leakedgo.tests.
package tests

import (
	"time"

	itesting "github.com/mitchellh/go-testing-interface"
)

type reply struct{ v int }

// ask answers once; a helper of tests that does not receive leaves its
// goroutine blocked, which -leakedgo.tests reports.
func ask() chan reply {
	ch := make(chan reply)
	go func() { // want `goroutine blocks forever sending on ch \(line \d+\) when askForTest`
		ch <- reply{1}
	}()
	return ch
}

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
		go func() { // want `goroutine blocks forever sending on ch \(line \d+\) when the enclosing function literal returns`
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
