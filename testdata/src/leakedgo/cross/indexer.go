package cross

import "leakedgo/cross/lib"

// A scheduler that runs one worker at a time, and knows one runs by its
// channels being non-nil: done, closed as the worker returns, tells it
// the worker is over, and it forgets both. On term it stops the worker
// only if one runs: when stop is nil, the worker that had it is over.

type indexer struct {
	head  int
	heads chan int
	term  chan chan struct{}
}

func (x *indexer) run(head int, stop, done chan struct{}) {
	defer func() { close(done) }()
	lib.Index(0, head, stop)
}

func (x *indexer) loop() {
	var stop, done chan struct{}
	if x.head != 0 {
		stop, done = make(chan struct{}), make(chan struct{})
		go x.run(x.head, stop, done)
	}
	for {
		select {
		case h := <-x.heads:
			if done == nil {
				stop, done = make(chan struct{}), make(chan struct{})
				go x.run(h, stop, done)
			}
		case <-done:
			stop, done = nil, nil
		case ch := <-x.term:
			if stop != nil {
				close(stop)
			}
			if done != nil {
				<-done
			}
			close(ch)
			return
		}
	}
}

// Bug twins. The worker says it is done before it works, so done being
// closed tells nothing of the worker's wait on stop; and a scheduler
// that never stops its worker.

type eagerIndexer struct {
	head int
	term chan chan struct{}
}

func newEagerIndexer(head int) *eagerIndexer {
	x := &eagerIndexer{head: head, term: make(chan chan struct{})}
	go x.loop()
	return x
}

func (x *eagerIndexer) Close() {
	ch := make(chan struct{})
	x.term <- ch
	<-ch
}

func (x *eagerIndexer) run(head int, stop, done chan struct{}) {
	close(done)
	lib.Index(0, head, stop)
}

func (x *eagerIndexer) loop() {
	stop, done := make(chan struct{}), make(chan struct{})
	go x.run(x.head, stop, done) // want `goroutine blocks forever receiving from stop in lib\.Index when loop returns at line \d+ through <-x\.term without sending on it or closing it`
	for {
		select {
		case <-done:
			stop, done = nil, nil
		case ch := <-x.term:
			if stop != nil {
				close(stop)
			}
			close(ch)
			return
		}
	}
}

type stuckIndexer struct {
	head int
	term chan chan struct{}
}

func newStuckIndexer(head int) *stuckIndexer {
	x := &stuckIndexer{head: head, term: make(chan chan struct{})}
	go x.loop()
	return x
}

func (x *stuckIndexer) Close() {
	ch := make(chan struct{})
	x.term <- ch // want `Close blocks forever sending on x.term \(line \d+\) when the goroutine receiving from it \(line \d+\) returns at line \d+ through <-done`
	<-ch
}

func (x *stuckIndexer) run(head int, stop, done chan struct{}) {
	defer close(done)
	lib.Index(0, head, stop)
}

func (x *stuckIndexer) loop() {
	stop, done := make(chan struct{}), make(chan struct{})
	go x.run(x.head, stop, done) // want `goroutine blocks forever receiving from stop in lib\.Index when loop returns at line \d+ through <-x\.term without sending on it or closing it`
	for {
		select {
		case <-done:
			return
		case ch := <-x.term:
			close(ch)
			return
		}
	}
}
