package waitgroup

import (
	"fmt"
	"sync"
)

// onlySync is the file's only use of package sync.
func onlySync(items []string) error {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func() { // want `goroutine can return at line 15 without calling wg.Done`
			if it == "" {
				return
			}
			fmt.Println(it)
			wg.Done()
		}()
	}
	wg.Wait()
	return nil
}
