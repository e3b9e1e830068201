package engine

import (
	"errors"
	"time"
)

// A constructor that starts its value's goroutine and then fails: it
// returns nil in place of the value, so its callers have nothing to stop,
// and the goroutine, which only the value's Close ends, runs forever
// (serf's Create, 5c4e3543). The constructor owes the stop there.

type sampler struct {
	stop chan struct{}
	hits int
}

func (p *sampler) Close() { close(p.stop) }

func newSampler(interval time.Duration) (*sampler, error) {
	p := &sampler{stop: make(chan struct{})}
	go func() { // want `newSampler starts a goroutine that only p.Close ends, but newSampler returns at line \d+ without calling it`
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-p.stop:
				return
			case <-t.C:
				p.hits++
			}
		}
	}()
	if interval < time.Millisecond {
		return nil, errors.New("interval too short")
	}
	return p, nil
}

func sampleOnce(interval time.Duration) error {
	p, err := newSampler(interval)
	if err != nil {
		return err // p is nil: nothing here to close
	}
	defer p.Close()
	return nil
}

// The variant: an exported constructor whose method runs the loop.

type Beacon struct {
	done  chan struct{}
	ticks int
}

func (w *Beacon) Close() { close(w.done) }

func (w *Beacon) run() {
	for {
		select {
		case <-w.done:
			return
		case <-time.After(time.Second):
			w.ticks++
		}
	}
}

func NewBeacon(name string) (*Beacon, error) {
	w := &Beacon{done: make(chan struct{})}
	go w.run() // want `go w.run\(\) starts a goroutine that only w.Close ends, but NewBeacon returns at line \d+ without calling it`
	if name == "" {
		return nil, errors.New("no name")
	}
	return w, nil
}

// The same with the goroutine a helper starts, handed the value's stop
// channel: the constructor stops it by closing that channel itself, or
// not at all on one of its failures.

type pipeline struct {
	quit chan struct{}
	out  <-chan int
}

func (p *pipeline) Close() { close(p.quit) }

func forward(in <-chan int, quit <-chan struct{}) <-chan int {
	out := make(chan int)
	go func() {
		for {
			select {
			case <-quit:
				return
			case v := <-in:
				select {
				case out <- v:
				case <-quit:
					return
				}
			}
		}
	}()
	return out
}

func newPipeline(in <-chan int, check func() error) (*pipeline, error) {
	p := &pipeline{quit: make(chan struct{})}
	p.out = forward(in, p.quit) // want `forward starts a goroutine that only p.Close ends, but newPipeline returns at line \d+ without calling it`
	if err := check(); err != nil {
		return nil, err
	}
	return p, nil
}

func newClosingPipeline(in <-chan int, check func() error) (*pipeline, error) {
	p := &pipeline{quit: make(chan struct{})}
	p.out = forward(in, p.quit)
	if err := check(); err != nil {
		close(p.quit)
		return nil, err
	}
	return p, nil
}

// The twins: one stops what it started before it fails, one fails
// before it starts anything.

func NewClosingBeacon(name string) (*Beacon, error) {
	w := &Beacon{done: make(chan struct{})}
	go w.run()
	if name == "" {
		w.Close()
		return nil, errors.New("no name")
	}
	return w, nil
}

func NewCheckedBeacon(name string) (*Beacon, error) {
	if name == "" {
		return nil, errors.New("no name")
	}
	w := &Beacon{done: make(chan struct{})}
	go w.run()
	return w, nil
}
