// Package readme holds the README's leakedgo example, as a user would
// write it (see analyzer's TestExamples).
package readme

import (
	"context"
	"strings"
	"time"
)

type Result struct {
	URL     string
	Fetched time.Time
}

func get(url string) *Result {
	return &Result{URL: strings.TrimSpace(url), Fetched: time.Now()}
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
