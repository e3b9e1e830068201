package cli

import (
	"testing"
	"time"
)

// A test that calls a command's helper runs it in the test binary; the
// program still runs it only from its command, for the life of the process.
func TestReporter(t *testing.T) {
	startReporter(time.Hour)
}
