package engine

import "sync"

// A Stop that sends its stop only while the loop runs, and marks it
// stopped after: a second Stop returns early, until Start runs another
// loop.

type watchdog struct {
	mu      sync.Mutex
	running bool
	stop    chan struct{}
	done    chan struct{}
	tick    func()
}

func (w *watchdog) Start() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.running {
		return
	}
	w.stop, w.done = make(chan struct{}), make(chan struct{})
	w.running = true
	go w.loop(w.stop, w.done)
}

func (w *watchdog) loop(stop, done chan struct{}) {
	defer close(done)
	for {
		select {
		case <-stop:
			return
		default:
			w.tick()
		}
	}
}

func (w *watchdog) Stop() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.running {
		return
	}
	w.stop <- struct{}{}
	<-w.done
	w.running = false
}

// The same Stop that never marks the loop stopped: a second Stop sends to
// a loop that has returned.

type monitor struct {
	mu      sync.Mutex
	running bool
	stop    chan struct{}
	done    chan struct{}
	tick    func()
}

func (w *monitor) Start() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.running {
		return
	}
	w.stop, w.done = make(chan struct{}), make(chan struct{})
	w.running = true
	go w.loop(w.stop, w.done)
}

func (w *monitor) loop(stop, done chan struct{}) {
	defer close(done)
	for {
		select {
		case <-stop:
			return
		default:
			w.tick()
		}
	}
}

func (w *monitor) Stop() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.running {
		return
	}
	w.stop <- struct{}{} // want `Stop blocks forever sending on w\.stop \(line \d+\) when the goroutine receiving from it \(line \d+\) returns at line \d+`
	<-w.done
}
