package endless

import (
	"context"
	"sync"
	"testing"
	"time"
)

type Cache struct {
	mu    sync.Mutex
	items map[string]string
}

func (c *Cache) evict() {}

func NewCache() *Cache {
	c := &Cache{items: map[string]string{}}
	go func() { // want `goroutine never returns: its range over a ticker's channel \(line 21\) never ends, as a Ticker's channel is never closed, so nothing can stop it`
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
	go c.janitor() // want `goroutine never returns: its loop \(line 30\) has no way out`
	return c
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
