package fields

import "sync"

// A source restarts its reader: each restart first waits for the previous
// reader to finish, then counts the new one in wg and starts it. When it
// cannot start the reader, the restart settles its own Add with Done; that
// Done does not make the restart a goroutine wg counts, so its early return
// before the Add leaves nothing undone.
type source struct {
	mu      sync.Mutex
	wg      sync.WaitGroup
	closed  bool
	start   func(func()) bool
	restart chan struct{}
}

func (s *source) restartReader() {
	go func() {
		s.mu.Lock()
		if s.closed {
			s.mu.Unlock()
			return
		}
		s.mu.Unlock()
		s.wg.Wait()
		s.wg.Add(1)
		if !s.start(s.read) {
			s.wg.Done()
		}
	}()
}

func (s *source) read() {
	defer s.wg.Done()
	<-s.restart
}

// A restart that counts nothing of its own and calls Done is the reader
// itself, started by someone else's Add: its early return is reported.
func (s *source) readOnce() {
	s.wg.Add(1)
	go func() { // want `goroutine can return at line \d+ without calling s.wg.Done, and s.wg.Wait \(line \d+\) then waits forever`
		if s.closed {
			return
		}
		s.wg.Done()
	}()
}
