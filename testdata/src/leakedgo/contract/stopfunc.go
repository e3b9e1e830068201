package contract

import "sync"

// A method that hands back the function that stops what it starts: its
// callers stop it through that function, or through the notifier's own
// end, which closes every listener's channel. (The defer makes go/ssa
// return the closure through a cell.)
type notifier struct {
	mu        sync.Mutex
	listeners []chan func()
	events    chan func()
}

func (s *notifier) AddListener(f func()) (stop func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	events := make(chan func(), 4)
	s.listeners = append(s.listeners, events)
	quit := make(chan struct{})
	go func() {
		for {
			select {
			case ev, ok := <-events:
				if !ok {
					return
				}
				ev()
			case <-quit:
				return
			}
		}
	}()
	return func() { close(quit) }
}

func (s *notifier) end() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, l := range s.listeners {
		close(l)
	}
}

func (s *notifier) Stop() { s.end() }

func newNotifier() *notifier { return &notifier{} }

func listensBriefly(f func()) {
	s := newNotifier()
	stop := s.AddListener(f)
	stop()
}

func listensUntilEnd(f func()) {
	s := newNotifier()
	s.AddListener(f)
	s.Stop()
}
