// Package early returns an error before waiting for the goroutines it
// started.
package early

import (
	"errors"
	"sync"
)

func saveAll(items []string, save func(string)) error {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			save(it)
		}()
		if it == "" {
			return errors.New("empty item")
		}
	}
	wg.Wait()
	return nil
}
