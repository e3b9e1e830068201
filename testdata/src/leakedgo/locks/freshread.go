package locks

import "sync"

// A read lock taken twice blocks only if a Lock comes in between, from
// another goroutine. A method that runs only on values its callers have
// just made (allocated, or got fresh from a constructor) locks a value no
// other goroutine has yet (dgraph's List.calculateUids, run on a list
// ReadPostingList has just read from disk, before it is cached).

type postings struct {
	sync.RWMutex
	uids []uint64
	sum  int
}

func (p *postings) approxLen() int {
	p.RLock()
	defer p.RUnlock()
	return len(p.uids)
}

func (p *postings) calculate() {
	p.RLock()
	n := p.approxLen()
	p.RUnlock()
	p.Lock()
	p.sum = n
	p.Unlock()
}

func readPostings(uids []uint64) (*postings, error) {
	p := new(postings)
	p.uids = append(p.uids, uids...)
	return p, nil
}

func readFromDisk(uids []uint64) (*postings, error) {
	p, err := readPostings(uids)
	if err != nil {
		return nil, err
	}
	p.calculate()
	return p, nil
}

func readLocal(uids []uint64) *postings {
	p := &postings{uids: uids}
	p.calculate()
	return p
}

// Twin: the same recursion on a value kept where every goroutine finds
// it, which a writer locks.

type postingCache struct{ cache map[string]*postings }

func (s *postingCache) recount(key string) {
	s.cache[key].count()
}

func (p *postings) size() int {
	p.RLock() // want `size can block forever read-locking p \(line \d+\): its callers hold a read lock on it already \(count read-locks it`
	defer p.RUnlock()
	return len(p.uids)
}

func (p *postings) count() {
	p.RLock()
	n := p.size()
	p.RUnlock()
	p.Lock()
	p.sum = n
	p.Unlock()
}

// A constructor with a deferred call returns through its result variable,
// and one whose closure captures the value keeps it in a variable of its
// own: what it returns is still fresh.
func readLogged(uids []uint64, log func(int)) (*postings, error) {
	p := new(postings)
	defer func() { log(len(uids)) }()
	for _, u := range uids {
		func() { p.uids = append(p.uids, u) }()
	}
	if len(p.uids) == 0 {
		return nil, nil
	}
	return p, nil
}

func (p *postings) width() int {
	p.RLock() // want `width can block forever read-locking p \(line \d+\): its callers hold a read lock on it already \(Report read-locks it`
	defer p.RUnlock()
	return len(p.uids)
}

func (p *postings) measure() {
	p.RLock()
	n := p.width()
	p.RUnlock()
	p.Lock()
	p.sum = n
	p.Unlock()
}

func readMeasured(uids []uint64) *postings {
	p, _ := readLogged(uids, func(int) {})
	if p != nil {
		p.measure()
	}
	return p
}

// Report read-locks a cached value and calls width with the lock held:
// the finding names it, not measure, which runs on fresh values only.
func (s *postingCache) Report(key string) int {
	p := s.cache[key]
	p.RLock()
	defer p.RUnlock()
	return p.width()
}
