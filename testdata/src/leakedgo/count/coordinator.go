package count

import (
	"errors"
	"sync"
)

// A function that hands its channel to a coordinator goroutine, which
// starts one sender per item and closes the channel once they are all
// done, owns those senders as if it had started them: when it receives
// only once, every sender after the first blocks, the coordinator waits
// for them forever, and the close never comes (minio's HealObjects).

func heal(set int, errCh chan<- error) {
	if set < 0 {
		errCh <- errors.New("heal failed")
	}
}

func HealAll(sets []int) error {
	errCh := make(chan error)
	go func() {
		defer close(errCh)
		var wg sync.WaitGroup
		for _, set := range sets {
			wg.Add(1)
			go func() { // want `goroutines started in a loop block forever sending on errCh \(line \d+\): HealAll receives only once before it returns`
				defer wg.Done()
				heal(set, errCh)
			}()
		}
		wg.Wait()
	}()
	return <-errCh
}

// Twins: the owner receives until the coordinator closes the channel,
// or the channel holds a message from every sender.

func scrub(set int, errCh chan<- error) {
	if set < 0 {
		errCh <- errors.New("scrub failed")
	}
}

func ScrubAll(sets []int) error {
	errCh := make(chan error)
	go func() {
		defer close(errCh)
		var wg sync.WaitGroup
		for _, set := range sets {
			wg.Add(1)
			go func() {
				defer wg.Done()
				scrub(set, errCh)
			}()
		}
		wg.Wait()
	}()
	var first error
	for err := range errCh {
		if first == nil {
			first = err
		}
	}
	return first
}

func check(set int, errCh chan<- error) {
	if set < 0 {
		errCh <- errors.New("check failed")
	}
}

func CheckAll(sets []int) error {
	errCh := make(chan error, len(sets))
	go func() {
		defer close(errCh)
		var wg sync.WaitGroup
		for _, set := range sets {
			wg.Add(1)
			go func() {
				defer wg.Done()
				check(set, errCh)
			}()
		}
		wg.Wait()
	}()
	return <-errCh
}
