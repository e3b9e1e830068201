package engine

import (
	"sync"
	"time"
)

// The close-once idiom: a goroutine closes its done channel unless it
// finds it closed already (select { case <-done: default: close(done) }).
// A channel nothing sends on that a receive finds ready is closed, so a
// waiter on it is released on that way too (dapr's reminders).

type reminder struct {
	cancel  chan struct{}
	stopped chan struct{}
}

type reminders struct {
	mu     sync.Mutex
	active map[string]*reminder
}

func (rs *reminders) start(key string, fire func()) {
	r := &reminder{cancel: make(chan struct{}), stopped: make(chan struct{})}
	rs.mu.Lock()
	rs.active[key] = r
	rs.mu.Unlock()
	go func() {
		defer func() {
			select {
			case <-r.stopped:
			default:
				close(r.stopped)
			}
		}()
		t := time.NewTimer(time.Second)
		defer t.Stop()
		select {
		case <-r.cancel:
			return
		case <-t.C:
		}
		select {
		case <-r.stopped:
		default:
			close(r.stopped)
		}
		fire()
	}()
}

func (rs *reminders) stop(key string) {
	rs.mu.Lock()
	r, ok := rs.active[key]
	delete(rs.active, key)
	rs.mu.Unlock()
	if ok {
		close(r.cancel)
		<-r.stopped
	}
}

// The twin: the deferred close is skipped when the cancel channel, not
// the done channel, is found closed, and cancelling is what the waiter
// does first.

type timerTask struct {
	cancel chan struct{}
	done   chan struct{}
}

type timerTasks struct {
	mu     sync.Mutex
	active map[string]*timerTask
}

func (ts *timerTasks) start(key string, fire func()) {
	r := &timerTask{cancel: make(chan struct{}), done: make(chan struct{})}
	ts.mu.Lock()
	ts.active[key] = r
	ts.mu.Unlock()
	go func() {
		defer func() {
			select {
			case <-r.cancel:
			default:
				close(r.done)
			}
		}()
		t := time.NewTimer(time.Second)
		defer t.Stop()
		select {
		case <-r.cancel:
		case <-t.C:
			fire()
		}
	}()
}

func (ts *timerTasks) stop(key string) {
	ts.mu.Lock()
	r, ok := ts.active[key]
	delete(ts.active, key)
	ts.mu.Unlock()
	if ok {
		close(r.cancel)
		<-r.done // want `stop blocks forever receiving from r.done`
	}
}
