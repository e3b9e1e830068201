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
