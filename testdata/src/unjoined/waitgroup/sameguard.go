package waitgroup

import "sync"

// A goroutine whose Done runs under the same test of a captured value as
// the spawner's Add: it calls Done exactly when it was counted. Neither
// the nil test nor the bool is reported; a goroutine that tests the other
// way, or a value the Add did not depend on, is.

type session struct {
	mu      sync.Mutex
	pending sync.WaitGroup
	onEvent func(string) string
	cancel  func()
}

func (s *session) dispatch(ev string, reply func(string)) {
	s.mu.Lock()
	handler := s.onEvent
	cancel := s.cancel
	if cancel != nil && handler != nil {
		s.pending.Add(1)
	}
	s.mu.Unlock()
	if handler == nil {
		return
	}
	go func() {
		if cancel != nil {
			defer s.pending.Done()
		}
		reply(handler(ev))
	}()
}

func (s *session) close() {
	s.pending.Wait()
}

type batcher struct {
	inflight sync.WaitGroup
	flush    func([]string)
}

func (b *batcher) submit(items []string, tracked bool) {
	if tracked {
		b.inflight.Add(1)
	}
	go func() {
		if tracked {
			defer b.inflight.Done()
		}
		b.flush(items)
	}()
}

func (b *batcher) drain() { b.inflight.Wait() }

// The twins: the goroutine's test is not the one the Add was made under.

type looseSession struct {
	pending sync.WaitGroup
	cancel  func()
}

func (s *looseSession) dispatch(ev string, verbose bool, reply func(string)) {
	cancel := s.cancel
	if cancel != nil {
		s.pending.Add(1)
	}
	go func() { // want `goroutine can return at line \d+ without calling s.pending.Done, and s.pending.Wait \(line \d+\) then waits forever`
		if verbose {
			defer s.pending.Done()
		}
		reply(ev)
	}()
}

func (s *looseSession) close() { s.pending.Wait() }
