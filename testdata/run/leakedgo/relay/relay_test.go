package relay

import (
	"bytes"
	"context"
	"errors"
	"io"
	"testing"
	"testing/synctest"
	"time"
)

// relay returns as soon as its context is cancelled, with what arrived by
// then in dst, and nothing writes dst once it has returned: the race
// detector sees the copy's writes happen before the caller's read only if
// relay joins the goroutine.
func TestCancelled(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		pr, pw := io.Pipe()
		go func() {
			io.WriteString(pw, "hello")
			time.Sleep(time.Hour) // a peer that says no more
			pw.Close()
		}()
		ctx, cancel := context.WithTimeout(t.Context(), time.Second)
		defer cancel()
		var dst bytes.Buffer
		start := time.Now()
		err := relay(ctx, &dst, pr)
		if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) != time.Second {
			t.Errorf("relay = %v after %v; want context.DeadlineExceeded after 1s: it must still return at once", err, time.Since(start))
		}
		if got := dst.String(); got != "hello" {
			t.Errorf("relay copied %q, want %q", got, "hello")
		}
		time.Sleep(2 * time.Hour)
	})
}
