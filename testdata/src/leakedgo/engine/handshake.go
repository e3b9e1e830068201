package engine

import (
	"context"
	"errors"
	"time"
)

// A reply channel handed over directly, as the element of a channel of
// channels: once the unbuffered send of it has gone through, the partner
// is past its receive, on the path that closes it; its return through
// ctx.Done() is another case of the same select, before it got one.

func flushOnDone(ctx context.Context, results <-chan int) int {
	flush := make(chan chan struct{})
	total := 0
	go func() {
		tick := time.NewTicker(time.Second)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case done := <-flush:
				close(done)
				return
			case <-tick.C:
			}
		}
	}()
	for r := range results {
		total += r
	}
	done := make(chan struct{})
	select {
	case flush <- done:
		<-done
	case <-ctx.Done():
	}
	return total
}

// The partner can return after it got the reply channel, without closing
// it: the receive after the handshake waits forever. (Its channels are of
// other types than flushOnDone's: the elements of channels are classed by
// type, and flushOnDone's goroutine, which always closes what it gets,
// would count as this one's partner too.)
func flushMaybe(ctx context.Context, results <-chan int, skip func() bool) int {
	flush := make(chan chan bool)
	total := 0
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case done := <-flush:
				if skip() {
					return
				}
				close(done)
				return
			}
		}
	}()
	for r := range results {
		total += r
	}
	done := make(chan bool)
	select {
	case flush <- done:
		<-done // want `flushMaybe blocks forever receiving from done \(line \d+\) when the goroutine closing it \(line \d+\) returns at line \d+`
	case <-ctx.Done():
	}
	return total
}

// A reply owed on every path that a flag commits to: the retry loop
// breaks with found set once it has the answer, and replies after the
// loop when found is set; its other way out replied already. The
// goroutine's return through closed is another case of its select, taken
// before it got a request.

type syncReq struct {
	hash int
	errc chan error
}

type syncer struct {
	request chan *syncReq
	closed  chan struct{}
}

func newSyncer(get func(int) error) *syncer {
	s := &syncer{request: make(chan *syncReq), closed: make(chan struct{})}
	go s.run(get)
	return s
}

func (s *syncer) run(get func(int) error) {
	for {
		select {
		case req := <-s.request:
			found := false
			for retries := 0; ; retries++ {
				if retries >= 10 {
					req.errc <- errors.New("not found")
					break
				}
				if get(req.hash) == nil {
					found = true
					break
				}
			}
			if found {
				req.errc <- nil
			}
		case <-s.closed:
			return
		}
	}
}

func (s *syncer) sync(hash int) error {
	req := &syncReq{hash: hash, errc: make(chan error)}
	select {
	case s.request <- req:
		return <-req.errc
	case <-s.closed:
		return errors.New("closed")
	}
}

func (s *syncer) stop() { close(s.closed) }

// The same loop replying only when it gave up: a request it answers
// waits forever.

type lookupReq struct {
	key  int
	errc chan error
}

type looker struct {
	request chan *lookupReq
	closed  chan struct{}
}

func newLooker(get func(int) error) *looker {
	l := &looker{request: make(chan *lookupReq), closed: make(chan struct{})}
	go l.run(get)
	return l
}

func (l *looker) run(get func(int) error) {
	for {
		select {
		case req := <-l.request:
			found := false
			for retries := 0; retries < 10; retries++ {
				if get(req.key) == nil {
					found = true
					break
				}
			}
			if !found {
				req.errc <- errors.New("not found")
			}
		case <-l.closed:
			return
		}
	}
}

func (l *looker) lookup(key int) error {
	req := &lookupReq{key: key, errc: make(chan error)}
	select {
	case l.request <- req:
		return <-req.errc // want `lookup blocks forever receiving from req.errc \(line \d+\) when the goroutine sending on it \(line \d+\) returns at line \d+ through <-l.closed`
	case <-l.closed:
		return errors.New("closed")
	}
}

func (l *looker) stop() { close(l.closed) }

// One struct travels on two channels: installed is closed when it arrives
// on install, err when it arrives on uninstall. Waiting for installed
// after handing the struct over on install owes nothing to the uninstall
// case, which does not close installed.

type subscription struct {
	installed chan struct{}
	err       chan struct{}
}

type events struct {
	install, uninstall chan *subscription
	quit               chan struct{}
}

func newEvents() *events {
	es := &events{install: make(chan *subscription), uninstall: make(chan *subscription), quit: make(chan struct{})}
	go es.loop()
	return es
}

func (es *events) loop() {
	for {
		select {
		case f := <-es.install:
			close(f.installed)
		case f := <-es.uninstall:
			close(f.err)
		case <-es.quit:
			return
		}
	}
}

func (es *events) subscribe() *subscription {
	sub := &subscription{installed: make(chan struct{}), err: make(chan struct{})}
	select {
	case es.install <- sub:
		<-sub.installed
	case <-es.quit:
	}
	return sub
}

func (es *events) unsubscribe(sub *subscription) {
	select {
	case es.uninstall <- sub:
		<-sub.err
	case <-es.quit:
	}
}

func (es *events) stop() { close(es.quit) }

// The same, where the install case may skip the close.

type hook struct {
	installed chan struct{}
	err       chan struct{}
	lazy      bool
}

type hooks struct {
	install, uninstall chan *hook
	quit               chan struct{}
}

func newHooks() *hooks {
	hs := &hooks{install: make(chan *hook), uninstall: make(chan *hook), quit: make(chan struct{})}
	go hs.loop()
	return hs
}

func (hs *hooks) loop() {
	for {
		select {
		case h := <-hs.install:
			if !h.lazy {
				close(h.installed)
			}
		case h := <-hs.uninstall:
			close(h.err)
		case <-hs.quit:
			return
		}
	}
}

func (hs *hooks) add(lazy bool) *hook {
	h := &hook{installed: make(chan struct{}), err: make(chan struct{}), lazy: lazy}
	select {
	case hs.install <- h:
		<-h.installed // want `add blocks forever receiving from h.installed \(line \d+\) when the goroutine closing it \(line \d+\) returns at line \d+ through <-hs.quit`
	case <-hs.quit:
	}
	return h
}

func (hs *hooks) remove(h *hook) {
	select {
	case hs.uninstall <- h:
		<-h.err
	case <-hs.quit:
	}
}

func (hs *hooks) stop() { close(hs.quit) }
