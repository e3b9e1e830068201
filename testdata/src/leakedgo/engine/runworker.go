package engine

import "time"

// A worker method handed to the function a go statement runs (go
// wait.Until(p.process, …)): its range over the request queue, which
// nothing closes, is the life of that goroutine, not a call that blocks
// its caller.

func runUntil(f func(), period time.Duration, stop <-chan struct{}) {
	for {
		select {
		case <-stop:
			return
		case <-time.After(period):
			f()
		}
	}
}

type imagePuller struct {
	reqs chan string
	stop chan struct{}
}

func newImagePuller() *imagePuller {
	p := &imagePuller{reqs: make(chan string, 10), stop: make(chan struct{})}
	go runUntil(p.process, time.Second, p.stop)
	return p
}

func (p *imagePuller) Pull(s string) { p.reqs <- s }

func (p *imagePuller) Close() { close(p.stop) }

func (p *imagePuller) process() {
	for r := range p.reqs {
		_ = r
	}
}

// The twin's range runs in its caller, which waits for a close that
// never comes.
type requestLog struct{ reqs chan string }

func newRequestLog() *requestLog { return &requestLog{reqs: make(chan string, 10)} }

func (l *requestLog) Add(s string) { l.reqs <- s }

func (l *requestLog) Drain() {
	for r := range l.reqs { // want `Drain blocks forever in its range over l.reqs \(line \d+\): nothing closes it, so the loop never ends`
		_ = r
	}
}
