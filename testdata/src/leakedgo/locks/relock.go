package locks

import (
	"errors"
	"sync"
)

// --- Locks unlocked around a wait and taken back. A function entered
// with its caller's lock that unlocks it to wait and locks it again
// returns holding it on every path, as its caller expects; so does a
// callee that unlocks around slow work. Neither is reported.

type reader struct {
	mu     sync.Mutex
	ready  chan struct{}
	buf    []byte
	closed error
}

func newReader() *reader { return &reader{ready: make(chan struct{})} }

func (r *reader) Read(p []byte) (int, error) {
	r.mu.Lock()
	n, err := r.read(p)
	r.mu.Unlock()
	return n, err
}

// read runs with r.mu held; it waits for data without it.
func (r *reader) read(p []byte) (int, error) {
	for len(r.buf) == 0 {
		if r.closed != nil {
			return 0, r.closed
		}
		r.mu.Unlock()
		<-r.ready
		r.mu.Lock()
	}
	n := copy(p, r.buf)
	r.buf = r.buf[n:]
	return n, nil
}

func (r *reader) Close() {
	r.mu.Lock()
	r.closed = errors.New("closed")
	r.mu.Unlock()
	close(r.ready)
}

type wal struct {
	mu   sync.Mutex
	size int
	log  []string
}

// rotate runs with w.mu held and gives it up while it writes.
func (w *wal) rotate() int {
	n := w.size
	w.mu.Unlock()
	write(n)
	w.mu.Lock()
	w.size = 0
	return n
}

func write(int) {}

func (w *wal) append(entry string) error {
	w.mu.Lock()
	if entry == "" {
		w.mu.Unlock()
		return errors.New("empty")
	}
	w.log = append(w.log, entry)
	w.size += len(entry)
	if w.size > 1<<20 {
		w.rotate()
	}
	w.mu.Unlock()
	return nil
}

// flushLocked is called with w.mu held; it gives the lock up to take
// another first (a lock order) and takes it back.
func (w *wal) flushLocked(other *sync.Mutex) int {
	w.mu.Unlock()
	other.Lock()
	w.mu.Lock()
	defer other.Unlock()
	if w.size == 0 {
		return 0
	}
	return w.rotate()
}

func (w *wal) Flush(other *sync.Mutex) int {
	w.mu.Lock()
	n := w.flushLocked(other)
	w.mu.Unlock()
	return n
}

// The near miss that is a bug: a function that takes the lock, gives it
// up around slow work and takes it back, then returns holding it on one
// path and not on the other.
func (w *wal) sync() error {
	w.mu.Lock() // want `sync returns at line 113 with w.mu still locked \(line 108\)`
	for w.size > 1<<20 {
		w.rotate()
	}
	if w.log == nil {
		return errors.New("empty")
	}
	w.mu.Unlock()
	return nil
}

// A deferred unlock releases the lock at every return, whatever the
// function unlocks and takes back before it.
func (w *wal) reset(stop func()) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.size == 0 {
		return
	}
	w.mu.Unlock()
	stop()
	w.mu.Lock()
	w.size = 0
}

// A call that may release a lock of the same kind (the lock of another
// instance, found through a range or a lookup) tells nothing about the
// one held: the paths through it are not read as releasing it.

type node struct {
	mu    sync.Mutex
	n     int
	order sync.Mutex
	peers []*node
}

// settle runs with n.mu held; it takes n.order first (a lock order).
func (n *node) settle() error {
	n.mu.Unlock()
	n.order.Lock()
	n.mu.Lock()
	defer n.order.Unlock()
	if n.n == 0 {
		return errors.New("empty")
	}
	n.resetPeers()
	return nil
}

func (n *node) resetPeers() {
	for _, p := range n.peers {
		p.mu.Lock()
		p.n = 0
		p.mu.Unlock()
	}
}

func (n *node) Settle() error {
	n.mu.Lock()
	err := n.settle()
	n.mu.Unlock()
	return err
}

// A lock handed to a callback: the function starts work that calls back
// when it is done, and the callback releases the lock. The paths that
// pass it hand the lock over; the others release it themselves.

type committer struct {
	noCommits sync.RWMutex
	offsets   []int
}

func (c *committer) commit(offsets []int, onDone func(error)) {
	go func() { onDone(nil) }()
}

func (c *committer) autocommit(stop <-chan struct{}, tick <-chan int) {
	for {
		select {
		case <-tick:
		case <-stop:
			return
		}
		c.noCommits.RLock()
		if len(c.offsets) == 0 {
			c.noCommits.RUnlock()
			continue
		}
		c.commit(c.offsets, func(error) { c.noCommits.RUnlock() })
	}
}

// The near miss that is a bug: the path that commits nothing forgets to
// release it.
func (c *committer) autocommitLeaky(stop <-chan struct{}, tick <-chan int) {
	for {
		select {
		case <-tick:
		case <-stop:
			return
		}
		c.noCommits.RLock() // want `autocommitLeaky returns at line \d+ with c.noCommits still read-locked`
		if len(c.offsets) == 0 {
			continue
		}
		if len(c.offsets) > 100 {
			c.noCommits.RUnlock()
			continue
		}
		c.commit(c.offsets, func(error) { c.noCommits.RUnlock() })
	}
}

// A function entered with its caller's lock that gives it up on one path
// and takes it back with a deferred Lock returns holding it, as on its
// other paths: its callers hold it once, not twice.

type registryServer struct {
	mu       sync.Mutex
	preloads []string
	store    func(string) error
	names    map[string]bool
}

// configure runs with s.mu held; storing takes locks ordered before it.
func (s *registryServer) configure() error {
	if len(s.preloads) > 0 {
		s.mu.Unlock()
		defer s.mu.Lock()
		for _, p := range s.preloads {
			if err := s.store(p); err != nil {
				return err
			}
		}
	}
	return nil
}

func (s *registryServer) lookup(name string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.names[name]
}

func newRegistryServer(preloads []string) (*registryServer, error) {
	s := &registryServer{preloads: preloads, names: map[string]bool{}}
	s.mu.Lock()
	if err := s.configure(); err != nil {
		s.mu.Unlock()
		return nil, err
	}
	s.mu.Unlock()
	s.lookup("system")
	return s, nil
}

// A lock handed to a goroutine that unlocks it: the function that took it
// holds it no longer, and may wait to take it again.

type stalled struct {
	mu   sync.Mutex
	busy bool
}

func (s *stalled) stallThenResume(wait func()) {
	s.mu.Lock()
	go func() {
		wait()
		s.mu.Unlock()
	}()
	s.mu.Lock()
	s.busy = false
	s.mu.Unlock()
}

func (s *stalled) stallForever(wait func()) {
	s.mu.Lock()
	go func() {
		wait()
		s.busy = true
	}()
	s.mu.Lock() // want `stallForever blocks forever locking s.mu \(line \d+\): it holds it already`
	s.busy = false
	s.mu.Unlock()
}

// --- A function entered with the lock that unlocks it around slow work
// and takes it back, then sets a flag that another method tests before
// it unlocks: the paths that set the flag and those that do not both
// return holding the caller's lock, as the caller expects (rclone's
// vfscache item). Not reported.

type cacheItem struct {
	mu       sync.Mutex
	modified bool
	info     struct{ dirty bool }
}

// markDirty runs with e.mu held.
func (e *cacheItem) markDirty() {
	if !e.modified {
		e.modified = true
		e.mu.Unlock()
		slowWork()
		e.mu.Lock()
	}
	if !e.info.dirty {
		e.info.dirty = true
		slowWork()
	}
}

func (e *cacheItem) Dirty() {
	e.mu.Lock()
	e.markDirty()
	e.mu.Unlock()
}

func (e *cacheItem) flush() {
	e.mu.Lock()
	if e.info.dirty {
		e.mu.Unlock()
		slowWork()
		return
	}
	e.mu.Unlock()
}

func slowWork() {}
