package locks

import "sync"

// --- A one-shot event fired through sync.Once, on a goroutine that takes
// the lock its closer holds.
//
// Fire is exported, but outside code never gets an event: only the
// package calls it. The literal Once.Do runs, which closes the channel,
// runs on Fire's caller's goroutine, the watcher's.

type oneShot struct {
	once sync.Once
	c    chan struct{}
}

func newOneShot() *oneShot { return &oneShot{c: make(chan struct{})} }

func (e *oneShot) Fire() { e.once.Do(func() { close(e.c) }) }

func (e *oneShot) Done() <-chan struct{} { return e.c }

type balancerWrapper struct {
	conn   *subConnPool
	remove chan int
	closed *oneShot
	done   *oneShot
}

func newBalancerWrapper(p *subConnPool) *balancerWrapper {
	w := &balancerWrapper{conn: p, remove: make(chan int), closed: newOneShot(), done: newOneShot()}
	go w.watcher()
	return w
}

func (w *balancerWrapper) watcher() {
	for {
		select {
		case id := <-w.remove:
			w.conn.drop(id)
		case <-w.closed.Done():
			w.done.Fire()
			return
		}
	}
}

func (w *balancerWrapper) close() {
	w.closed.Fire()
	<-w.done.Done()
}

// Remove is how the balancer gives a connection back: the watcher takes
// it in its own time.
func (w *balancerWrapper) Remove(id int) {
	select {
	case w.remove <- id:
	case <-w.closed.Done():
	}
}

type subConnPool struct {
	mu    sync.Mutex
	conns map[int]bool
	w     *balancerWrapper
}

func (p *subConnPool) drop(id int) {
	p.mu.Lock()
	delete(p.conns, id)
	p.mu.Unlock()
}

func (p *subConnPool) Switch() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.w != nil {
		p.w.close() // want `Switch blocks forever in its call of close \(line 78\), which waits receiving from w\.done\.Done\(\) \(line 50\) while it holds p\.mu \(locked at line 75\): the goroutine that closes it \(watcher, in Fire, line 19\) takes p\.mu first \(in drop, line 69\)`
	}
	p.w = newBalancerWrapper(p)
}

// The twin: the old wrapper is closed after the lock is released.
func (p *subConnPool) SwitchUnlocked() {
	p.mu.Lock()
	old := p.w
	p.w = nil
	p.mu.Unlock()
	if old != nil {
		old.close()
	}
	p.mu.Lock()
	p.w = newBalancerWrapper(p)
	p.mu.Unlock()
}

// Balancers come from outside the package and are handed the pool. The
// pool's wrapper, and the wrapper's events, sit in unexported fields:
// outside code reaches them only through the pool's methods, so the
// finding above holds however far the pool goes.

type Conns interface{ Remove(id int) }

type Balancer interface{ Attach(c Conns) }

func (p *subConnPool) Remove(id int) { p.drop(id) }

func (p *subConnPool) Register(b Balancer) { b.Attach(p) }
