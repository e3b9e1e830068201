// Package board pins a send's room told by a test of len(ch) against a
// constant below the capacity its channels are made with.
package board

import (
	"context"
	"sync"
)

// A send made only after a test, under a lock every sender holds, of
// len(ch) against a constant below every capacity the channels are made
// with, finds room, as one tested against cap(ch) does: a reader's one-slot waiter channel is sent on only
// while it is empty, under the lock every poster holds (matrixone's
// message board). The twin tests against the capacity itself, which
// leaves no room. (Their channels have different element types: the
// model keeps the elements of containers of one type in one class, so
// two boards of chan bool would share their partners.)

type MsgBoard struct {
	mu       sync.RWMutex
	messages []int
	waiters  []chan bool
}

type MsgReader struct {
	b      *MsgBoard
	offset int
	waiter chan bool
}

func (b *MsgBoard) Post(m int) {
	b.mu.Lock()
	b.messages = append(b.messages, m)
	for _, ch := range b.waiters {
		if ch != nil && len(ch) == 0 {
			ch <- true
		}
	}
	b.mu.Unlock()
}

func (r *MsgReader) take() []int {
	r.b.mu.RLock()
	defer r.b.mu.RUnlock()
	var out []int
	for ; r.offset < len(r.b.messages); r.offset++ {
		out = append(out, r.b.messages[r.offset])
	}
	return out
}

func (r *MsgReader) Read(ctx context.Context) ([]int, bool) {
	res := r.take()
	if len(res) > 0 {
		return res, false
	}
	if r.waiter == nil {
		r.waiter = make(chan bool, 1)
		r.b.mu.Lock()
		r.b.waiters = append(r.b.waiters, r.waiter)
		r.b.mu.Unlock()
	}
	for {
		res = r.take()
		if len(res) > 0 {
			break
		}
		select {
		case <-r.waiter:
		case <-ctx.Done():
			return res, true
		}
	}
	return res, false
}

type BusyBoard struct {
	mu       sync.RWMutex
	messages []int
	waiters  []chan int
}

type BusyReader struct {
	b      *BusyBoard
	offset int
	waiter chan int
}

func (b *BusyBoard) Post(m int) {
	b.mu.Lock()
	b.messages = append(b.messages, m)
	for _, ch := range b.waiters {
		if ch != nil && len(ch) <= 1 {
			ch <- 1 // want `Post blocks forever sending on ch \(line \d+\) while it holds b\.mu`
		}
	}
	b.mu.Unlock()
}

func (r *BusyReader) take() []int {
	r.b.mu.RLock()
	defer r.b.mu.RUnlock()
	var out []int
	for ; r.offset < len(r.b.messages); r.offset++ {
		out = append(out, r.b.messages[r.offset])
	}
	return out
}

func (r *BusyReader) Read(ctx context.Context) ([]int, bool) {
	res := r.take()
	if len(res) > 0 {
		return res, false
	}
	if r.waiter == nil {
		r.waiter = make(chan int, 1)
		r.b.mu.Lock()
		r.b.waiters = append(r.b.waiters, r.waiter)
		r.b.mu.Unlock()
	}
	for {
		res = r.take()
		if len(res) > 0 {
			break
		}
		select {
		case <-r.waiter:
		case <-ctx.Done():
			return res, true
		}
	}
	return res, false
}
