package locks

import "testing"

func TestRulesUnderLock(t *testing.T) {
	r := &ruleRepo{}
	r.Add("allow")
	r.mu.RLock()
	defer r.mu.RUnlock()
	if len(r.Rules()) != 1 {
		t.Fatal("want one rule")
	}
}

// A test's call without the lock does not excuse the package's own.
func TestRulesLocked(t *testing.T) {
	r := &ruleSet{}
	r.Add("deny")
	if len(r.rulesLocked()) != 1 {
		t.Fatal("want one rule")
	}
}
