// Package lockorder holds a lock-order inversion, which leakedgo reports
// only with -leakedgo.lockorder (the locks fixtures pin the finding).
package lockorder

import "sync"

type ledger struct {
	mu    sync.Mutex
	acct  *account
	total int
}

type account struct {
	mu      sync.Mutex
	balance int
	ledger  *ledger
}

func (l *ledger) Record(n int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.acct.mu.Lock()
	l.acct.balance += n
	l.acct.mu.Unlock()
	l.total += n
}

func (a *account) Audit() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.ledger.mu.Lock()
	defer a.ledger.mu.Unlock()
	return a.ledger.total - a.balance
}
