// Package together has two fan-outs whose only fix is the rewrite onto
// task.Group: each fix alone keeps "sync" for the other's WaitGroup, and
// structlint -fix, merging both, must drop it.
package together

import "sync"

func process(s string) {}

func first(items []string, n int) {
	var wg sync.WaitGroup
	for _, it := range items {
		go func() {
			wg.Add(n) // want `wg.Add runs inside the goroutine it counts`
			defer wg.Done()
			process(it)
		}()
	}
	wg.Wait()
}

func second(items []string, n int) {
	var wg sync.WaitGroup
	for _, it := range items {
		go func() {
			wg.Add(n) // want `wg.Add runs inside the goroutine it counts`
			defer wg.Done()
			process(it)
		}()
	}
	wg.Wait()
}
