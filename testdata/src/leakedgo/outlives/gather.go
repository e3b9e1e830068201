package outlives

import (
	"errors"
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

// The twin returns on the first failure, while the other goroutine may
// still read its file.

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
	go func() { uploaded <- upload(a) }() // want `goroutine may still use a \(line \d+\) after copyEither returns and its defer a.Close\(\) closes it`
	go func() { cached <- cache(b) }()    // want `goroutine may still use b \(line \d+\) after copyEither returns and its defer b.Close\(\) closes it`
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
