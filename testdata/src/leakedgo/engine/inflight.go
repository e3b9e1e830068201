package engine

import (
	"io"
	"sync"
)

// A core loop that hands work to helper goroutines by request and reply:
// it sends a request, sets a flag, and clears the flag when the reply
// comes. Each helper replies once to each request before it takes the
// next, and returns only when the request channel is closed. While the
// flag is false no reply is pending; so a shutdown that receives the
// reply only when the flag is set leaves no helper blocked, and waits
// for no reply that will not come.

type fetchReq struct{ key string }
type fetchResp struct{ val string }

type fetcher struct {
	requests  chan fetchReq
	responses chan fetchResp
	conn      io.Closer
}

func (f *fetcher) run() {
	for {
		req, ok := <-f.requests
		if !ok {
			if f.conn != nil {
				f.conn.Close()
			}
			return
		}
		f.responses <- fetchResp{val: req.key}
	}
}

type Cache struct {
	fetcher  *fetcher
	fetching bool
	pending  []string
	lookups  chan string
	done     chan struct{}
	wg       sync.WaitGroup
}

func NewCache() *Cache {
	c := &Cache{
		fetcher: &fetcher{requests: make(chan fetchReq, 1), responses: make(chan fetchResp)},
		lookups: make(chan string),
		done:    make(chan struct{}),
	}
	c.wg.Add(2)
	go func() {
		c.fetcher.run()
		c.wg.Done()
	}()
	go func() {
		c.loop()
		c.wg.Done()
	}()
	return c
}

func (c *Cache) Lookup(key string) {
	select {
	case c.lookups <- key:
	case <-c.done:
	}
}

func (c *Cache) Close() {
	close(c.done)
	c.wg.Wait()
}

func (c *Cache) loop() {
	for {
		select {
		case key := <-c.lookups:
			c.pending = append(c.pending, key)
			c.maybeFetch()
		case resp := <-c.fetcher.responses:
			c.handleResponse(resp)
			c.maybeFetch()
		case <-c.done:
			c.shutdown()
			return
		}
	}
}

func (c *Cache) maybeFetch() {
	if c.fetching || len(c.pending) == 0 {
		return
	}
	c.fetcher.requests <- fetchReq{key: c.pending[0]}
	c.pending = c.pending[1:]
	c.fetching = true
}

func (c *Cache) handleResponse(resp fetchResp) {
	c.fetching = false
	_ = resp.val
}

func (c *Cache) shutdown() {
	close(c.fetcher.requests)
	if c.fetching {
		resp := <-c.fetcher.responses
		c.handleResponse(resp)
	}
}

// Other names, the reply sent from a helper method the server calls, and
// the flag set in a method after the send; the drain is in a method the
// shutdown calls.

type compactor struct {
	jobs    chan int
	results chan error
}

func (w *compactor) serve() {
	for {
		job, ok := <-w.jobs
		if !ok {
			return
		}
		w.results <- w.compact(job)
	}
}

func (w *compactor) compact(int) error { return nil }

type Store struct {
	w          *compactor
	compacting bool
	levels     chan int
	stop       chan struct{}
}

func OpenStore() *Store {
	s := &Store{
		w:      &compactor{jobs: make(chan int), results: make(chan error)},
		levels: make(chan int),
		stop:   make(chan struct{}),
	}
	go s.w.serve()
	go s.main()
	return s
}

func (s *Store) Flush(level int) {
	select {
	case s.levels <- level:
	case <-s.stop:
	}
}

func (s *Store) Close() { close(s.stop) }

func (s *Store) main() {
	for {
		select {
		case l := <-s.levels:
			if !s.compacting {
				s.startCompaction(l)
			}
		case err := <-s.w.results:
			s.finished(err)
		case <-s.stop:
			s.closeDown()
			return
		}
	}
}

func (s *Store) startCompaction(level int) {
	s.w.jobs <- level
	s.markCompacting()
}

func (s *Store) markCompacting() { s.compacting = true }

func (s *Store) finished(err error) {
	s.compacting = false
	_ = err
}

func (s *Store) closeDown() {
	close(s.w.jobs)
	s.drain()
}

func (s *Store) drain() {
	if s.compacting {
		s.finished(<-s.w.results)
	}
}

// Near misses. A flag that a reset clears with no reply received: the
// flag can be false while a reply is pending, and the shutdown that trusts
// it leaves the server blocked.

type loader struct {
	reqs    chan string
	replies chan int
}

func (l *loader) run() {
	for {
		name, ok := <-l.reqs
		if !ok {
			return
		}
		l.replies <- len(name)
	}
}

type Index struct {
	l       *loader
	loading bool
	names   chan string
	resets  chan struct{}
	quit    chan struct{}
}

func NewIndex() *Index {
	x := &Index{
		l:      &loader{reqs: make(chan string, 1), replies: make(chan int)},
		names:  make(chan string),
		resets: make(chan struct{}),
		quit:   make(chan struct{}),
	}
	go x.l.run() // want `goroutine blocks forever sending on l.replies \(line \d+\) when the goroutine receiving from it \(line \d+\) returns at line \d+ through <-x.quit`
	go x.loop()
	return x
}

func (x *Index) Add(name string) {
	select {
	case x.names <- name:
	case <-x.quit:
	}
}

func (x *Index) Reset() {
	select {
	case x.resets <- struct{}{}:
	case <-x.quit:
	}
}

func (x *Index) Close() { close(x.quit) }

func (x *Index) loop() {
	for {
		select {
		case name := <-x.names:
			if !x.loading {
				x.l.reqs <- name
				x.loading = true
			}
		case n := <-x.l.replies:
			x.loading = false
			_ = n
		case <-x.resets:
			x.loading = false
		case <-x.quit:
			close(x.l.reqs)
			if x.loading {
				<-x.l.replies
			}
			return
		}
	}
}

// A shutdown that does not take the pending reply at all.

type appender struct {
	jobs    chan int
	results chan error
}

func (a *appender) serve() {
	for {
		job, ok := <-a.jobs
		if !ok {
			return
		}
		a.results <- a.write(job)
	}
}

func (a *appender) write(int) error { return nil }

type Journal struct {
	w       *appender
	writing bool
	entries chan int
	quit    chan struct{}
}

func OpenJournal() *Journal {
	j := &Journal{
		w:       &appender{jobs: make(chan int, 1), results: make(chan error)},
		entries: make(chan int),
		quit:    make(chan struct{}),
	}
	go j.w.serve() // want `goroutine blocks forever sending on a.results \(line \d+\) when the goroutine receiving from it \(line \d+\) returns at line \d+ through <-j.quit`
	go j.loop()
	return j
}

func (j *Journal) Append(e int) {
	select {
	case j.entries <- e:
	case <-j.quit:
	}
}

func (j *Journal) Close() { close(j.quit) }

func (j *Journal) loop() {
	for {
		select {
		case e := <-j.entries:
			if !j.writing {
				j.w.jobs <- e
				j.writing = true
			}
		case <-j.w.results:
			j.writing = false
		case <-j.quit:
			close(j.w.jobs)
			return
		}
	}
}

// A server that can return between a request and its reply: the flag
// says a reply is pending, and the shutdown that waits for it waits
// forever. The server's own send is fine: it replies at most once to
// each request, and the shutdown takes a pending reply.

type pinger struct {
	targets chan string
	results chan bool
}

func (p *pinger) run() {
	for {
		t, ok := <-p.targets
		if !ok {
			return
		}
		if t == "" {
			return
		}
		p.results <- true
	}
}

type Monitor struct {
	p       *pinger
	probing bool
	checks  chan string
	stop    chan struct{}
	wg      sync.WaitGroup
}

func NewMonitor() *Monitor {
	m := &Monitor{
		p:      &pinger{targets: make(chan string, 1), results: make(chan bool)},
		checks: make(chan string),
		stop:   make(chan struct{}),
	}
	m.wg.Add(2)
	go func() {
		m.p.run()
		m.wg.Done()
	}()
	go func() { // want `goroutine blocks forever receiving from m.p.results \(line \d+\) when the goroutine sending on it \(line \d+\) returns at line \d+`
		m.loop()
		m.wg.Done()
	}()
	return m
}

func (m *Monitor) Check(t string) {
	select {
	case m.checks <- t:
	case <-m.stop:
	}
}

func (m *Monitor) Close() {
	close(m.stop)
	m.wg.Wait()
}

func (m *Monitor) loop() {
	for {
		select {
		case t := <-m.checks:
			if !m.probing {
				m.p.targets <- t
				m.probing = true
			}
		case <-m.p.results:
			m.probing = false
		case <-m.stop:
			close(m.p.targets)
			if m.probing {
				<-m.p.results
			}
			return
		}
	}
}
