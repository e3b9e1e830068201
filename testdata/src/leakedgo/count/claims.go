package count

import (
	"errors"
	"sync"
	"sync/atomic"
)

// Workers claim the elements of a slice one index at a time from an
// atomic counter and stop once the claim passes the end, so however many
// workers there are, they send at most len(names) results: a buffer of
// len(names) holds them all when the reader stops at the first error
// (mimir's label-values cardinality).

type result struct {
	name string
	err  error
}

func count(string) error { return nil }

func countAll(names []string, workers int) error {
	results := make(chan result, len(names))
	var next atomic.Int64
	for range workers {
		go func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(names) {
					return
				}
				results <- result{names[i], count(names[i])}
			}
		}()
	}
	for range names {
		if r := <-results; r.err != nil {
			return r.err
		}
	}
	return nil
}

// Other names, the counter as a plain integer that atomic.AddInt64
// increments, and the test the other way round.

func measureAll(ids []int) error {
	errs := make(chan error, len(ids))
	var claimed int64
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				k := atomic.AddInt64(&claimed, 1) - 1
				if int(k) < len(ids) {
					errs <- nil
					continue
				}
				return
			}
		}()
	}
	if len(ids) > 0 {
		return <-errs
	}
	return nil
}

// Near miss: the counter is reset, so indexes repeat and the workers can
// send more than the buffer holds.

func countReset(names []string, workers int) error {
	results := make(chan result, len(names))
	var next atomic.Int64
	for range workers {
		go func() { // want `goroutine blocks forever sending on results \(line 85\) when countReset returns at line 91`
			for {
				i := int(next.Add(1)) - 1
				if i >= len(names) {
					next.Store(0)
					return
				}
				results <- result{names[i], count(names[i])}
			}
		}()
	}
	for range names {
		if r := <-results; r.err != nil {
			return r.err
		}
	}
	return errors.New("done")
}

// Near miss: the claim is tested against a bound the buffer does not
// cover.

func countShort(names []string, workers int) error {
	results := make(chan result, len(names)-1)
	var next atomic.Int64
	for range workers {
		go func() { // want `goroutine blocks forever sending on results \(line 110\) when countShort returns at line 116`
			for {
				i := int(next.Add(1)) - 1
				if i >= len(names) {
					return
				}
				results <- result{names[i], count(names[i])}
			}
		}()
	}
	for range names {
		if r := <-results; r.err != nil {
			return r.err
		}
	}
	return nil
}
