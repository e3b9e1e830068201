package locks

import (
	"errors"
	"sync"
)

// --- A reply channel waited on under a lock its server takes first.
//
// A request carries the channel to answer on, buffered so that the server
// never waits for the asker. The buffer does not help the asker: the
// channel is made for this one request, so nothing is in it yet, and the
// server answers only after taking the lock the asker holds.

var errStopped = errors.New("stopped")

type ledgerBook struct {
	mu     sync.Mutex
	items  map[string]int
	srv    *applier
	commit journaler
}

func (c *ledgerBook) store(k string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.items[k]++
	return nil
}

type request struct {
	key  string
	done chan error
}

type applier struct {
	cat  *ledgerBook
	reqs chan *request
	quit chan struct{}
}

func newApplier(c *ledgerBook) *applier {
	a := &applier{cat: c, reqs: make(chan *request), quit: make(chan struct{})}
	c.srv, c.commit = a, a
	go a.run()
	return a
}

func (a *applier) run() {
	for {
		select {
		case r := <-a.reqs:
			r.done <- a.cat.store(r.key)
		case <-a.quit:
			return
		}
	}
}

func (a *applier) apply(key string) error {
	r := &request{key: key, done: make(chan error, 1)}
	select {
	case a.reqs <- r:
	case <-a.quit:
		return errStopped
	}
	return <-r.done
}

func (a *applier) Close() { close(a.quit) }

func (c *ledgerBook) Refresh() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.srv.apply("refresh") // want `Refresh blocks forever in its call of apply \(line 75\), which waits receiving from r\.done \(line 67\) while it holds c\.mu \(locked at line 73\): the goroutine that sends on it \(run, line 53\) takes c\.mu first \(in store, line 25\)`
}

// Correct: the lock is released before the request is made.
func (c *ledgerBook) RefreshUnlocked() error {
	c.mu.Lock()
	srv := c.srv
	c.mu.Unlock()
	return srv.apply("refresh")
}

// The same through an interface the package implements, with the request
// built as a value.

type journaler interface{ Commit(key string) error }

type valueRequest struct {
	key  string
	done chan error
}

type journalApplier struct {
	cat  *ledgerBook
	reqs chan valueRequest
}

func (a *applier) Commit(key string) error { return a.apply(key) } // want `Commit blocks forever in its call of apply \(line 101\), which waits receiving from r\.done \(line 67\) while its callers hold c\.mu \(Flush locks it at line 123 and calls Commit at line 125\)`

func newJournalApplier(c *ledgerBook) *journalApplier {
	j := &journalApplier{cat: c, reqs: make(chan valueRequest)}
	c.commit = j
	go func() {
		for r := range j.reqs {
			r.done <- c.store(r.key)
		}
	}()
	return j
}

func (j *journalApplier) Close() { close(j.reqs) }

func (j *journalApplier) Commit(key string) error {
	r := valueRequest{key: key, done: make(chan error, 1)}
	j.reqs <- r
	return <-r.done // want `Commit blocks forever receiving from r\.done \(line 119\) while its callers hold c\.mu \(Flush locks it at line 123 and calls Commit at line 125\): the goroutine that sends on it \(the enclosing function literal, line 108\) takes c\.mu first \(in store, line 25\)`
}

func (c *ledgerBook) Flush(key string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.commit.Commit(key)
}
