// Package final pins streams that end with a message saying so: the
// producer sends io.EOF and stops, and the consumer returns when it gets
// it. That return leaves nothing behind.
package final

import (
	"encoding/json"
	"errors"
	"io"
	"time"
)

type sample struct{ N int }

// watch decodes samples until the stream ends, reporting each outcome.
func watch(r io.Reader, show func(sample)) error {
	results := make(chan error, 1)
	go func() {
		dec := json.NewDecoder(r)
		for {
			var s sample
			err := dec.Decode(&s)
			results <- err
			if err == io.EOF {
				break
			}
			if err == nil {
				show(s)
			}
		}
	}()
	for {
		select {
		case err := <-results:
			if errors.Is(err, io.EOF) {
				return nil
			}
		case <-time.After(time.Second):
		}
	}
}

// The same through a helper that checks with ==, and a sentinel of the
// package's own.
var errDone = errors.New("done")

func produce(out chan<- error, next func() error) {
	for {
		err := next()
		out <- err
		if err == errDone {
			return
		}
	}
}

func consume(next func() error) int {
	out := make(chan error)
	go produce(out, next)
	n := 0
	for err := range out {
		if err == errDone {
			return n
		}
		n++
	}
	return n
}

// Twin: the consumer stops on a different error from the one that ends
// the producer, which goes on sending.
var errSkip = errors.New("skip")

func consumeSkip(next func() error) int {
	out := make(chan error)
	go produce(out, next) // want `goroutine blocks forever sending on out`
	n := 0
	for err := range out {
		if err == errSkip {
			return n
		}
		n++
	}
	return n
}

// A reader whose error message is its last: it sends it and returns. The
// consumer returns on that message, and is itself run by a goroutine.
type packet struct {
	err error
	n   int
}

type relay struct {
	done chan string
}

func (r *relay) Start(read func() (int, error)) {
	go func() { _ = r.pump(read) }()
}

func (r *relay) pump(read func() (int, error)) error {
	packets := make(chan packet, 4)
	go func() {
		for {
			n, err := read()
			if err != nil {
				packets <- packet{err: err}
				return
			}
			packets <- packet{n: n}
		}
	}()
	for {
		select {
		case name := <-r.done:
			_ = name
		case pkt := <-packets:
			if pkt.err != nil {
				return pkt.err
			}
			go func() { _ = pkt.n }()
		}
	}
}

// Twin: the reader reports the error and goes on reading.
type lossyRelay struct {
	done chan string
}

func (r *lossyRelay) Start(read func() (int, error)) {
	go func() { _ = r.pump(read) }()
}

func (r *lossyRelay) pump(read func() (int, error)) error {
	packets := make(chan packet, 4)
	go func() { // want `goroutine blocks forever sending on packets`
		for {
			n, err := read()
			if err != nil {
				packets <- packet{err: err}
				continue
			}
			packets <- packet{n: n}
		}
	}()
	for {
		select {
		case name := <-r.done:
			_ = name
		case pkt := <-packets:
			if pkt.err != nil {
				return pkt.err
			}
			go func() { _ = pkt.n }()
		}
	}
}
