// Package pending pins reply channels handed over through a struct
// field: a caller puts its channel where the reader goroutine takes it
// from, then waits with a timeout. When the timeout wins, the reader,
// which may have taken the channel already, blocks on its send for good.
package pending

import (
	"sync"
	"time"
)

type reply struct{ body string }

// A client keeps the channels of its calls in flight by id, through a
// helper.
type client struct {
	mu      sync.Mutex
	waiting map[int]chan reply
	frames  chan reply
	nextID  int
}

func newClient() *client {
	c := &client{waiting: make(map[int]chan reply), frames: make(chan reply)}
	go c.readLoop() // want `goroutine blocks forever sending on ch`
	return c
}

func (c *client) Close() { close(c.frames) }

func (c *client) track(id int, ch chan reply) {
	c.mu.Lock()
	c.waiting[id] = ch
	c.mu.Unlock()
}

func (c *client) readLoop() {
	id := 0
	for r := range c.frames {
		c.mu.Lock()
		ch := c.waiting[id]
		delete(c.waiting, id)
		c.mu.Unlock()
		if ch != nil {
			ch <- r
		}
		id++
	}
}

func (c *client) Call(timeout time.Duration) (string, bool) {
	c.mu.Lock()
	id := c.nextID
	c.nextID++
	c.mu.Unlock()
	ch := make(chan reply)
	c.track(id, ch)
	select {
	case r := <-ch:
		return r.body, true
	case <-time.After(timeout):
		c.mu.Lock()
		delete(c.waiting, id)
		c.mu.Unlock()
		return "", false
	}
}

// The same in a queue, the caller storing its own channel.
type pinger struct {
	mu    sync.Mutex
	pongs []chan struct{}
	in    chan struct{}
}

func newPinger() *pinger {
	p := &pinger{in: make(chan struct{})}
	go p.read() // want `goroutine blocks forever sending on ch`
	return p
}

func (p *pinger) Close() { close(p.in) }

func (p *pinger) read() {
	for range p.in {
		p.mu.Lock()
		var ch chan struct{}
		if len(p.pongs) > 0 {
			ch, p.pongs = p.pongs[0], p.pongs[1:]
		}
		p.mu.Unlock()
		if ch != nil {
			ch <- struct{}{}
		}
	}
}

func (p *pinger) Ping(timeout time.Duration) bool {
	ch := make(chan struct{})
	p.mu.Lock()
	p.pongs = append(p.pongs, ch)
	p.mu.Unlock()
	select {
	case <-ch:
		return true
	case <-time.After(timeout):
		return false
	}
}

// Twin: the channel has room for the one reply, so the reader's send
// never waits.
type prober struct {
	mu   sync.Mutex
	acks []chan bool
	in   chan bool
}

func newProber() *prober {
	p := &prober{in: make(chan bool)}
	go p.read()
	return p
}

func (p *prober) Close() { close(p.in) }

func (p *prober) read() {
	for ok := range p.in {
		p.mu.Lock()
		var ch chan bool
		if len(p.acks) > 0 {
			ch, p.acks = p.acks[0], p.acks[1:]
		}
		p.mu.Unlock()
		if ch != nil {
			ch <- ok
		}
	}
}

func (p *prober) Probe(timeout time.Duration) bool {
	ch := make(chan bool, 1)
	p.mu.Lock()
	p.acks = append(p.acks, ch)
	p.mu.Unlock()
	select {
	case ok := <-ch:
		return ok
	case <-time.After(timeout):
		return false
	}
}
