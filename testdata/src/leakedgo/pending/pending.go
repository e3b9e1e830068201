// Package pending pins reply channels handed over through a struct
// field: a caller puts its channel, or a request carrying it, where the
// reader goroutine takes it from, then waits with a timeout. When the
// timeout wins, the reader, which may have taken the channel already,
// blocks on its send for good.
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

// A request carrying its reply channel, queued in a list of any that the
// writer goroutine takes from and type-switches on. When the timeout
// wins, the writer, once it gets to the request, blocks on the reply for
// good.
type quotaRequest struct{ resp chan int }

type frame struct{ n int }

type queue struct {
	mu    sync.Mutex
	items []any
	wake  chan struct{}
	done  chan struct{}
}

func (q *queue) put(it any) {
	q.mu.Lock()
	q.items = append(q.items, it)
	q.mu.Unlock()
	select {
	case q.wake <- struct{}{}:
	default:
	}
}

func (q *queue) get() (any, bool) {
	for {
		q.mu.Lock()
		if len(q.items) > 0 {
			it := q.items[0]
			q.items = q.items[1:]
			q.mu.Unlock()
			return it, true
		}
		q.mu.Unlock()
		select {
		case <-q.wake:
		case <-q.done:
			return nil, false
		}
	}
}

type writer struct {
	q     *queue
	quota int
}

func newWriter() *writer {
	w := &writer{q: &queue{wake: make(chan struct{}, 1), done: make(chan struct{})}, quota: 10}
	go w.run() // want `goroutine blocks forever sending on it.resp \(line \d+\) when Quota, which handed it to put at line \d+, returns at line \d+ through <-time.After\(timeout\)`
	return w
}

func (w *writer) Close() { close(w.q.done) }

func (w *writer) run() {
	for {
		it, ok := w.q.get()
		if !ok {
			return
		}
		switch it := it.(type) {
		case *quotaRequest:
			it.resp <- w.quota
		case frame:
			w.quota -= it.n
		}
	}
}

func (w *writer) Quota(timeout time.Duration) int {
	resp := make(chan int)
	w.q.put(&quotaRequest{resp})
	select {
	case n := <-resp:
		return n
	case <-time.After(timeout):
		return -1
	}
}

// The same with other names, a queue of the requests themselves built
// aside, and one more call on the serving side.
type statRequest struct {
	name  string
	reply chan string
}

type statServer struct {
	mu      sync.Mutex
	pending []*statRequest
	kick    chan struct{}
}

func newStatServer() *statServer {
	s := &statServer{kick: make(chan struct{}, 1)}
	go s.serve() // want `goroutine blocks forever sending on req.reply`
	return s
}

func (s *statServer) enqueue(req *statRequest) {
	s.mu.Lock()
	s.pending = append(s.pending, req)
	s.mu.Unlock()
	select {
	case s.kick <- struct{}{}:
	default:
	}
}

func (s *statServer) serve() {
	for range s.kick {
		s.mu.Lock()
		reqs := s.pending
		s.pending = nil
		s.mu.Unlock()
		for _, req := range reqs {
			s.answer(req)
		}
	}
}

func (s *statServer) answer(req *statRequest) { req.reply <- "stat " + req.name }

func (s *statServer) Close() { close(s.kick) }

func (s *statServer) Stat(name string, timeout time.Duration) (string, bool) {
	req := &statRequest{name: name, reply: make(chan string)}
	s.enqueue(req)
	select {
	case v := <-req.reply:
		return v, true
	case <-time.After(timeout):
		return "", false
	}
}

// Twin: the reply channel has room for the one answer.
type sizeRequest struct{ resp chan int }

type sizer struct {
	q    *queue
	size int
}

func newSizer() *sizer {
	s := &sizer{q: &queue{wake: make(chan struct{}, 1), done: make(chan struct{})}}
	go s.run()
	return s
}

func (s *sizer) Close() { close(s.q.done) }

func (s *sizer) run() {
	for {
		it, ok := s.q.get()
		if !ok {
			return
		}
		if r, ok := it.(*sizeRequest); ok {
			r.resp <- s.size
		}
	}
}

func (s *sizer) Size(timeout time.Duration) int {
	resp := make(chan int, 1)
	s.q.put(&sizeRequest{resp})
	select {
	case n := <-resp:
		return n
	case <-time.After(timeout):
		return -1
	}
}

// Requests sent on a channel of any, which the loop type-switches on.
type getRequest struct {
	key string
	out chan string
}

type store struct {
	cmds chan any
	data map[string]string
}

func newStore() *store {
	s := &store{cmds: make(chan any), data: map[string]string{}}
	go s.loop() // want `goroutine blocks forever sending on cmd.out`
	return s
}

func (s *store) Close() { close(s.cmds) }

func (s *store) loop() {
	for cmd := range s.cmds {
		switch cmd := cmd.(type) {
		case *getRequest:
			cmd.out <- s.data[cmd.key]
		case func(map[string]string):
			cmd(s.data)
		}
	}
}

func (s *store) Get(key string, timeout time.Duration) (string, bool) {
	out := make(chan string)
	s.cmds <- &getRequest{key, out}
	select {
	case v := <-out:
		return v, true
	case <-time.After(timeout):
		return "", false
	}
}

// Twin: room for the answer.
type lookupRequest struct {
	key string
	out chan string
}

type index struct {
	cmds chan any
	data map[string]string
}

func newIndex() *index {
	s := &index{cmds: make(chan any), data: map[string]string{}}
	go s.loop()
	return s
}

func (s *index) Close() { close(s.cmds) }

func (s *index) loop() {
	for cmd := range s.cmds {
		if req, ok := cmd.(*lookupRequest); ok {
			req.out <- s.data[req.key]
		}
	}
}

func (s *index) Lookup(key string, timeout time.Duration) (string, bool) {
	out := make(chan string, 1)
	s.cmds <- &lookupRequest{key, out}
	select {
	case v := <-out:
		return v, true
	case <-time.After(timeout):
		return "", false
	}
}
