package fields

import (
	"sync"
	"sync/atomic"
)

// A device holds its queue's first reference until it is closed: Close
// releases it once, and a later Close returns early, having nothing left
// to release. Close may run on a goroutine (go d.Close() from a reader
// that failed).
type device struct {
	mu     sync.Mutex
	state  struct{ closed atomic.Bool }
	queue  sync.WaitGroup
	output chan []byte
}

func newDevice() *device {
	d := &device{output: make(chan []byte)}
	d.queue.Add(1)
	go func() {
		d.queue.Wait()
		close(d.output)
	}()
	return d
}

func (d *device) isClosed() bool { return d.state.closed.Load() }

func (d *device) Close() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.isClosed() {
		return
	}
	d.state.closed.Store(true)
	d.queue.Done()
}

func (d *device) read(next func() ([]byte, error)) {
	for {
		b, err := next()
		if err != nil {
			go d.Close()
			return
		}
		d.output <- b
	}
}

// A pipe that checks a flag it never sets is not idempotent: its early
// return skips the only Done.
type pipe struct {
	mu      sync.Mutex
	stopped bool
	pending sync.WaitGroup
	done    chan struct{}
}

func newPipe() *pipe {
	p := &pipe{done: make(chan struct{})}
	p.pending.Add(1)
	go func() {
		p.pending.Wait()
		close(p.done)
	}()
	return p
}

func (p *pipe) Stop() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.stopped {
		return
	}
	p.pending.Done()
}
