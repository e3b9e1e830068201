package engine

import "context"

// A channel filled before anyone can receive, with a buffer sized to the
// loop that fills it (make(chan T, len(xs)) and a range over xs): every
// send fits. Another constructor storing an unbuffered channel in the
// same field changes nothing for this one (gitaly's gitpipe iterators).

type entry struct {
	name string
	err  error
}

type entryIter struct {
	ctx context.Context
	ch  <-chan entry
}

func (it *entryIter) next() (entry, bool) {
	select {
	case <-it.ctx.Done():
		return entry{err: it.ctx.Err()}, false
	case r, ok := <-it.ch:
		return r, ok
	}
}

func newSliceIter(ctx context.Context, items []entry) *entryIter {
	ch := make(chan entry, len(items))
	for _, it := range items {
		ch <- it
	}
	close(ch)
	return &entryIter{ctx: ctx, ch: ch}
}

func newStreamIter(ctx context.Context, src <-chan entry) *entryIter {
	out := make(chan entry)
	go func() {
		defer close(out)
		for r := range src {
			select {
			case out <- r:
			case <-ctx.Done():
				return
			}
		}
	}()
	return &entryIter{ctx: ctx, ch: out}
}

// The twin: half the buffer the loop needs.
func newHalfIter(ctx context.Context, items []entry) *entryIter {
	ch := make(chan entry, len(items)/2)
	for _, it := range items {
		ch <- it // want `newHalfIter blocks forever sending on ch \(line \d+\): no other goroutine can have it yet \(made at line \d+\), and the loop can send more than its buffer holds`
	}
	close(ch)
	return &entryIter{ctx: ctx, ch: ch}
}

// The same, sized and filled from a field the function does not write
// (make(chan T, len(s.items)) and a range over s.items): two reads of one
// slice, the same length (tidb's index checks fill a task queue so).
type itemSet struct {
	ctx   context.Context
	items []entry
	spare []entry
}

func (s *itemSet) iter() *entryIter {
	ch := make(chan entry, len(s.items))
	for _, it := range s.items {
		ch <- it
	}
	close(ch)
	return &entryIter{ctx: s.ctx, ch: ch}
}

// One more than the loop needs, and a send that may be skipped.
func (s *itemSet) iterSome(skip func(entry) bool) *entryIter {
	ch := make(chan entry, len(s.items)+1)
	for _, it := range s.items {
		if !skip(it) {
			ch <- it
		}
	}
	close(ch)
	return &entryIter{ctx: s.ctx, ch: ch}
}

// The twins: another field's length, and a field the function writes
// between the make and the loop.
func (s *itemSet) iterSpare() *entryIter {
	ch := make(chan entry, len(s.spare))
	for _, it := range s.items {
		ch <- it // want `iterSpare blocks forever sending on ch \(line \d+\): no other goroutine can have it yet \(made at line \d+\), and the loop can send more than its buffer holds`
	}
	close(ch)
	return &entryIter{ctx: s.ctx, ch: ch}
}

func (s *itemSet) iterMore(extra []entry) *entryIter {
	ch := make(chan entry, len(s.items))
	s.items = append(s.items, extra...)
	for _, it := range s.items {
		ch <- it // want `iterMore blocks forever sending on ch \(line \d+\): no other goroutine can have it yet \(made at line \d+\), and the loop can send more than its buffer holds`
	}
	close(ch)
	return &entryIter{ctx: s.ctx, ch: ch}
}

// The same with the receiver captured by a deferred closure: every read
// of s loads it from the variable the closure shares.
func (s *itemSet) iterMarked() *entryIter {
	defer func() { s.spare = nil }()
	ch := make(chan entry, len(s.items))
	for _, it := range s.items {
		ch <- it
	}
	close(ch)
	return &entryIter{ctx: s.ctx, ch: ch}
}
