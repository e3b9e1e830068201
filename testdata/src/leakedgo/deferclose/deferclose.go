// Package deferclose holds producers whose deferred close releases their
// consumers on every way out, early ones included.
package deferclose

import "context"

type item struct{ n int }

type reader struct{ items <-chan item }

func (r *reader) Next() (item, bool) {
	it, ok := <-r.items
	return it, ok
}

// open's producer returns early when ctx is done, and its deferred close
// still tells the reader.
func open(ctx context.Context, n int) *reader {
	items := make(chan item, 2)
	go func() {
		defer close(items)
		for i := 0; i < n; i++ {
			select {
			case items <- item{i}:
			case <-ctx.Done():
				return
			}
		}
	}()
	return &reader{items}
}

type entry struct{ n int }

type entries struct{ ch <-chan entry }

func (e *entries) Next() (entry, bool) {
	it, ok := <-e.ch // want `Next blocks forever receiving from e.ch`
	return it, ok
}

// list closes only when it has sent everything: an early return leaves
// the reader waiting.
func list(ctx context.Context, n int) *entries {
	ch := make(chan entry, 2)
	go func() {
		for i := 0; i < n; i++ {
			select {
			case ch <- entry{i}:
			case <-ctx.Done():
				return
			}
		}
		close(ch)
	}()
	return &entries{ch}
}
