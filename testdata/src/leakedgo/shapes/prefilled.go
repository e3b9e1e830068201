package shapes

import "sync"

// ydb-go-sdk's CacheMessages: the queue is filled and closed before the
// workers start, so their range loops end once it is drained.
func filledThenClosed(items []string, workers int) {
	tasks := make(chan string, len(items))
	for _, it := range items {
		tasks <- it
	}
	close(tasks)
	var wg sync.WaitGroup
	wg.Add(workers)
	for range workers {
		go func() {
			defer wg.Done()
			for t := range tasks {
				_ = t
			}
		}()
	}
	wg.Wait()
}
