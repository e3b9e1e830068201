package locks

import "sync"

// A send that always finds room does not block, whoever holds what: the
// buffer has n+1 slots and the loop counts from n down to 0, or from
// len(xs)-1 down, so it sends as many values as the buffer holds (vault's
// activity log, which sends segment numbers to its loader while it holds
// the log's lock).

type segLog struct {
	mu   sync.Mutex
	seen int
}

func (s *segLog) load(seg uint64) {
	s.mu.Lock()
	s.seen += int(seg)
	s.mu.Unlock()
}

func (s *segLog) loader(wg *sync.WaitGroup, segs <-chan uint64) {
	defer wg.Done()
	for seg := range segs {
		s.load(seg)
	}
}

func (s *segLog) refresh(wg *sync.WaitGroup, last uint64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if last == 0 {
		return
	}
	last--
	segs := make(chan uint64, last+1)
	wg.Add(1)
	go s.loader(wg, segs)
	for n := int(last); n >= 0; n-- {
		segs <- uint64(n)
	}
	close(segs)
}

func (s *segLog) replay(wg *sync.WaitGroup, names []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	segs := make(chan uint64, len(names))
	wg.Add(1)
	go s.loader(wg, segs)
	for i := len(names) - 1; i >= 0; i-- {
		segs <- uint64(i)
	}
	close(segs)
}

// The bug twin: one slot short, so the last send waits for the loader,
// which waits for the lock.
func (s *segLog) refreshShort(wg *sync.WaitGroup, last uint64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	segs := make(chan uint64, last)
	wg.Add(1)
	go s.loader(wg, segs)
	for n := int(last); n >= 0; n-- {
		segs <- uint64(n) // want `refreshShort blocks forever sending on segs \(line \d+\) while it holds s\.mu`
	}
	close(segs)
}
