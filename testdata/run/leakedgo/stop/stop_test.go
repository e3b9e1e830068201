package stop

import (
	"sync/atomic"
	"testing"
	"testing/synctest"
)

// Every job runs, and the worker's goroutine ends: synctest.Test fails
// if it is left waiting for more jobs.
func TestRunAll(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var ran atomic.Int32
		job := func() { ran.Add(1) }
		runAll([]func(){job, job, job})
		synctest.Wait()
		if ran.Load() != 3 {
			t.Errorf("%d jobs ran, want 3", ran.Load())
		}
	})
}
