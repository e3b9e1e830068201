package skipped

import (
	"errors"
	"iter"
	"sync"
)

// Work started in the body of a range over a function: the body is a
// closure the iterator calls, and a return from it returns from the
// function around the loop, past the Wait.

func mirrorAll(refs iter.Seq2[string, error], mirror func(string)) error {
	var wg sync.WaitGroup
	for ref, err := range refs {
		if err != nil {
			return errors.New("listing failed") // want `mirrorAll returns without waiting for the goroutines wg.Add counts`
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			mirror(ref)
		}()
	}
	wg.Wait()
	return nil
}
