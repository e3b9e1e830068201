// Package members pins goroutines whose owners are kept in a collection:
// the code that stops them ranges over the collection and stops every
// member, and a member leaves the collection only where it is stopped.
// The loop may run zero times, but then no member is left to stop.
package members

import (
	"context"
	"sync"
)

// A feed fans updates out to its subscribers; its pump goroutine ends
// when stop closes updates.
type feed struct {
	updates chan int
	done    chan struct{}
}

func newFeed() *feed {
	f := &feed{updates: make(chan int, 1), done: make(chan struct{})}
	go func() {
		defer close(f.done)
		for u := range f.updates {
			_ = u
		}
	}()
	return f
}

func (f *feed) stop() {
	close(f.updates)
	<-f.done
}

// A hub keeps one feed per topic. A feed leaves the map only where it is
// stopped, and stopAll stops every feed still in it.
type hub struct {
	mu    sync.Mutex
	feeds map[string]*feed
}

func (h *hub) join(topic string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.feeds[topic] == nil {
		h.feeds[topic] = newFeed()
	}
	h.feeds[topic].updates <- 1
}

func (h *hub) leave(topic string, last bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if f := h.feeds[topic]; f != nil && last {
		f.stop()
		delete(h.feeds, topic)
	}
}

func (h *hub) stopAll() {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, f := range h.feeds {
		f.stop()
	}
	h.feeds = nil
}

// Watch joins topic for the life of ctx.
func (h *hub) Watch(ctx context.Context, topic string) {
	h.join(topic)
	go func() {
		<-ctx.Done()
		h.leave(topic, true)
	}()
}

// serve runs until ctx is done, then stops every feed.
func serve(ctx context.Context) *hub {
	h := &hub{feeds: make(map[string]*feed)}
	go func() {
		<-ctx.Done()
		h.stopAll()
	}()
	return h
}

// The same with the members in a slice, stopped through a helper.
type tap struct {
	drops chan string
}

func newTap() *tap {
	t := &tap{drops: make(chan string)}
	go func() {
		for d := range t.drops {
			_ = d
		}
	}()
	return t
}

func (t *tap) close() { close(t.drops) }

type board struct {
	mu   sync.Mutex
	taps []*tap
}

// Add adds a tap.
func (b *board) Add() {
	b.mu.Lock()
	b.taps = append(b.taps, newTap())
	b.mu.Unlock()
}

func (b *board) shutdown() {
	b.mu.Lock()
	defer b.mu.Unlock()
	closeEach(b.taps)
	b.taps = nil
}

func closeEach(ts []*tap) {
	for _, t := range ts {
		t.close()
	}
}

func runBoard(ctx context.Context) *board {
	b := &board{}
	go func() {
		<-ctx.Done()
		b.shutdown()
	}()
	return b
}

// A crowd stops only the members that are not busy: a busy one is left
// ranging over its updates forever.
type crowd struct {
	mu    sync.Mutex
	peers map[string]*peer
}

type peer struct {
	busy bool
	in   chan int
}

func newPeer() *peer {
	p := &peer{in: make(chan int, 1)}
	go func() { // want `goroutine blocks forever in its range over p.in`
		for range p.in {
		}
	}()
	return p
}

func (c *crowd) add(name string) {
	c.mu.Lock()
	c.peers[name] = newPeer()
	c.mu.Unlock()
}

func (c *crowd) stopIdle() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, p := range c.peers {
		if p.busy {
			continue
		}
		close(p.in)
	}
}

// Add adds a peer.
func (c *crowd) Add(name string) { c.add(name) }

func runCrowd(ctx context.Context) *crowd {
	c := &crowd{peers: make(map[string]*peer)}
	go func() {
		<-ctx.Done()
		c.stopIdle()
	}()
	return c
}
