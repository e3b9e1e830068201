package header

import (
	"testing"
	"testing/synctest"
)

// status returns the status line, and the goroutine ends: synctest.Test
// fails if it is left blocked on its second send.
func TestStatus(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		if got := status("200 OK\nhello"); got != "200 OK" {
			t.Errorf("status = %q, want %q", got, "200 OK")
		}
	})
}
