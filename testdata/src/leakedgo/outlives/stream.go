package outlives

import (
	"context"
	"log"
	"net"
	"net/http"
)

// An announcement delivers peers on a channel until it is closed: closing
// it is how its reader is told to stop.
type announcement interface {
	Peers() <-chan []string
	Close() error
}

// consume reads an announcement on a goroutine and closes it when ctx is
// done: the deferred Close ends the goroutine's range, as a connection's
// Close ends a Read.
func consume(ctx context.Context, a announcement, add func([]string)) error {
	defer a.Close()
	done := make(chan struct{})
	go func() {
		defer close(done)
		for ps := range a.Peers() {
			add(ps)
		}
	}()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-done:
		return nil
	}
}

// A cursor is pulled, not pushed: a Next after Close reads a closed
// cursor. But the spawner takes the goroutine's end (done) on one way, and
// on the other it gives up on it: its result is no longer wanted, and the
// Close stops the work, as a deferred cancel would (reported in strict
// mode only).
type cursor interface {
	Next() ([]string, bool)
	Close() error
}

func pull(ctx context.Context, c cursor, add func([]string)) error {
	defer c.Close()
	done := make(chan struct{})
	go func() { // reported in strict mode only
		defer close(done)
		for {
			ps, ok := c.Next()
			if !ok {
				return
			}
			add(ps)
		}
	}()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-done:
		return nil
	}
}

// An acknowledged announcement is told about each peer handled: the
// goroutine does more with it than read its events, and an Ack after the
// Close is a use of a closed announcement, on the way where the spawner
// gave up on the goroutine (reported in strict mode only).
type ackedAnnouncement interface {
	announcement
	Ack(peer string) error
}

func consumeAcked(ctx context.Context, a ackedAnnouncement, add func([]string)) error {
	defer a.Close()
	done := make(chan struct{})
	go func() { // reported in strict mode only
		defer close(done)
		for ps := range a.Peers() {
			add(ps)
			a.Ack(ps[0])
		}
	}()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-done:
		return nil
	}
}

// A server that a goroutine runs, and a deferred Close stops: Close is
// how its Serve (here through ListenAndServe) is told to return.

type statusServer interface {
	ListenAndServe() error
	Serve(l net.Listener) error
	Close() error
}

func serveStatus(srv statusServer, stop <-chan struct{}) {
	defer srv.Close()
	go func() {
		if err := srv.ListenAndServe(); err != nil {
			log.Print(err)
		}
	}()
	<-stop
}

func serveHTTP(addr string, stop <-chan struct{}) {
	srv := &http.Server{Addr: addr}
	defer srv.Close()
	go func() {
		if err := srv.ListenAndServe(); err != http.ErrServerClosed {
			log.Print(err)
		}
	}()
	<-stop
}

// The twin's value serves nothing: its Close does not end the
// goroutine's call, which then uses it closed.

type spool interface {
	Flush() error
	Close() error
}

func flushLater(s spool, stop <-chan struct{}) {
	defer s.Close()
	go func() { // want `goroutine may still use s \(line \d+\) after flushLater returns and its defer s.Close\(\) closes it`
		s.Flush()
	}()
	<-stop
}
