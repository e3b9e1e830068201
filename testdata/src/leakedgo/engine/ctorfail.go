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
