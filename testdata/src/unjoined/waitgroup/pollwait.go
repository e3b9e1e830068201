package waitgroup

import (
	"sync"
	"time"
)

// A select with a default takes a case only if it is ready at once, and a
// timer made for the select, with a positive duration, is not: the
// default, which waits for the goroutines, is the way taken.

func fetchAll(servers []string, fetch func(string) []string) []string {
	var mu sync.Mutex
	var all []string
	var wg sync.WaitGroup
	for _, s := range servers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rs := fetch(s)
			mu.Lock()
			all = append(all, rs...)
			mu.Unlock()
		}()
	}
	select {
	case <-time.After(5 * time.Second):
	default:
		wg.Wait()
	}
	return all
}

// The twin's timer starts before the goroutines do: by the select it may
// have fired, and the function returns without waiting.

func fetchAllSoon(servers []string, fetch func(string) []string) []string {
	var mu sync.Mutex
	var all []string
	var wg sync.WaitGroup
	timeout := time.After(5 * time.Second)
	for _, s := range servers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rs := fetch(s)
			mu.Lock()
			all = append(all, rs...)
			mu.Unlock()
		}()
	}
	select {
	case <-timeout:
	default:
		wg.Wait()
	}
	return all // want `fetchAllSoon returns through <-timeout without waiting for the goroutines wg.Add counts \(line 43\): call wg.Wait first`
}
