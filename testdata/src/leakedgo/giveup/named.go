package giveup

import (
	"bufio"
	"context"
	"errors"
	"io"
	"strings"
	"time"
)

// A function that can return early, before anything reaches the blocked
// send, and also gives up on it in a select: the finding names the
// select's way out, where the goroutine is left at its send for all to
// see, not the early return.

type launcher interface{ Launch() error }

func awaitURL(ctx context.Context, l launcher, out io.Reader) (string, error) {
	urls := make(chan string)
	go func() { // want `goroutine blocks forever sending on urls \(line 25\) when awaitURL returns at line \d+ through <-ctx.Done\(\)`
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if _, u, ok := strings.Cut(sc.Text(), "serving on "); ok {
				urls <- u
			}
		}
	}()
	if err := l.Launch(); err != nil {
		return "", err
	}
	select {
	case u := <-urls:
		return u, nil
	case <-ctx.Done():
		return "", ctx.Err()
	case <-time.After(time.Second):
		return "", errors.New("no url")
	}
}
