package locks

import "sync"

// A send made only after checking, under a lock every sender holds, that
// the buffer has room cannot block: nobody can fill the buffer between
// the test and the send, and a drainer that takes the same lock never
// waits on it (VictoriaMetrics's FastQueue, which spills to a file when
// its in-memory queue is full).

type spillQueue struct {
	mu    sync.Mutex
	ch    chan []byte
	spill [][]byte
}

func newSpillQueue(n int) *spillQueue { return &spillQueue{ch: make(chan []byte, n)} }

func (q *spillQueue) Write(b []byte) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if len(q.ch) == cap(q.ch) {
		q.spill = append(q.spill, b)
		return
	}
	q.ch <- b
}

func (q *spillQueue) WriteFront(b []byte) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if cap(q.ch) > len(q.ch) {
		q.ch <- b
	}
}

func (q *spillQueue) Close() {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.drainLocked()
}

// drainLocked moves what the queue holds to the spill; q.mu is held.
func (q *spillQueue) drainLocked() {
	for len(q.ch) > 0 {
		b := <-q.ch
		q.spill = append(q.spill, b)
	}
}

// Its twins: a send that checks for room but whose other sender does not
// hold the lock, and one that does not check at all.

type leakyQueue struct {
	mu    sync.Mutex
	ch    chan []byte
	spill [][]byte
}

func newLeakyQueue(n int) *leakyQueue { return &leakyQueue{ch: make(chan []byte, n)} }

func (q *leakyQueue) Write(b []byte) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if len(q.ch) == cap(q.ch) {
		q.spill = append(q.spill, b)
		return
	}
	q.ch <- b // want `Write blocks forever sending on q.ch \(line \d+\) while it holds q.mu`
}

func (q *leakyQueue) Put(b []byte) { q.ch <- b }

func (q *leakyQueue) Close() {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.drainLocked()
}

// drainLocked moves what the queue holds to the spill; q.mu is held.
func (q *leakyQueue) drainLocked() {
	for len(q.ch) > 0 {
		b := <-q.ch
		q.spill = append(q.spill, b)
	}
}

type blindQueue struct {
	mu    sync.Mutex
	ch    chan []byte
	spill [][]byte
}

func newBlindQueue(n int) *blindQueue { return &blindQueue{ch: make(chan []byte, n)} }

func (q *blindQueue) Write(b []byte) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.ch <- b // want `Write blocks forever sending on q.ch \(line \d+\) while it holds q.mu`
}

func (q *blindQueue) Close() {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.drainLocked()
}

// drainLocked moves what the queue holds to the spill; q.mu is held.
func (q *blindQueue) drainLocked() {
	for len(q.ch) > 0 {
		b := <-q.ch
		q.spill = append(q.spill, b)
	}
}
