package endless

import (
	"context"
	"net"
	"sync"
	"testing"
	"time"
)

type Cache struct {
	mu    sync.Mutex
	items map[string]string
}

func (c *Cache) evict() {}

// A constructor's loop works for the value it makes. A Cache has no method
// that ends its life, so its janitor is meant to run as long as the
// process holds the cache (dendrite's RateLimits, jaeger's worker pool):
// making caches over and over would be the bug, at that call. Only
// -leakedgo.strict reports them.
func NewCache() *Cache {
	c := &Cache{items: map[string]string{}}
	go func() {
		t := time.NewTicker(time.Minute)
		for range t.C {
			c.evict()
		}
	}()
	return c
}

func (c *Cache) janitor() {
	for {
		c.evict()
		time.Sleep(time.Minute)
	}
}

func NewCache2() *Cache {
	c := &Cache{}
	go c.janitor()
	return c
}

// Its twins have an end that does not stop their loops: a Close that
// stops the ticker (whose channel stays open), and one that does nothing
// (ollama's progress bar, go-micro's sync store).

type Store struct {
	t     *time.Ticker
	items map[string]string
}

func NewStore() *Store {
	s := &Store{t: time.NewTicker(time.Minute)}
	go func() { // want `goroutine never returns: its range over a ticker's channel \(line \d+\) never ends, as a Ticker's channel is never closed, so nothing can stop it, not even \(\*endless.Store\).Close`
		for range s.t.C {
			clear(s.items)
		}
	}()
	return s
}

func (s *Store) Close() error { s.t.Stop(); return nil }

type Pool struct{ jobs chan func() }

func (p *Pool) work() {
	for {
		select {
		case f := <-p.jobs:
			f()
		default:
			time.Sleep(time.Millisecond)
		}
	}
}

func (p *Pool) Start() {
	for range 4 {
		go p.work() // want `goroutine never returns: its loop \(line \d+\) has no way out, so nothing can stop it, not even \(\*endless.Pool\).Shutdown`
	}
}

func (p *Pool) Shutdown(ctx context.Context) error { return nil }

// A constructor the package calls for each connection makes one value per
// request, not one for the process: its loop leaks once per connection.

type session struct{ c net.Conn }

func newSession(c net.Conn) *session {
	s := &session{c: c}
	go func() { // want `goroutine never returns: its loop \(line \d+\) has no way out, so nothing can stop it;`
		for {
			s.c.SetDeadline(time.Now().Add(time.Minute))
			time.Sleep(time.Second)
		}
	}()
	return s
}

func Accept(l net.Listener) error {
	for {
		c, err := l.Accept()
		if err != nil {
			return err
		}
		newSession(c)
	}
}

func Tick(f func()) {
	go func() { // want `goroutine never returns: its range over a ticker's channel`
		for range time.Tick(time.Second) {
			f()
		}
	}()
}

func Park() {
	go func() { select {} }() // want `goroutine never returns: it blocks forever in select {}`
}

// Near misses.

func (c *Cache) janitorCtx(ctx context.Context) {
	t := time.NewTicker(time.Minute)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			c.evict()
		case <-ctx.Done():
			return
		}
	}
}

func NewCacheCtx(ctx context.Context) *Cache {
	c := &Cache{}
	go c.janitorCtx(ctx)
	return c
}

var once sync.Once

func Global(c *Cache) {
	once.Do(func() {
		go c.janitor() // lives as long as the process, once
	})
}

func init() {
	go (&Cache{}).janitor()
}

func Serve(c *Cache) {
	go c.janitor() // Serve never returns: the goroutine does not outlive it
	for {
		time.Sleep(time.Second)
	}
}

func Crash() {
	go func() {
		for {
			panic("boom") // ends the process, not a leak
		}
	}()
}

// spin is a helper of tests kept outside a _test.go file: it parks
// goroutines on purpose.
func spin(t *testing.T, n int) {
	for range n {
		go func() {
			for {
			}
		}()
	}
}
