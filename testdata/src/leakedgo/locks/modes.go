package locks

import "sync"

// Correct: a lock taken only when an option of the call says the caller
// does not hold it (by value and by pointer), and only in a mode of the
// receiver that its locked caller never comes to call it in.

type renameOpts struct {
	AlreadyLocked bool
	Name          string
}

func (c *cache) rename(opts renameOpts) {
	if !opts.AlreadyLocked {
		c.mu.Lock()
		defer c.mu.Unlock()
	}
	c.m["name"] = opts.Name
}

func (c *cache) relabel(opts *renameOpts) {
	if !opts.AlreadyLocked {
		c.mu.Lock()
		defer c.mu.Unlock()
	}
	c.m["label"] = opts.Name
}

func (c *cache) Create(name string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.rename(renameOpts{AlreadyLocked: true, Name: name})
	c.relabel(&renameOpts{AlreadyLocked: true, Name: name})
}

type podScraper struct {
	mu        sync.Mutex
	nodeScope bool
	pods      map[string]int
}

func (s *podScraper) register(name string) {
	if !s.nodeScope {
		s.mu.Lock()
		defer s.mu.Unlock()
	}
	s.pods[name]++
}

func (s *podScraper) ScrapeNode(names []string) {
	if !s.nodeScope {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, n := range names {
		s.register(n)
	}
}

// A flag of the package, not of a parameter: the locked caller is reported.

var verbose bool

func (s *podScraper) note(name string) {
	if verbose {
		s.mu.Lock()
		defer s.mu.Unlock()
	}
	s.pods[name] = 0
}

func (s *podScraper) Reset(names []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, n := range names {
		s.note(n) // want `Reset blocks forever in its call of note`
	}
}

func (s *podScraper) Note(name string) { s.note(name) }

// Callers that do not hold the lock: without them, a finding would be
// given in the locking functions, with them at the locked callers.

func (s *podScraper) Register(name string) { s.register(name) }

func (c *cache) Rename(name string) { c.rename(renameOpts{Name: name}) }
