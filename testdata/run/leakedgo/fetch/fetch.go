// Package fetch is the README's leakedgo example: fetch returns on
// cancellation and leaves its goroutine blocked on the send.
package fetch

import (
	"context"
	"time"
)

type Result struct{ URL string }

// get stands for the work: a second's wait for a peer.
func get(url string) *Result {
	time.Sleep(time.Second)
	return &Result{URL: url}
}

func fetch(ctx context.Context, url string) (*Result, error) {
	results := make(chan *Result)
	go func() {
		results <- get(url)
	}()
	select {
	case r := <-results:
		return r, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}
