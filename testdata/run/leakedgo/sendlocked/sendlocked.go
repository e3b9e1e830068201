// Package sendlocked has a method that sends to a goroutine while it
// holds the lock that goroutine takes after each receive: the second send
// waits for a receiver that waits for the lock.
package sendlocked

import "sync"

type Queue struct {
	mu    sync.Mutex
	items []int
	ch    chan int
	done  chan struct{}
}

func New() *Queue {
	q := &Queue{ch: make(chan int), done: make(chan struct{})}
	go q.drain()
	return q
}

func (q *Queue) drain() {
	defer close(q.done)
	for v := range q.ch {
		q.mu.Lock()
		q.items = append(q.items, v)
		q.mu.Unlock()
	}
}

// Close stops the queue and waits for what was pushed to be kept.
func (q *Queue) Close() {
	close(q.ch)
	<-q.done
}

func (q *Queue) Push(v int) {
	q.mu.Lock()
	n := len(q.items)
	q.ch <- v
	q.mu.Unlock()
	_ = n
}

func (q *Queue) Len() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.items)
}
