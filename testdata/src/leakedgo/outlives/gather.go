package outlives

import (
	"errors"
	"io"
	"os"
)

// A loop that receives the result of each goroutine it started, one per
// turn of a select over their channels, has received them all when it
// ends: the goroutines are done with the files before the deferred
// Closes run. So is one that counts its receipts down.

func copyBoth(src string, upload, cache func(*os.File) error) error {
	a, err := os.Open(src)
	if err != nil {
		return err
	}
	defer a.Close()
	b, err := os.Open(src)
	if err != nil {
		return err
	}
	defer b.Close()
	uploaded := make(chan error, 1)
	cached := make(chan error, 1)
	go func() { uploaded <- upload(a) }()
	go func() { cached <- cache(b) }()
	var errs []error
	for i := 0; i < 2; i++ {
		select {
		case err := <-uploaded:
			errs = append(errs, err)
		case err := <-cached:
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

func mirror(src string, left, right func(*os.File) error) error {
	l, err := os.Open(src)
	if err != nil {
		return err
	}
	defer l.Close()
	r, err := os.Open(src)
	if err != nil {
		return err
	}
	defer r.Close()
	leftDone, rightDone := make(chan error, 1), make(chan error, 1)
	go func() { leftDone <- left(l) }()
	go func() { rightDone <- right(r) }()
	var first error
	for pending := 2; pending > 0; pending-- {
		var err error
		select {
		case err = <-leftDone:
		case err = <-rightDone:
		}
		if first == nil {
			first = err
		}
	}
	return first
}

// A near miss returns on the first failure, while the other goroutine may
// still read its file: it hands its result back, and the spawner, which
// takes it on the other ways, no longer wants it. Closing the file stops
// the work, as a deferred cancel would (reported in strict mode only).

func copyEither(src string, upload, cache func(*os.File) error) error {
	a, err := os.Open(src)
	if err != nil {
		return err
	}
	defer a.Close()
	b, err := os.Open(src)
	if err != nil {
		return err
	}
	defer b.Close()
	uploaded := make(chan error, 1)
	cached := make(chan error, 1)
	go func() { uploaded <- upload(a) }() // reported in strict mode only
	go func() { cached <- cache(b) }()    // reported in strict mode only
	for i := 0; i < 2; i++ {
		select {
		case err := <-uploaded:
			if err != nil {
				return err
			}
		case err := <-cached:
			if err != nil {
				return err
			}
		}
	}
	return nil
}

// The twin never takes what its goroutines give back: it returns when the
// command ends, and its deferred Closes cut the copies short, losing the
// tail of the output (a pty copier).
func copyTTY(out io.WriteCloser, run func() error, src string) error {
	p, err := os.Open(src)
	if err != nil {
		return err
	}
	defer p.Close()
	var copyErr error
	go func() { _, copyErr = io.Copy(out, p) }() // want `goroutine may still use p \(line \d+\) after copyTTY returns and its defer p.Close\(\) closes it`
	err = run()
	if copyErr != nil {
		return copyErr
	}
	return err
}
