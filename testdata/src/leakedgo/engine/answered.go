package engine

import "sync"

// A handler makes a completion channel for each call it serves, lists the
// call, and answers the channel in a deferred call on every way out. A
// goroutine that waits for a listed call finds its answer, though the
// goroutine running the handler can return without calling it: on that
// run no channel was made (playwright-go's route handler and its Stop).

type call struct {
	done chan bool
}

type handler struct {
	mu     sync.Mutex
	active map[*call]bool
}

func newHandler() *handler {
	return &handler{active: make(map[*call]bool)}
}

func (h *handler) serve(path string) {
	c := &call{done: make(chan bool, 1)}
	h.mu.Lock()
	h.active[c] = true
	h.mu.Unlock()
	defer func() {
		c.done <- true
		h.mu.Lock()
		delete(h.active, c)
		h.mu.Unlock()
	}()
	handlePath(path)
}

func handlePath(string) {}

// On serves ev on a goroutine of its own.
func (h *handler) On(ev string) {
	runTask(func() { h.route(ev) })
}

func runTask(f func()) { go f() }

func (h *handler) route(ev string) {
	if ev == "" {
		return // nothing to serve: no call made
	}
	h.serve(ev)
}

// Stop waits for the calls in flight.
func (h *handler) Stop() {
	var wg sync.WaitGroup
	h.mu.Lock()
	for c := range h.active {
		wg.Add(1)
		go func(done chan bool) {
			<-done
			wg.Done()
		}(c.done)
	}
	h.mu.Unlock()
	wg.Wait()
}

// The same with one more level: the deferred call answers through a
// method, and the goroutine reaches the handler through a dispatcher.

type inflightCall struct {
	finished chan struct{}
}

type router struct {
	mu       sync.Mutex
	inFlight map[*inflightCall]bool
}

func newRouter() *router { return &router{inFlight: make(map[*inflightCall]bool)} }

// Submit serves n on a goroutine of its own.
func (r *router) Submit(n int) { runTask(func() { r.dispatch(n) }) }

func (r *router) dispatch(n int) {
	if n > 0 {
		r.route(n)
	}
}

func (r *router) route(n int) { r.handle(n) }

func (r *router) handle(n int) {
	p := &inflightCall{finished: make(chan struct{}, 1)}
	r.mu.Lock()
	r.inFlight[p] = true
	r.mu.Unlock()
	defer func() { r.complete(p) }()
	work(n)
}

func (r *router) complete(p *inflightCall) {
	p.finished <- struct{}{}
	r.mu.Lock()
	delete(r.inFlight, p)
	r.mu.Unlock()
}

func work(int) {}

func (r *router) Drain() {
	var wg sync.WaitGroup
	r.mu.Lock()
	for p := range r.inFlight {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-p.finished
		}()
	}
	r.mu.Unlock()
	wg.Wait()
}

// Near miss: the handler lists the call and can return before answering
// it, so a waiter may wait forever.

type job struct {
	ack chan bool
}

type queue struct {
	mu   sync.Mutex
	jobs []*job
}

// Put takes s on a goroutine of its own.
func (q *queue) Put(s string) { go q.take(s) }

func (q *queue) take(s string) {
	j := &job{ack: make(chan bool, 1)}
	q.mu.Lock()
	q.jobs = append(q.jobs, j)
	q.mu.Unlock()
	if s == "skip" {
		return
	}
	j.ack <- true
}

func (q *queue) Flush() {
	q.mu.Lock()
	jobs := q.jobs
	q.mu.Unlock()
	for _, j := range jobs {
		go func() { // want `goroutine blocks forever receiving from j.ack \(line 158\) when take returns at line 147`
			<-j.ack
		}()
	}
}
