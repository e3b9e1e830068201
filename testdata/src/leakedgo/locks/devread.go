package locks

import (
	"errors"
	"sync"

	"leakedgo/locks/lib"
)

var errClosed = errors.New("closed")

// A wrapper around a device reads from the device it wraps, through a
// method value of another package's interface; the wrapper implements
// that interface too, but it does not wrap itself: the call does not take
// the lock the wrapper's own Read takes, which would be a guess among all
// the types the interface may hold (tailscale's tstun.Wrapper, whose
// poller calls tdev.Read).

type wrapper struct {
	dev      lib.Device
	mu       sync.Mutex
	closed   bool
	consumed chan struct{}
	out      chan []byte
}

func newWrapper(dev lib.Device) *wrapper {
	w := &wrapper{dev: dev, consumed: make(chan struct{}, 1), out: make(chan []byte)}
	go w.poll()
	w.consumed <- struct{}{}
	return w
}

func (w *wrapper) poll() {
	defer close(w.out)
	read := w.dev.ReadPacket
	buf := make([]byte, 1500)
	for range w.consumed {
		n, err := read(buf)
		if err != nil {
			return
		}
		w.out <- buf[:n]
	}
}

func (w *wrapper) ReadPacket(buf []byte) (int, error) {
	b, ok := <-w.out
	if !ok {
		return 0, errClosed
	}
	n := copy(buf, b)
	w.signal()
	return n, nil
}

func (w *wrapper) signal() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return
	}
	w.consumed <- struct{}{}
}

func (w *wrapper) Close() {
	w.mu.Lock()
	w.closed = true
	close(w.consumed)
	w.mu.Unlock()
}

// Twin: the poller reads through a method value of a concrete type,
// whose Read signals under the lock its own sender holds.

type loopback struct{ p *looped }

func (l *loopback) Read(buf []byte) (int, error) {
	l.p.signal()
	return 0, nil
}

type looped struct {
	lb       *loopback
	mu       sync.Mutex
	closed   bool
	consumed chan struct{}
}

func newLooped() *looped {
	p := &looped{consumed: make(chan struct{})}
	p.lb = &loopback{p}
	go p.poll()
	return p
}

func (p *looped) poll() {
	read := p.lb.Read
	buf := make([]byte, 1500)
	for range p.consumed {
		if _, err := read(buf); err != nil {
			return
		}
	}
}

func (p *looped) signal() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return
	}
	p.consumed <- struct{}{} // want `signal blocks forever sending on p\.consumed`
}

func (p *looped) Close() {
	p.mu.Lock()
	p.closed = true
	close(p.consumed)
	p.mu.Unlock()
}
