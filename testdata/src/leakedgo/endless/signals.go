package endless

import (
	"os"
	"os/signal"
	"syscall"
)

// A goroutine that waits for the process's signals serves the process: a
// signal can come at any time for as long as it runs, so a loop that
// handles it has no reason to end before the process does.

// EnableToggle makes SIGUSR1 toggle profiling.
func EnableToggle(toggle func()) {
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGUSR1)
	go func() {
		for {
			<-sig
			toggle()
		}
	}()
}

// The twin waits for requests that this package's callers make, not for
// signals: nothing can stop it.

var pokes = make(chan struct{}, 1)

// Poke asks the poller to run.
func Poke() {
	select {
	case pokes <- struct{}{}:
	default:
	}
}

// EnablePoller runs poll on every Poke.
func EnablePoller(poll func()) {
	go func() { // want `goroutine never returns: its loop \(line 42\) has no way out`
		for {
			<-pokes
			poll()
		}
	}()
}
