// Package tests holds leaks that only tests make: left alone unless
// -leakedgo.tests is set.
package tests

import itesting "github.com/mitchellh/go-testing-interface"

type reply struct{ v int }

// ask answers once; a caller that does not receive leaves its goroutine
// blocked.
func ask() chan reply {
	ch := make(chan reply)
	go func() {
		ch <- reply{1}
	}()
	return ch
}

// A helper of tests kept in a non-test file, which takes a test's handle
// through go-testing-interface, abandons it the same way: the tests' doing.
func askForTest(t itesting.T, short bool) {
	ch := ask()
	if short {
		t.Helper()
		return
	}
	<-ch
}
