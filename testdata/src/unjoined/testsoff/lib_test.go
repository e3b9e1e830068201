package tests

import (
	"sync"
	"testing"
)

func TestWorkers(t *testing.T) {
	var wg sync.WaitGroup
	for range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
		}()
	}
	if testing.Short() {
		return
	}
	wg.Wait()
}
