// Package firsterr is a fan-out that returns the first error and leaves
// the other goroutines blocked on their sends.
package firsterr

import (
	"context"
	"fmt"
	"time"
)

// check stands for a request: a second's wait, or a tenth of one and an
// error for "bad".
func check(ctx context.Context, url string) error {
	if url == "bad" {
		time.Sleep(100 * time.Millisecond)
		return fmt.Errorf("%s: not found", url)
	}
	time.Sleep(time.Second)
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
