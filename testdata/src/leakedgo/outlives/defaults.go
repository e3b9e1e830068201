package outlives

import (
	"sync"
	"sync/atomic"
	"time"
)

// A field given a default once before the goroutine starts: Start stores
// it only while it is zero, with a constant that is not, and nothing else
// but the constructor stores it. No later call of Start stores it again,
// so the goroutine's read of it needs no lock.

type keeper struct {
	mu    sync.Mutex
	idle  time.Duration
	name  string
	stop  chan struct{}
	pings int
}

func newKeeper(idle time.Duration) *keeper { return &keeper{idle: idle} }

func (k *keeper) Start() {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.stop != nil {
		return
	}
	if k.idle <= 0 {
		k.idle = 10 * time.Minute
	}
	if "" == k.name {
		k.name = "keeper"
	}
	k.stop = make(chan struct{})
	stop := k.stop
	go func() {
		t := time.NewTicker(k.idle)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				k.ping(k.name)
			}
		}
	}()
}

func (k *keeper) ping(string) {
	k.mu.Lock()
	k.pings++
	k.mu.Unlock()
}

func (k *keeper) Stop() {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.stop != nil {
		close(k.stop)
		k.stop = nil
	}
}

// The twin's Reset zeroes the field, so the next Start stores it again
// while the first goroutine may still read it.

type resetKeeper struct {
	mu   sync.Mutex
	idle time.Duration
	stop chan struct{}
}

func (k *resetKeeper) Start() {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.idle == 0 {
		k.idle = time.Minute
	}
	k.stop = make(chan struct{})
	stop := k.stop
	go func() { // want `goroutine touches k.idle \(line \d+\) without the lock, which Start's defer k.mu.Unlock\(\) releases when it returns`
		t := time.NewTicker(k.idle)
		defer t.Stop()
		select {
		case <-stop:
		case <-t.C:
		}
	}()
}

func (k *resetKeeper) Reset() {
	k.mu.Lock()
	k.idle = 0
	k.mu.Unlock()
}

// A goroutine that its owner's Stop waits for is joined, even when the
// goroutine calls Stop itself as it fails: Stop runs on the owner's
// goroutine too. Its unlocked read of the field races with nothing.

type pinger struct {
	mu      sync.Mutex
	stop    chan struct{}
	running sync.WaitGroup
	pings   atomic.Int64
	send    func() error
}

func (p *pinger) Start() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.stop != nil {
		return
	}
	p.stop = make(chan struct{})
	p.running.Add(1)
	go func() {
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-p.stop:
				p.running.Done()
				return
			case <-t.C:
				if err := p.send(); err != nil {
					p.running.Done()
					p.Stop()
					return
				}
				p.pings.Add(1)
			}
		}
	}()
}

func (p *pinger) Stop() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.stop != nil {
		p.halt()
	}
}

func (p *pinger) halt() {
	close(p.stop)
	p.running.Wait()
	p.stop = nil
}

// The twin's only Wait is in a function that the goroutine alone runs:
// nothing joins it, and Stop clears the field while it may still read it.

type lonePinger struct {
	mu      sync.Mutex
	stop    chan struct{}
	running sync.WaitGroup
	send    func() error
}

func (p *lonePinger) Start() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.stop != nil {
		return
	}
	p.stop = make(chan struct{})
	p.running.Add(1)
	go func() { // want `goroutine touches p.stop \(line \d+\) without the lock, which Start's defer p.mu.Unlock\(\) releases when it returns`
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-p.stop:
				p.running.Done()
				return
			case <-t.C:
				if err := p.send(); err != nil {
					p.running.Done()
					p.drain()
					return
				}
			}
		}
	}()
}

func (p *lonePinger) drain() { p.running.Wait() }

func (p *lonePinger) Stop() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.stop != nil {
		close(p.stop)
		p.stop = nil
	}
}
