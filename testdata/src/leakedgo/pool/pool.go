// Package pool pins that a goroutine started once for the life of the
// process is not left behind by a caller that returns.
package pool

import "context"

// A pool of workers started once, for the life of the process, waits for
// whoever sends next: a caller that returns before sending all its work
// leaves the workers waiting for the next caller, not leaked.

type lookup struct {
	key   string
	reply chan string
}

type lookupPool struct{ requests chan lookup }

var lookups *lookupPool

func init() {
	lookups = &lookupPool{requests: make(chan lookup, 64)}
	lookups.start(4)
}

func (p *lookupPool) start(n int) {
	for range n {
		go func() { p.work() }()
	}
}

// work serves lookups for good: a panic in one ends only that round.
func (p *lookupPool) work() {
	serve := func() {
		defer func() { recover() }()
		for {
			l, ok := <-p.requests
			if !ok {
				break
			}
			l.reply <- l.key
		}
	}
	for {
		serve()
	}
}

// A query queues its keys from a goroutine of its own, which gives up at
// the first key it cannot read, or when the query is cancelled.
type query struct {
	keys  func() (string, error)
	reply chan string
}

// Query starts a query of the keys keys reads.
func Query(ctx context.Context, keys func() (string, error)) *query {
	q := &query{keys: keys, reply: make(chan string, 16)}
	go q.queue(ctx)
	return q
}

func (q *query) queue(ctx context.Context) {
	for {
		k, err := q.keys()
		if err != nil {
			return
		}
		select {
		case lookups.requests <- lookup{k, q.reply}:
		case <-ctx.Done():
			return
		}
	}
}

// The twin: a worker a query starts for itself is its own, and is left
// blocked when the goroutine that queues for it gives up.
func QueryAlone(ctx context.Context, keys func() (string, error)) chan string {
	requests := make(chan lookup, 16)
	reply := make(chan string, 16)
	go func() { // want `goroutine blocks forever receiving from requests \(line \d+\) when the goroutine sending on it \(line \d+\) returns at line \d+`
		for {
			l, ok := <-requests
			if !ok {
				return
			}
			l.reply <- l.key
		}
	}()
	go func() {
		for {
			k, err := keys()
			if err != nil {
				return
			}
			select {
			case requests <- lookup{k, reply}:
			case <-ctx.Done():
				return
			}
		}
	}()
	return reply
}
