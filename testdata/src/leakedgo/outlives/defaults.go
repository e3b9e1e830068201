package outlives

import (
	"sync"
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
