package locks

import "sync"

// A repository read-locks itself to list its rules. Only a test calls it
// with the read lock held already, on a goroutine of its own where no
// writer can queue between the two read locks (cilium's
// policy.Repository.GetRulesList, called from TestEgressCIDRTCPPort).

type ruleRepo struct {
	mu    sync.RWMutex
	rules []string
}

func (r *ruleRepo) Rules() []string {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return append([]string(nil), r.rules...)
}

func (r *ruleRepo) Add(rule string) {
	r.mu.Lock()
	r.rules = append(r.rules, rule)
	r.mu.Unlock()
}

// Twin: the package's own caller holds the read lock too.

type ruleSet struct {
	mu    sync.RWMutex
	rules []string
}

func (r *ruleSet) rulesLocked() []string {
	r.mu.RLock() // want `rulesLocked can block forever read-locking r\.mu`
	defer r.mu.RUnlock()
	return append([]string(nil), r.rules...)
}

func (r *ruleSet) Count() int {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return len(r.rulesLocked())
}

func (r *ruleSet) Add(rule string) {
	r.mu.Lock()
	r.rules = append(r.rules, rule)
	r.mu.Unlock()
}
