// Package chanx holds channel helpers that callers in other packages
// know only through facts.
package chanx

import "context"

// Send sends v on ch unless ctx is done first, and reports whether it
// sent.
func Send[T any](ctx context.Context, ch chan<- T, v T) bool {
	select {
	case <-ctx.Done():
		return false
	case ch <- v:
		return true
	}
}

// Put sends v on ch and waits for room however long it takes.
func Put[T any](ch chan<- T, v T) { ch <- v }
