package cross

import "leakedgo/cross/lib"

// A helper of another package that ranges over the channel receives as
// often as it likes: one call of it is not one receive. Collect takes as
// many results as the loop started workers.

func applyAll(work []func() error) error {
	errs := make(chan error)
	n := 0
	for _, w := range work {
		if w == nil {
			continue
		}
		go func() {
			var err error
			defer func() { errs <- err }()
			err = w()
		}()
		n++
	}
	return lib.Collector{N: n}.Collect(errs)
}

// The twin's helper receives once, for any number of workers.

func applyFirst(work []func() error) error {
	errs := make(chan error)
	for _, w := range work {
		go func() { errs <- w() }() // want `goroutines started in a loop block forever sending on errs \(line 31\): applyFirst receives only once before it returns at line 33`
	}
	return lib.First(errs)
}

// The same with a helper of this package, one call further down.

func applyEach(work []func() error) error {
	errs := make(chan error)
	for _, w := range work {
		go func() { errs <- w() }()
	}
	return gather(errs, len(work))
}

func gather(errs <-chan error, n int) error { return collect(errs, n) }

func collect(errs <-chan error, n int) error {
	var first error
	for err := range errs {
		if first == nil {
			first = err
		}
		if n--; n == 0 {
			break
		}
	}
	return first
}
