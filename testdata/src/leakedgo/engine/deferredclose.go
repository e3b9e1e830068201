package engine

// An iterator whose fetching goroutine releases the server's iterator
// and closes its channel in a deferred function: every return of the
// goroutine closes it, so Next's receive is answered (evaluation set 25:
// avalanchego's rpcdb iterator).

type rpcIterator struct {
	next    func() ([]int, error)
	release func() error
	err     error
	data    []int
	fetched chan []int
	closed  chan struct{}
}

func newRPCIterator(next func() ([]int, error), release func() error) *rpcIterator {
	it := &rpcIterator{next: next, release: release, fetched: make(chan []int), closed: make(chan struct{})}
	go it.fetch()
	return it
}

func (it *rpcIterator) fetch() {
	defer func() {
		if err := it.release(); err != nil {
			it.err = err
		}
		close(it.fetched)
		close(it.closed)
	}()
	for {
		d, err := it.next()
		if err != nil || len(d) == 0 {
			it.err = err
			return
		}
		select {
		case it.fetched <- d:
		case <-it.closed:
			return
		}
	}
}

func (it *rpcIterator) Next() bool {
	it.data = <-it.fetched
	return len(it.data) > 0
}

// The twin's deferred function closes the channel only when the release
// succeeds.

type lazyIterator struct {
	next    func() ([]int, error)
	release func() error
	err     error
	data    []int
	fetched chan []int
	closed  chan struct{}
}

func newLazyIterator(next func() ([]int, error), release func() error) *lazyIterator {
	it := &lazyIterator{next: next, release: release, fetched: make(chan []int), closed: make(chan struct{})}
	go it.fetch()
	return it
}

func (it *lazyIterator) fetch() {
	defer func() {
		if err := it.release(); err != nil {
			it.err = err
			return
		}
		close(it.fetched)
		close(it.closed)
	}()
	for {
		d, err := it.next()
		if err != nil || len(d) == 0 {
			it.err = err
			return
		}
		select {
		case it.fetched <- d:
		case <-it.closed:
			return
		}
	}
}

func (it *lazyIterator) Next() bool {
	it.data = <-it.fetched // want `Next blocks forever receiving from it.fetched \(line \d+\) when the goroutine sending on it \(line \d+\) returns`
	return len(it.data) > 0
}
