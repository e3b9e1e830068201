// Package tests holds a leak in a test: reported only with
// -leakedgo.tests.
package tests

import itesting "github.com/mitchellh/go-testing-interface"

type reply struct{ v int }

// ask answers once; a helper of tests that does not receive leaves its
// goroutine blocked, which -leakedgo.tests reports.
func ask() chan reply {
	ch := make(chan reply)
	go func() { // want `goroutine blocks forever sending on ch \(line \d+\) when askForTest`
		ch <- reply{1}
	}()
	return ch
}

func askForTest(t itesting.T, short bool) {
	ch := ask()
	if short {
		t.Helper()
		return
	}
	<-ch
}
