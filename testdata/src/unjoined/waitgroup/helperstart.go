package waitgroup

import "sync"

// A helper that may return without starting the function it was given
// (a server that is shutting down refuses new goroutines) leaves an Add
// made for that goroutine uncounted down, unless its caller reads the
// answer and calls Done itself.

type server struct {
	mu      sync.Mutex
	running bool
}

func (s *server) startGoroutine(f func()) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.running {
		return false
	}
	go f()
	return true
}

func flushAll(s *server, flush func()) {
	var wg sync.WaitGroup
	wg.Add(1) // want `wg.Add\(1\) counts the goroutine \(\*server\).startGoroutine starts \(line \d+\), which can return without starting it: wg.Wait \(line \d+\) then blocks forever; call wg.Done when it does not start it`
	s.startGoroutine(func() {
		defer wg.Done()
		flush()
	})
	wg.Wait()
}

// The twin reads the answer.
func flushAllChecked(s *server, flush func()) {
	var wg sync.WaitGroup
	wg.Add(1)
	if !s.startGoroutine(func() {
		defer wg.Done()
		flush()
	}) {
		wg.Done()
	}
	wg.Wait()
}
