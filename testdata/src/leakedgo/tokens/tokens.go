// Package tokens holds buffered channels used as counting semaphores:
// a token goes in before each goroutine starts and comes out when it
// ends, so the receive that gives it back cannot block.
package tokens

import (
	"context"
	"sync"
)

type request struct{ key string }

type finder struct {
	limit    int
	requests chan request
	closing  chan struct{}
	found    chan string
}

// worker limits its lookups with an optional semaphore: nil when the
// limit is off, and then nothing is sent or received on it.
func (f *finder) worker() {
	var sem chan struct{}
	if f.limit > 0 {
		sem = make(chan struct{}, f.limit)
	}
	for r := range f.requests {
		if sem != nil {
			select {
			case sem <- struct{}{}:
			case <-f.closing:
				return
			}
		}
		go func(key string) {
			if sem != nil {
				defer func() {
					<-sem
				}()
			}
			select {
			case f.found <- key:
			case <-f.closing:
			}
		}(r.key)
	}
}

// limiter gives a token back inline when the context ends between taking
// it and starting the work.
type limiter struct {
	tokens chan struct{}
}

func (l *limiter) forEach(ctx context.Context, keys []string, fn func(string)) {
	var workers sync.WaitGroup
	for _, k := range keys {
		select {
		case <-ctx.Done():
			continue
		case l.tokens <- struct{}{}:
		}
		select {
		case <-ctx.Done():
			<-l.tokens
			continue
		default:
		}
		workers.Add(1)
		go func() {
			defer workers.Done()
			fn(k)
			<-l.tokens
		}()
	}
	workers.Wait()
}

func newLimiter(n int) *limiter { return &limiter{tokens: make(chan struct{}, n)} }

func useLimiter(ctx context.Context) {
	l := newLimiter(2)
	l.forEach(ctx, []string{"a", "b", "c"}, func(string) {})
}

func newFinder(limit int) *finder {
	return &finder{limit: limit, requests: make(chan request), closing: make(chan struct{}), found: make(chan string)}
}

func (f *finder) Start() { go f.worker() }

func (f *finder) Close() { close(f.closing); close(f.requests) }

func (f *finder) Find(key string) {
	select {
	case f.requests <- request{key}:
	case <-f.closing:
	}
}

func (f *finder) Found() <-chan string { return f.found }

type skipper struct {
	requests chan request
	closing  chan struct{}
	done     chan string
}

// worker starts each lookup before it takes its token, and does not take
// it once closing: that lookup waits for good to give back a token that
// was never put in.
func (s *skipper) worker() {
	sem := make(chan struct{}, 2)
	for r := range s.requests {
		go func(key string) { // want `goroutine blocks forever receiving from sem`
			defer func() {
				<-sem
			}()
			select {
			case s.done <- key:
			case <-s.closing:
			}
		}(r.key)
		select {
		case sem <- struct{}{}:
		case <-s.closing:
			return
		}
	}
}

func newSkipper() *skipper {
	return &skipper{requests: make(chan request), closing: make(chan struct{}), done: make(chan string)}
}

func (s *skipper) Start() { go s.worker() }

func (s *skipper) Close() { close(s.closing); close(s.requests) }

func (s *skipper) Find(key string) {
	select {
	case s.requests <- request{key}:
	case <-s.closing:
	}
}

type picky struct {
	tokens chan struct{}
}

// forEach takes a token only for long keys but gives one back for each.
func (l *picky) forEach(ctx context.Context, keys []string, fn func(string)) {
	var workers sync.WaitGroup
	for _, k := range keys {
		if len(k) > 3 {
			l.tokens <- struct{}{}
		}
		workers.Add(1)
		go func() { // want `goroutine blocks forever receiving from l.tokens`
			defer workers.Done()
			fn(k)
			<-l.tokens
		}()
	}
	workers.Wait()
}

func usePicky(ctx context.Context) {
	l := &picky{tokens: make(chan struct{}, 2)}
	l.forEach(ctx, []string{"a", "bbbbb"}, func(string) {})
}
