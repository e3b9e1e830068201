package origin

import "testing"

// --- A loop that stops on a signal only tests give: in the program, the
// loop never stops, and requests sent to it are always taken.

type coordinator struct {
	requests chan request
	closeCh  chan struct{}
}

type request struct {
	id    int
	reply chan error
}

func newCoordinator() *coordinator {
	c := &coordinator{requests: make(chan request), closeCh: make(chan struct{})}
	go c.loop()
	return c
}

func (c *coordinator) loop() {
	for {
		select {
		case r := <-c.requests:
			r.reply <- nil
		case <-c.closeCh:
			return
		}
	}
}

// close is for tests: the program keeps its coordinator for good.
func (c *coordinator) close() { close(c.closeCh) }

// Correct in the program: nothing there stops the loop.
func (c *coordinator) begin(id int) error {
	reply := make(chan error, 1)
	c.requests <- request{id, reply}
	return <-reply
}

func testCoordinator(t *testing.T) {
	c := newCoordinator()
	if err := c.begin(1); err != nil {
		t.Fatal(err)
	}
	c.close()
}

// The bug: the program's Stop ends the loop, and end, which does not
// watch closeCh, can come after it.
type server struct {
	requests chan request
	closeCh  chan struct{}
}

func newServer() *server {
	s := &server{requests: make(chan request), closeCh: make(chan struct{})}
	go s.loop()
	return s
}

func (s *server) loop() {
	for {
		select {
		case r := <-s.requests:
			r.reply <- nil
		case <-s.closeCh:
			return
		}
	}
}

func (s *server) Stop() { close(s.closeCh) }

func (s *server) end(id int) error {
	reply := make(chan error, 1)
	s.requests <- request{id, reply} // want `end blocks forever sending on s.requests \(line \d+\) when the goroutine receiving from it \(line \d+\) returns at line \d+ through <-s.closeCh`
	return <-reply
}
