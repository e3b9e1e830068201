package waitgroup

import (
	"context"
	"sync"
	"time"
)

// A goroutine that ranges over a Ticker's channel leaves only through its
// returns: the range never ends. One whose only return calls Done always
// calls it; one that can return another way does not.

func stress(ctx context.Context, poke func()) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		for range time.NewTicker(time.Millisecond).C {
			select {
			case <-ctx.Done():
				wg.Done()
				return
			default:
			}
			poke()
		}
	}()
	wg.Wait()
}

func stressUntilFailure(ctx context.Context, poke func() error) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // want `goroutine can return at line \d+ without calling wg.Done, and wg.Wait \(line \d+\) then waits forever`
		for range time.NewTicker(time.Millisecond).C {
			select {
			case <-ctx.Done():
				wg.Done()
				return
			default:
			}
			if poke() != nil {
				return
			}
		}
	}()
	wg.Wait()
}
