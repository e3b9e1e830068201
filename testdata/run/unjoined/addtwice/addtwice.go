// Package addtwice starts a closure that counts itself twice.
package addtwice

import "sync"

func both(work func(int)) {
	var wg sync.WaitGroup
	start := func(i int) {
		wg.Add(1)
		defer wg.Done()
		work(i)
	}
	go start(1)
	go start(2)
	wg.Wait()
}
