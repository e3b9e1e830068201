// Package skipdone has a goroutine that returns without Done, so Wait
// waits forever.
package skipdone

import (
	"sync"
	"time"
)

func saveAll(items []string, save func(string)) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func() {
			if it == "" {
				return
			}
			time.Sleep(time.Second)
			save(it)
			wg.Done()
		}()
	}
	wg.Wait()
}
