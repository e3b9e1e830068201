package skipped

import (
	"errors"
	"io"
	"sync"
)

// A WaitGroup that only waits for its goroutines to start: each calls Done
// before anything else. Returning without its Wait leaves nothing behind
// that the goroutine would not leave anyway (containerd's console copy).
func startBarrier(dst io.Writer, src io.Reader, ready func() bool) error {
	var started sync.WaitGroup
	started.Add(1)
	go func() {
		started.Done()
		io.Copy(dst, src)
	}()
	if !ready() {
		return errors.New("not ready")
	}
	started.Wait()
	return nil
}

// Its bug twin counts the copy itself: the early return leaves it unjoined.
func copyCounted(dst io.Writer, src io.Reader, ready func() bool) error {
	var copied sync.WaitGroup
	copied.Add(1)
	go func() {
		io.Copy(dst, src)
		copied.Done()
	}()
	if !ready() {
		return errors.New("not ready") // want `copyCounted returns without waiting for the goroutines copied\.Add counts \(line 29\): call copied\.Wait first`
	}
	copied.Wait()
	return nil
}
