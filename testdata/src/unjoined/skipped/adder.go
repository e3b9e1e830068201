package skipped

import "sync"

// A goroutine that adds to the group for the goroutines it starts, and an
// early return after it: the work left behind is what that goroutine
// counts, so the finding names its go statement, not the Add further on.

func handle(string) {}

func watchAll(events <-chan string, list func() ([]string, error)) error {
	var wg sync.WaitGroup
	go func() {
		for ev := range events {
			wg.Add(1) // want `wg.Add runs on the goroutine started at line 13, concurrently with wg.Wait \(line 33\)`
			go func() {
				defer wg.Done()
				handle(ev)
			}()
		}
	}()
	items, err := list()
	if err != nil {
		return err // want `watchAll returns without waiting for the goroutines wg.Add counts \(line 13\): call wg.Wait first`
	}
	for _, it := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			handle(it)
		}()
	}
	wg.Wait()
	return nil
}
