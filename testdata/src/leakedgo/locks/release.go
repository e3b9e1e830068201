package locks

import (
	"errors"
	"sync"
)

// --- A lock not released on one path of a function that releases it on
// the others.

type scraper struct {
	mu      sync.Mutex
	configs map[string]int
	pools   map[string]int
}

func (s *scraper) reload(names []string) error {
	s.mu.Lock() // want `reload returns at line 22 with s\.mu still locked \(line 18\): the next lock of it \(Stop, line 31\) blocks forever; unlock it before that return`
	for _, n := range names {
		cfg, ok := s.configs[n]
		if !ok {
			return errors.New("unknown job " + n)
		}
		s.pools[n] = cfg
	}
	s.mu.Unlock()
	return nil
}

func (s *scraper) Stop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	clear(s.pools)
}

type config struct {
	mu   sync.RWMutex
	root map[string]map[string]string
}

// The fix defers the unlock: the only unlock is right before the last
// return.
func (c *config) Get(section, key string) string {
	c.mu.RLock() // want `Get returns at line 47 with c\.mu still read-locked \(line 44\): the next lock of it \(Set, line 55\) blocks forever; unlock it before that return`
	m := c.root[section]
	if m == nil {
		return ""
	}
	v := m[key]
	c.mu.RUnlock()
	return v
}

func (c *config) Set(section, key, v string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.root[section][key] = v
}

// Correct: the result says whether it returns holding the lock.
func (c *config) lockSection(section string) (map[string]string, bool) {
	c.mu.Lock()
	m := c.root[section]
	if m == nil {
		c.mu.Unlock()
		return nil, false
	}
	return m, true
}

func (c *config) Delete(section, key string) {
	if m, ok := c.lockSection(section); ok {
		delete(m, key)
		c.mu.Unlock()
	}
}

// Correct: the lock is taken and released under the same test.
func (c *config) Maybe(section string, locked bool) int {
	if !locked {
		c.mu.RLock()
	}
	n := len(c.root[section])
	if !locked {
		c.mu.RUnlock()
	}
	return n
}

// --- Cond.Wait whose condition changes unsignalled.

type server2 struct {
	mu    sync.Mutex
	cv    *sync.Cond
	conns map[int]bool
	busy  bool
}

func newServer2() *server2 {
	s := &server2{conns: map[int]bool{}}
	s.cv = sync.NewCond(&s.mu)
	return s
}

func (s *server2) remove(id int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.conns, id)
	s.cv.Broadcast()
}

// Stop empties the connections, but wakes nobody.
func (s *server2) Stop() {
	s.mu.Lock()
	s.conns = nil
	s.mu.Unlock()
}

func (s *server2) Drain() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for len(s.conns) != 0 {
		s.cv.Wait() // want `Drain can wait forever in s\.cv\.Wait \(line 123\): it waits for conns to change, but Stop changes it \(line 115\) without calling s\.cv\.Signal or s\.cv\.Broadcast`
	}
}

// Correct: setting busy to true, what WaitIdle waits on it to stop being,
// wakes nobody that needs waking.
func (s *server2) Start() {
	s.mu.Lock()
	s.busy = true
	s.mu.Unlock()
}

func (s *server2) Finish() {
	s.mu.Lock()
	s.busy = false
	s.cv.Broadcast()
	s.mu.Unlock()
}

func (s *server2) WaitIdle() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for s.busy {
		s.cv.Wait()
	}
}

// A pipe whose writer waits for room after filling it, without waking
// the reader that waits for data.
type pipe struct {
	mu   sync.Mutex
	cond *sync.Cond
	n    int
}

func newPipe() *pipe {
	p := &pipe{}
	p.cond = sync.NewCond(&p.mu)
	return p
}

func (p *pipe) Write(k int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.n += k
	for p.n > 10 {
		p.cond.Wait() // want `Write waits in p\.cond\.Wait \(line 169\) after changing n \(line 167\), which Read waits on \(line 178\), without waking it: both can wait forever; call p\.cond\.Broadcast\(\) before waiting`
	}
	p.cond.Broadcast()
}

func (p *pipe) Read() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	for p.n == 0 {
		p.cond.Wait()
	}
	k := p.n
	p.n = 0
	p.cond.Broadcast()
	return k
}

// Correct: a setting tested once before waiting is not what the Wait
// waits for; changing it wakes nobody that needs waking.
type workers struct {
	mu       sync.Mutex
	cond     *sync.Cond
	nonblock bool
	idle     int
}

func newWorkers() *workers {
	w := &workers{}
	w.cond = sync.NewCond(&w.mu)
	return w
}

func (w *workers) SetNonblocking(v bool) {
	w.mu.Lock()
	w.nonblock = v
	w.mu.Unlock()
}

func (w *workers) Put() {
	w.mu.Lock()
	w.idle++
	w.cond.Signal()
	w.mu.Unlock()
}

func (w *workers) Get() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.nonblock && w.idle == 0 {
		return false
	}
	for w.idle == 0 {
		w.cond.Wait()
	}
	w.idle--
	return true
}

// Correct: a setting of another object (the pool's options), tested again
// after waking, is not the state the Cond guards.
type poolOptions struct{ nonblocking bool }

type pool2 struct {
	mu   sync.Mutex
	cond *sync.Cond
	opts *poolOptions
	idle int
}

func WithNonblocking(o *poolOptions) { o.nonblocking = true }

func newPool2(opts ...func(*poolOptions)) *pool2 {
	o := &poolOptions{}
	for _, f := range opts {
		f(o)
	}
	p := &pool2{opts: o}
	p.cond = sync.NewCond(&p.mu)
	return p
}

func (p *pool2) Put() {
	p.mu.Lock()
	p.idle++
	p.cond.Signal()
	p.mu.Unlock()
}

func (p *pool2) Get() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
retry:
	if p.idle > 0 {
		p.idle--
		return true
	}
	if p.opts.nonblocking {
		return false
	}
	p.cond.Wait()
	goto retry
}

// --- A lock made by the call that leaves it locked: the next call makes
// another, so only what this call hands it to can block on it.

// Correct: nothing but tally itself takes mu, and each call has its own.
func tally(xs []int) (int, error) {
	var mu sync.Mutex
	n := 0
	for _, x := range xs {
		mu.Lock()
		if x < 0 {
			return 0, errors.New("negative")
		}
		n += x
		mu.Unlock()
	}
	return n, nil
}

// The bug: the goroutine started with the lock takes it after the early
// return left it locked.
func tallyAsync(xs []int, out chan<- int) error {
	var mu sync.Mutex
	n := 0
	go func() {
		mu.Lock() // the next lock
		out <- n
		mu.Unlock()
	}()
	mu.Lock() // want `tallyAsync returns at line \d+ with mu still locked \(line \d+\): the next lock of it \(a function literal, line \d+\) blocks forever`
	for _, x := range xs {
		if x < 0 {
			return errors.New("negative")
		}
		n += x
	}
	mu.Unlock()
	return nil
}

// Correct: Take waits for a reply to arrive; clearing the reply (to nil,
// what Take waits on it to stop being) wakes nobody that needs waking.
type mailbox struct {
	mu    sync.Mutex
	cv    *sync.Cond
	reply *string
	other *string
}

func newMailbox() *mailbox {
	b := &mailbox{}
	b.cv = sync.NewCond(&b.mu)
	return b
}

func (b *mailbox) Put(r string) {
	b.mu.Lock()
	b.reply = &r
	b.cv.Broadcast()
	b.mu.Unlock()
}

func (b *mailbox) Clear() {
	b.mu.Lock()
	b.reply = nil
	b.mu.Unlock()
}

func (b *mailbox) Take() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	for {
		if r := b.reply; r != nil {
			b.reply = nil
			return *r
		}
		b.cv.Wait()
	}
}

// The bug: PutOther delivers without waking TakeOther.
func (b *mailbox) PutOther(r string) {
	b.mu.Lock()
	b.other = &r
	b.mu.Unlock()
}

func (b *mailbox) TakeOther() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	for {
		if r := b.other; r != nil {
			b.other = nil
			return *r
		}
		b.cv.Wait() // want `TakeOther can wait forever in b\.cv\.Wait \(line \d+\): it waits for other to change, but PutOther changes it \(line \d+\) without calling b\.cv\.Signal or b\.cv\.Broadcast`
	}
}
