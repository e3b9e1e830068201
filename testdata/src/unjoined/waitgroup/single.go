package waitgroup

import "sync"

// singleImport's file imports only sync, which the rewrite onto task.Group
// drops while it adds context and task: one edit writes the declaration.
func singleImport(items []string, work func(string) bool) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func() { // want `goroutine can return at line 13 without calling wg.Done`
			if !work(it) {
				return
			}
			wg.Done()
		}()
	}
	wg.Wait()
}
