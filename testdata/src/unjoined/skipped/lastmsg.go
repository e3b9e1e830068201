package skipped

import (
	"io"
	"sync"
	"time"
)

// A return past the last message of the one goroutine a WaitGroup counts
// is past that goroutine's end: it has nothing left to do but its
// deferred Done, and waiting would add nothing (dolt's
// ReadWithMinThroughput returns the read's result as soon as it arrives,
// and waits only when it gives up on a slow reader).

type readResult struct {
	data []byte
	err  error
}

func readWithDeadline(r io.Reader, n int, limit time.Duration) ([]byte, error) {
	results := make(chan readResult, 1)
	defer close(results)
	wg := &sync.WaitGroup{}
	wg.Add(1)
	go func() {
		defer wg.Done()
		buf := make([]byte, n)
		k, err := io.ReadFull(r, buf)
		results <- readResult{buf[:k], err}
	}()
	select {
	case res := <-results:
		return res.data, res.err
	case <-time.After(limit):
	}
	wg.Wait()
	return nil, io.ErrUnexpectedEOF
}

// The twin's goroutine goes on after its message: the return leaves it
// running.
func readWithDeadlineLogged(r io.Reader, n int, limit time.Duration, log func(string)) ([]byte, error) {
	results := make(chan readResult, 1)
	defer close(results)
	wg := &sync.WaitGroup{}
	wg.Add(1)
	go func() {
		defer wg.Done()
		buf := make([]byte, n)
		k, err := io.ReadFull(r, buf)
		results <- readResult{buf[:k], err}
		log("read done")
	}()
	select {
	case res := <-results:
		return res.data, res.err // want `readWithDeadlineLogged returns through <-results without waiting for the goroutines wg\.Add counts`
	case <-time.After(limit):
	}
	wg.Wait()
	return nil, io.ErrUnexpectedEOF
}
