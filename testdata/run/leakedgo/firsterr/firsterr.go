// Package firsterr is a fan-out that returns the first error and leaves
// the other goroutines blocked on their sends.
package firsterr

import (
	"context"
	"fmt"
	"time"
)

// check stands for a request: a second's wait, and an error for "bad".
func check(ctx context.Context, url string) error {
	time.Sleep(time.Second)
	if url == "bad" {
		return fmt.Errorf("%s: not found", url)
	}
	return ctx.Err()
}

func checkAll(ctx context.Context, urls []string) error {
	errc := make(chan error)
	for _, url := range urls {
		go func() { errc <- check(ctx, url) }()
	}
	for range urls {
		if err := <-errc; err != nil {
			return err
		}
	}
	return nil
}
