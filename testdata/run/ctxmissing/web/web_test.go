package web

import (
	"context"
	"errors"
	"testing"
	"testing/synctest"
	"time"

	"structlint.test/run/internal/fake"
)

func TestKeepsAnswers(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		fake.UseTransport(t, fake.Transport{})
		if body, err := get("http://example.com/"); string(body) != "hello" || err != nil {
			t.Errorf("get = %q, %v; want hello, nil", body, err)
		}
		if code, err := status("http://example.com/"); code != 200 || err != nil {
			t.Errorf("status = %d, %v; want 200, nil", code, err)
		}
	})
}

// A dead server makes both fail within their deadline.
func TestDeadPeer(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		fake.UseTransport(t, fake.Transport{Dead: true})
		start := time.Now()
		_, err := get("http://example.com/")
		if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > time.Minute {
			t.Errorf("get: %v after %v; want a deadline exceeded within a minute", err, time.Since(start))
		}
		start = time.Now()
		_, err = status("http://example.com/")
		if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > time.Minute {
			t.Errorf("status: %v after %v; want a deadline exceeded within a minute", err, time.Since(start))
		}
	})
}
