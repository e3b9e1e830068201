package waitgroup

import "sync"

// --- Done in a callback handed to other code: the Add counts the calls
// that callback will get, which the go statements do not tell.

type peer struct {
	onTrack func(id int)
}

func (p *peer) OnTrack(f func(id int)) { p.onTrack = f }

// Correct: three tracks arrive through the callback, one Done each, and
// the goroutine sends them.
func receiveTracks(p *peer) {
	var wg sync.WaitGroup
	wg.Add(4)
	p.OnTrack(func(id int) {
		defer wg.Done()
	})
	go func() {
		defer wg.Done()
		for i := range 3 {
			p.onTrack(i)
		}
	}()
	wg.Wait()
}

// The bug: no callback, and one goroutine for an Add of two.
func receiveTracksShort(p *peer) {
	var wg sync.WaitGroup
	wg.Add(2) // want `wg.Add\(2\) counts 2 goroutines, but 1 goroutine calling wg.Done is started after it`
	go func() {
		defer wg.Done()
		p.onTrack(0)
	}()
	wg.Wait()
}

// --- Done in a loop: one goroutine calls Done once per result it
// handles, so the Add counts results, not goroutines.

type result struct{ ok bool }

func doneEachResult(results <-chan result, wg *sync.WaitGroup) {
	for r := range results {
		if r.ok {
			wg.Done()
		}
	}
}

// Correct: two calls, two results, one goroutine.
func awaitTwoResults(results chan result) {
	var wg sync.WaitGroup
	wg.Add(2)
	go doneEachResult(results, &wg)
	results <- result{true}
	results <- result{true}
	wg.Wait()
	close(results)
}

// The bug: the helper handles one result and calls Done once.
func doneFirstResult(results <-chan result, wg *sync.WaitGroup) {
	<-results
	wg.Done()
}

func awaitTwoFromOne(results chan result) {
	var wg sync.WaitGroup
	wg.Add(2) // want `wg.Add\(2\) counts 2 goroutines, but 1 goroutine calling wg.Done is started after it`
	go doneFirstResult(results, &wg)
	results <- result{true}
	wg.Wait()
}
