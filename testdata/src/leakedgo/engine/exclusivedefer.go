package engine

import (
	"log"
	"os"
)

// A shutdown goroutine either reports a failure or says it is done, never
// both, and the spawner closes the done channel itself as it returns: that
// close comes after the receive, so a receive from done still means the
// goroutine took its done way and will send no failure.
func serveUntilSignal(sigs <-chan os.Signal, drain func() error) {
	doneCh := make(chan string)
	defer close(doneCh)
	errCh := make(chan error)
	go func() {
		<-sigs
		if err := drain(); err != nil {
			errCh <- err
		} else {
			doneCh <- "drained"
		}
	}()
	select {
	case err := <-errCh:
		panic(err)
	case msg := <-doneCh:
		log.Print(msg)
	}
}

// The twin says it is done before it drains, and then reports the
// drain's failure: the spawner has returned by then.
func serveUntilSignalEarly(sigs <-chan os.Signal, drain func() error) {
	doneCh := make(chan string)
	defer close(doneCh)
	errCh := make(chan error)
	go func() { // want `goroutine blocks forever sending on errCh`
		<-sigs
		doneCh <- "draining"
		if err := drain(); err != nil {
			errCh <- err
		}
	}()
	select {
	case err := <-errCh:
		panic(err)
	case msg := <-doneCh:
		log.Print(msg)
	}
}
