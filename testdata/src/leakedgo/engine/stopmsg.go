package engine

import (
	"context"
	"sync"
)

// A stop given by message: Close sends one message, and the loop returns
// on receiving it. Like a close, the message is given once: a second
// Close is undefined by io.Closer's contract, so the loop's return after
// the one message it waits for strands no send.

type refresher struct {
	closing chan bool
	tick    func()
}

func newRefresher(tick func()) *refresher {
	r := &refresher{closing: make(chan bool), tick: tick}
	go r.loop()
	return r
}

func (r *refresher) loop() {
	for {
		select {
		case <-r.closing:
			return
		default:
			r.tick()
		}
	}
}

func (r *refresher) Close() { r.closing <- true }

// The same with a flag that lets Stop run once per Start.

type watchdog struct {
	mu      sync.Mutex
	running bool
	stop    chan struct{}
	done    chan struct{}
	tick    func()
}

func (w *watchdog) Start() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.running {
		return
	}
	w.stop, w.done = make(chan struct{}), make(chan struct{})
	w.running = true
	go w.loop(w.stop, w.done)
}

func (w *watchdog) loop(stop, done chan struct{}) {
	defer close(done)
	for {
		select {
		case <-stop:
			return
		default:
			w.tick()
		}
	}
}

func (w *watchdog) Stop() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.running {
		return
	}
	w.stop <- struct{}{}
	<-w.done
	w.running = false
}

// Bug twins. A loop that can also return on its own: the first Close
// finds no receiver.

type poller struct {
	closing chan struct{}
	poll    func() error
}

func newPoller(ctx context.Context, poll func() error) *poller {
	p := &poller{closing: make(chan struct{}), poll: poll}
	go p.loop(ctx)
	return p
}

func (p *poller) loop(ctx context.Context) {
	for {
		select {
		case <-p.closing:
			return
		case <-ctx.Done():
			return
		default:
			if p.poll() != nil {
				return
			}
		}
	}
}

func (p *poller) Close() {
	p.closing <- struct{}{} // want `Close blocks forever sending on p\.closing \(line \d+\) when the goroutine receiving from it \(line \d+\) returns at line \d+`
}

// One Stop that sends a stop per worker, to a pool that started one: the
// second message has no receiver, whatever the callers do.

type workers struct {
	n    int
	stop chan struct{}
	work func()
}

func newWorkers(n int, work func()) *workers {
	p := &workers{n: n, stop: make(chan struct{}), work: work}
	go p.worker()
	return p
}

func (p *workers) worker() {
	for {
		select {
		case <-p.stop:
			return
		default:
			p.work()
		}
	}
}

func (p *workers) Stop() {
	for i := 0; i < p.n; i++ {
		p.stop <- struct{}{} // want `Stop blocks forever sending on p\.stop`
	}
}
