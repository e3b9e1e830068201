// Package tests holds leaks that only tests make: left alone unless
// -leakedgo.tests is set.
package tests

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
