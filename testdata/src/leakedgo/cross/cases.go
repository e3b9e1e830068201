package cross

import "leakedgo/cross/lib"

// names reads every name: List's goroutine ends by closing its channel,
// and its receive from done, a select case beside its send, never waits
// alone.
func names(prefix string) []string {
	done := make(chan struct{})
	var all []string
	for name := range lib.List(prefix, done) {
		all = append(all, name)
	}
	return all
}

// watched never closes done: Watch's goroutine waits on it alone.
func watched(cleanup func()) {
	done := make(chan struct{})
	lib.Watch(done, cleanup) // want `the goroutine lib.Watch starts blocks forever receiving from done in lib.Watch when watched returns at line \d+ without sending on it or closing it`
}
