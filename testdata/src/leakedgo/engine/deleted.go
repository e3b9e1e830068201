package engine

import "sync"

// A subscriber registry whose cancel removes the subscriber from a map
// with delete: delete only looks its key up, so the subscriber's channels
// do not go anywhere the package cannot see. Cancel closes the
// subscriber's done channel but never the channel its reader ranges over
// (moby's networkdb watch, 6d768ef7).

type subscriber struct {
	events chan string
	done   chan struct{}
	once   sync.Once
}

func (s *subscriber) send(e string) {
	select {
	case s.events <- e:
	case <-s.done:
	}
}

func (s *subscriber) stop() { s.once.Do(func() { close(s.done) }) }

type hub struct {
	mu   sync.Mutex
	subs map[*subscriber]bool
}

func (h *hub) subscribe() (<-chan string, func()) {
	s := &subscriber{events: make(chan string), done: make(chan struct{})}
	h.mu.Lock()
	h.subs[s] = true
	h.mu.Unlock()
	return s.events, func() {
		h.mu.Lock()
		delete(h.subs, s)
		h.mu.Unlock()
		s.stop()
	}
}

func (h *hub) publish(e string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for s := range h.subs {
		s.send(e)
	}
}

type tableWatcher struct {
	seen    int
	cancels []func()
}

func (w *tableWatcher) watch(h *hub) {
	events, cancel := h.subscribe()
	w.cancels = append(w.cancels, cancel)
	go w.consume(events) // want `goroutine never returns: its loop \(line \d+\) has no way out`
}

func (w *tableWatcher) unwatch() {
	for _, cancel := range w.cancels {
		cancel()
	}
}

func (w *tableWatcher) consume(events <-chan string) {
	for range events {
		w.seen++
	}
}

// The twin's cancel closes the channel its reader ranges over, after
// taking the subscriber out under the lock that publish holds.

type closingSubscriber struct{ events chan string }

type closingHub struct {
	mu   sync.Mutex
	subs map[*closingSubscriber]bool
}

func (h *closingHub) subscribe() (<-chan string, func()) {
	s := &closingSubscriber{events: make(chan string)}
	h.mu.Lock()
	h.subs[s] = true
	h.mu.Unlock()
	return s.events, func() {
		h.mu.Lock()
		delete(h.subs, s)
		h.mu.Unlock()
		close(s.events)
	}
}

func (h *closingHub) publish(e string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for s := range h.subs {
		s.events <- e
	}
}

type closingWatcher struct {
	seen    int
	cancels []func()
}

func (w *closingWatcher) watch(h *closingHub) {
	events, cancel := h.subscribe()
	w.cancels = append(w.cancels, cancel)
	go w.consume(events)
}

func (w *closingWatcher) unwatch() {
	for _, cancel := range w.cancels {
		cancel()
	}
}

func (w *closingWatcher) consume(events <-chan string) {
	for range events {
		w.seen++
	}
}
