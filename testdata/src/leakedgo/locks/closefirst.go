package locks

import "sync"

// Correct: Close closes the channel itself before it ranges over it, so
// the range drains what is buffered and ends; the lock it holds stands
// in nobody's way.

type connPool struct {
	mu     sync.Mutex
	conns  chan int
	closed bool
}

func newConnPool() *connPool { return &connPool{conns: make(chan int, 8)} }

func (p *connPool) Put(c int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return
	}
	select {
	case p.conns <- c:
	default:
	}
}

func (p *connPool) Close() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.closed = true
	close(p.conns)
	for c := range p.conns {
		_ = c
	}
}

// The same range with the close left to another method, which needs the
// lock the range holds: reported.

type leakyPool struct {
	mu    sync.Mutex
	conns chan int
}

func newLeakyPool() *leakyPool { return &leakyPool{conns: make(chan int, 8)} }

func (p *leakyPool) Put(c int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	select {
	case p.conns <- c:
	default:
	}
}

func (p *leakyPool) Drain() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for c := range p.conns { // want `Drain blocks forever in its range over p\.conns`
		_ = c
	}
}

func (p *leakyPool) Close() {
	p.mu.Lock()
	defer p.mu.Unlock()
	close(p.conns)
}
