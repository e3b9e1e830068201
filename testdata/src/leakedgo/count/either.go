package count

import (
	"context"
	"errors"
)

// Goroutines that each answer once, with a result on one channel or a
// failure on another, counted as they start: the function returns early
// only when the count says none was started, and otherwise receives until
// it is back to zero. No goroutine is left sending.

type dialer func(ctx context.Context) (string, error)

func dialFirst(ctx context.Context, dialers []dialer) (string, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	ready := make(chan string)
	failed := make(chan error)
	started := 0
	for _, d := range dialers {
		started++
		go func() {
			conn, err := d(ctx)
			if err != nil {
				failed <- err
				return
			}
			ready <- conn
		}()
	}
	if started == 0 {
		return "", errors.New("no dialers")
	}
	var first string
	var errs []error
	for started > 0 {
		select {
		case conn := <-ready:
			started--
			if first == "" {
				first = conn
				cancel()
			}
		case err := <-failed:
			started--
			errs = append(errs, err)
		}
	}
	if first == "" {
		return "", errors.Join(errs...)
	}
	return first, nil
}

// The twin returns on the first answer: the others are left sending.

func dialAny(ctx context.Context, dialers []dialer) (string, error) {
	ready := make(chan string)
	failed := make(chan error)
	started := 0
	for _, d := range dialers {
		started++
		go func() { // want `goroutines started in a loop block forever sending on ready \(line \d+\): dialAny receives only once before it returns at line \d+`
			conn, err := d(ctx)
			if err != nil {
				failed <- err
				return
			}
			ready <- conn
		}()
	}
	if started == 0 {
		return "", errors.New("no dialers")
	}
	select {
	case conn := <-ready:
		return conn, nil
	case err := <-failed:
		return "", err
	}
}
