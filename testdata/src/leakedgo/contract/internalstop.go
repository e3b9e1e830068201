package contract

import "leakedgo/contract/worker"

// Correct: the pool's janitor ends when the pool shuts itself down;
// nothing here could call the unexported shutdown.
func startPool(keys []string) {
	p := worker.NewPool()
	p.Start()
	for range keys {
		p.Touch(false)
	}
	p.Touch(true)
}

// Correct: Insert's digest goroutines are started and abandoned inside
// the call.
func insertAll(blocks []int) []int {
	c := &worker.Chain{}
	c.Insert(blocks)
	return blocks
}

// Ledger's side path starts a digest it never abandons.
func insertLedger(blocks []int) []int {
	l := &worker.Ledger{}
	l.Insert(blocks) // want `l\.Insert starts a goroutine that only l\.Process ends, but insertLedger returns at line \d+ without calling it`
	return blocks
}
