package engine

import (
	"sync"
	"time"
)

// Flush hands the processor's loop a channel to close once it has
// flushed. The loop can return on stop, but not between taking the
// request and closing its channel, so Flush's receive waits for nobody
// else (dd-trace-go's datastreams Processor).
type processor struct {
	stop         chan struct{}
	flushRequest chan chan<- flushAck
	wg           sync.WaitGroup
}

func (p *processor) Start() {
	p.stop = make(chan struct{})
	p.flushRequest = make(chan chan<- flushAck)
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		tick := time.NewTicker(time.Second)
		defer tick.Stop()
		p.run(tick.C)
	}()
}

func (p *processor) run(tick <-chan time.Time) {
	for {
		select {
		case <-p.stop:
			return
		case <-tick:
			p.flushAll()
		case done := <-p.flushRequest:
			p.flushAll()
			close(done)
		}
	}
}

func (p *processor) flushAll() {}

type flushAck struct{}

func (p *processor) Flush() {
	done := make(chan flushAck)
	select {
	case p.flushRequest <- done:
		<-done
	case <-p.stop:
	}
}

func (p *processor) Stop() {
	close(p.stop)
	p.wg.Wait()
}

// Twin: a loop that can return between taking the request and answering.
type flusher struct {
	stop     chan struct{}
	requests chan chan<- flushAck
}

func newFlusher() *flusher {
	f := &flusher{stop: make(chan struct{}), requests: make(chan chan<- flushAck)}
	go f.run()
	return f
}

func (f *flusher) run() {
	for {
		select {
		case <-f.stop:
			return
		case done := <-f.requests:
			if !f.flushAll() {
				return
			}
			close(done)
		}
	}
}

func (f *flusher) flushAll() bool { return true }

func (f *flusher) Flush() {
	done := make(chan flushAck)
	select {
	case f.requests <- done:
		<-done // want `Flush blocks forever receiving from done`
	case <-f.stop:
	}
}

func (f *flusher) Stop() { close(f.stop) }
