package locks

import "sync"

// --- A goroutine started to serve wake-ups takes its owner's lock after
// each one. Its starter, called with that lock held, sends the first
// wake-up: the goroutine is on its way to its first receive, which it
// reaches without the lock, so the send goes through.

type beater struct {
	mu    sync.Mutex
	beats int
}

func (b *beater) init() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.start()
}

func (b *beater) start() {
	wake := make(chan struct{})
	go func() {
		for range wake {
			b.mu.Lock()
			b.beats++
			b.mu.Unlock()
		}
	}()
	wake <- struct{}{}
	close(wake)
}

// The second wake-up may find it past the first, waiting for the lock its
// starter's caller holds.

type pulser struct {
	mu     sync.Mutex
	pulses int
}

func (p *pulser) init() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.start()
}

func (p *pulser) start() {
	wake := make(chan struct{})
	go func() {
		for range wake {
			p.mu.Lock()
			p.pulses++
			p.mu.Unlock()
		}
	}()
	wake <- struct{}{}
	wake <- struct{}{} // want `start blocks forever sending on wake \(line \d+\) while its callers hold p\.mu`
	close(wake)
}
