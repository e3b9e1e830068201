// Package engine holds the textbook goroutine leaks, each with a variant
// that renames everything and adds one level of indirection (a helper or
// a method in between), and a fixed twin that must not be reported.
package engine

import (
	"context"
	"sync"
	"time"
)

func fetch(string) string { return "" }

// n-cast with a single receive: n-1 goroutines block forever.

func first(urls []string) string {
	ch := make(chan string)
	for _, u := range urls {
		go func() { ch <- fetch(u) }() // want `goroutines started in a loop block forever sending on ch \(line 19\): first receives only once before it returns at line 21`
	}
	return <-ch
}

func deliver(out chan<- string, s string) { out <- fetch(s) }

func fastest(mirrors []string) string {
	answers := make(chan string)
	for _, m := range mirrors {
		go deliver(answers, m) // want `goroutines started in a loop block forever sending on out \(line 24\): fastest receives only once before it returns at line 31`
	}
	return <-answers
}

func firstFixed(urls []string) string {
	ch := make(chan string, len(urls))
	for _, u := range urls {
		go func() { ch <- fetch(u) }()
	}
	return <-ch
}

// Loop-started senders with an early return before the receive loop.

func gather(ctx context.Context, urls []string) ([]string, error) {
	ch := make(chan string)
	for _, u := range urls {
		go func() { ch <- fetch(u) }() // want `goroutine blocks forever sending on ch \(line 47\) when gather returns at line 50`
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var out []string
	for range urls {
		out = append(out, <-ch)
	}
	return out, nil
}

func gatherFixed(ctx context.Context, urls []string) ([]string, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	ch := make(chan string)
	for _, u := range urls {
		go func() { ch <- fetch(u) }()
	}
	var out []string
	for range urls {
		out = append(out, <-ch)
	}
	return out, nil
}

// A send on an unbuffered channel before any receiver exists: the function
// itself blocks.

func handOff(v int) int {
	ch := make(chan int)
	ch <- v // want `handOff blocks forever sending on ch \(line 79\): its only partner, the goroutine receiving from it, starts at line 80, after it`
	go func() { <-ch }()
	return v
}

type mailbox struct{ in chan int }

func (m *mailbox) post(v int) { m.in <- v }

func handOffVia(v int) int {
	box := &mailbox{in: make(chan int)}
	box.post(v) // want `handOffVia blocks forever in its call of post \(line 90\), sending on m\.in \(line 86\): its only partner, the goroutine receiving from it, starts at line 91, after it`
	go func() { <-box.in }()
	return v
}

func handOffFixed(v int) int {
	ch := make(chan int)
	go func() { <-ch }()
	ch <- v
	return v
}

// A spawner that receives more often than the goroutines send.

func twoReceives() (int, int) {
	ch := make(chan int)
	go func() { ch <- 1 }()
	a := <-ch
	b := <-ch // want `twoReceives blocks forever receiving from ch \(line 108\): the goroutines sending on it \(line 106\) send only once on some path to it, and this is the second receive`
	return a, b
}

func produceOne(out chan<- int) { out <- 1 }

func pair() (int, int) {
	vals := make(chan int)
	go produceOne(vals)
	x := <-vals
	return x, <-vals // want `pair blocks forever receiving from vals \(line 118\): the goroutines sending on it \(line 116\) send only once on some path to it, and this is the second receive`
}

func twoReceivesFixed() (int, int) {
	ch := make(chan int)
	go func() { ch <- 1; ch <- 2 }()
	a := <-ch
	b := <-ch
	return a, b
}

// An only receiver that is a sibling goroutine which can exit first.

func siblings(work func() error, items []int) {
	ch := make(chan int)
	go func() { // want `goroutine blocks forever sending on ch \(line 136\) when the goroutine receiving from it \(line 139\) returns at line 142`
		defer close(ch)
		for _, it := range items {
			ch <- it
		}
	}()
	go func() {
		for it := range ch {
			if work() != nil {
				return
			}
			_ = it
		}
	}()
}

type consumer struct{ feed chan int }

func (c *consumer) drain(work func(int) error) {
	for v := range c.feed {
		if work(v) != nil {
			return
		}
	}
}

func siblingsVia(work func(int) error, vals []int) {
	c := &consumer{feed: make(chan int)}
	go func() { // want `goroutine blocks forever sending on c\.feed \(line 163\) when the goroutine receiving from it \(line 167\) returns at line 154`
		for _, v := range vals {
			c.feed <- v
		}
		close(c.feed)
	}()
	go c.drain(work)
}

func siblingsFixed(work func() error, items []int) {
	ch := make(chan int)
	go func() {
		defer close(ch)
		for _, it := range items {
			ch <- it
		}
	}()
	go func() {
		for it := range ch {
			if work() != nil {
				continue
			}
			_ = it
		}
	}()
}

// A promise-style helper whose goroutine blocks when the caller stops
// listening.

func async(f func() int) <-chan int {
	ch := make(chan int)
	go func() { ch <- f() }() // want `goroutine blocks forever sending on ch \(line 193\) when await, which got it from async at line 199, returns at line 202 through <-ctx\.Done\(\)`
	return ch
}

func await(ctx context.Context, f func() int) int {
	select {
	case v := <-async(f):
		return v
	case <-ctx.Done():
		return 0
	}
}

type future struct{ done chan int }

func start(f func() int) *future {
	fu := &future{done: make(chan int)}
	go func() { fu.done <- f() }() // want `goroutine blocks forever sending on fu\.done \(line 210\) when awaitVia, which got it from start at line 215, returns at line 220 through <-ctx\.Done\(\)`
	return fu
}

func awaitVia(ctx context.Context, f func() int) int {
	fu := start(f)
	select {
	case v := <-fu.done:
		return v
	case <-ctx.Done():
		return 0
	}
}

func asyncFixed(f func() int) <-chan int {
	ch := make(chan int, 1)
	go func() { ch <- f() }()
	return ch
}

func awaitFixed(ctx context.Context, f func() int) int {
	select {
	case v := <-asyncFixed(f):
		return v
	case <-ctx.Done():
		return 0
	}
}

// A reply channel abandoned on timeout.

type request struct {
	key   string
	reply chan string
}

type server struct{ reqs chan request }

func newServer() *server {
	s := &server{reqs: make(chan request)}
	go s.serve() // want `goroutine blocks forever sending on req\.reply \(line 256\) when Get returns at line 267 through <-time\.After\(time\.Second\)`
	return s
}

func (s *server) serve() {
	for req := range s.reqs {
		req.reply <- fetch(req.key)
	}
}

func (s *server) Get(key string) (string, bool) {
	req := request{key: key, reply: make(chan string)}
	s.reqs <- req
	select {
	case v := <-req.reply:
		return v, true
	case <-time.After(time.Second):
		return "", false
	}
}

func (s *server) Close() { close(s.reqs) }

// A loop goroutine started by a constructor whose only exit is a field
// channel that Close never closes.

type ticker struct {
	stop chan struct{}
	tick func()
}

func newTicker(f func()) *ticker {
	t := &ticker{stop: make(chan struct{}), tick: f}
	go t.loop() // want `goroutine never returns: its loop \(line 290\) has no way out, so nothing can stop it; give it a context or a stop channel and return when it is done`
	return t
}

func (t *ticker) loop() {
	for {
		select {
		case <-t.stop:
			return
		default:
			t.tick()
		}
	}
}

func (t *ticker) Close() { t.tick = nil }

// A WaitGroup whose Wait nothing can satisfy, and a Cond nobody signals.

func noDone() {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { wg.Wait() }() // want `goroutine blocks forever in wg\.Wait \(line 305\): nothing calls wg\.Done`
}

type pool struct {
	mu    sync.Mutex
	ready *sync.Cond
	items []int
}

func newPool() *pool {
	p := &pool{}
	p.ready = sync.NewCond(&p.mu)
	return p
}

func (p *pool) take() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	for len(p.items) == 0 {
		p.ready.Wait() // want `take blocks forever in p\.ready\.Wait \(line 324\): nothing calls p\.ready\.Signal or p\.ready\.Broadcast`
	}
	v := p.items[0]
	p.items = p.items[1:]
	return v
}

func (p *pool) put(v int) {
	p.mu.Lock()
	p.items = append(p.items, v)
	p.mu.Unlock()
}

// Nil channels and channels nobody else can reach.

func nilSend() {
	var c chan int
	go func() { c <- 1 }() // want `goroutine blocks forever sending on c \(line 341\): c is nil, and a nil channel blocks forever`
}

func orphan() {
	go func() { <-make(chan int) }() // want `goroutine blocks forever receiving from make\(chan int\) \(line 345\): nothing sends on it or closes it`
}

// A field channel that nothing ever makes: a receive guarded by a test
// that it is not nil never runs; an unguarded one blocks forever.

type reloader struct {
	reloadDone chan struct{}
	stopped    bool
}

func (r *reloader) Close() {
	r.stopped = true
	if r.reloadDone != nil {
		<-r.reloadDone
	}
}

func (r *reloader) Wait() {
	<-r.reloadDone // want `Wait blocks forever receiving from r.reloadDone \(line \d+\): r.reloadDone is nil, and a nil channel blocks forever`
}
