package outlives

import (
	"os"
	"os/signal"
	"sync"
	"syscall"
)

// A setup step that only its constructor runs, on the value it has just
// made, stores a field under the lock and starts a goroutine that reads
// it: no other call of the step can change the field while the goroutine
// reads it, and the go statement orders the store before the read.

type reloader struct {
	mu      sync.Mutex
	sigs    chan os.Signal
	entries map[string]string
}

func newReloader(load func() map[string]string) *reloader {
	r := &reloader{entries: load()}
	r.watch(load)
	return r
}

func (r *reloader) watch(load func() map[string]string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.sigs = make(chan os.Signal, 1)
	signal.Notify(r.sigs, syscall.SIGHUP)
	go func() {
		for range r.sigs {
			r.reload(load)
		}
	}()
}

func (r *reloader) reload(load func() map[string]string) {
	e := load()
	r.mu.Lock()
	r.entries = e
	r.mu.Unlock()
}

// The twin's step is a method anyone can call again: a second call
// replaces the field while the first goroutine reads it.

type openReloader struct {
	mu      sync.Mutex
	sigs    chan os.Signal
	entries map[string]string
}

func (r *openReloader) Watch(load func() map[string]string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.sigs = make(chan os.Signal, 1)
	signal.Notify(r.sigs, syscall.SIGHUP)
	go func() { // want `goroutine touches r.sigs \(line 61\) without the lock, which Watch's defer r.mu.Unlock\(\) releases when it returns`
		for range r.sigs {
			r.reload(load)
		}
	}()
}

func (r *openReloader) reload(load func() map[string]string) {
	e := load()
	r.mu.Lock()
	r.entries = e
	r.mu.Unlock()
}
