package engine

import (
	"context"
	"errors"
	"time"
)

// pull starts one goroutine per round, with channels of that round: it
// sends its messages on one or its error on the other, never both, and
// pull takes whichever comes. Returning on the error leaves nothing
// unsent.
func pull(ctx context.Context, receive func() ([]string, error), handle func([]string)) error {
	for {
		msgs := make(chan []string)
		errs := make(chan error)
		go func() {
			m, err := receive()
			if err != nil {
				errs <- err
				return
			}
			msgs <- m
		}()
		select {
		case err := <-errs:
			return err
		case m := <-msgs:
			handle(m)
		}
		if ctx.Err() != nil {
			return nil
		}
	}
}

// pullBoth sends its messages and then its error: taking the error first
// leaves the messages unsent.
func pullBoth(receive func() ([]string, error), handle func([]string)) error {
	for {
		msgs := make(chan []string)
		errs := make(chan error)
		go func() { // want `goroutine blocks forever sending on msgs`
			m, err := receive()
			errs <- err
			msgs <- m
		}()
		select {
		case err := <-errs:
			if err != nil {
				return err
			}
		case m := <-msgs:
			handle(m)
		}
	}
}

// fetchEach gives up on a round's reply when its timer fires first: that
// round's goroutine never sends.
func fetchEach(urls []string, fetch func(string) string) ([]string, error) {
	var out []string
	for _, u := range urls {
		reply := make(chan string)
		go func() { reply <- fetch(u) }() // want `goroutine blocks forever sending on reply`
		select {
		case r := <-reply:
			out = append(out, r)
		case <-time.After(time.Second):
			return out, errors.New("timed out")
		}
	}
	return out, nil
}
