package locks

import "sync"

// A send that puts back what the same round took from the channel, under
// a lock every sender holds from before the take, finds the room the take
// made: nobody else can send in between (go-waku's filter manager parks
// again the batches of other topics while it drains its queue). The type
// is exported and its queue is in an unexported field: outside code
// reaches the queue only through the methods, whose sends are all here.
// Park's own send has no such room: with the queue full it waits holding
// the lock its only receiver needs.

type parked struct{ topic string }

type Dispatcher struct {
	mu      sync.Mutex
	online  bool
	pending chan parked
	started []string
}

func NewDispatcher() *Dispatcher { return &Dispatcher{pending: make(chan parked, 16)} }

func (d *Dispatcher) Park(p parked) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.online {
		d.started = append(d.started, p.topic)
		return
	}
	d.pending <- p // want `Park blocks forever sending on d.pending \(line \d+\) while it holds d.mu`
}

func (d *Dispatcher) SetOnline(topic string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.online = true
	d.flushLocked(topic)
}

// flushLocked starts the parked batches of topic and parks the others
// again; d.mu is held.
func (d *Dispatcher) flushLocked(topic string) {
	if len(d.pending) == 0 {
		return
	}
	for p := range d.pending {
		if topic == "" || p.topic == topic {
			d.started = append(d.started, p.topic)
		} else {
			d.pending <- p
		}
		if len(d.pending) == 0 {
			break
		}
	}
}

// Near misses, each reported: a round that puts back twice what it took
// once; a lock given up between the take and the put back; another
// sender that does not hold the lock.

type DoubleQueue struct {
	mu    sync.Mutex
	items chan int
}

func NewDoubleQueue(n int) *DoubleQueue { return &DoubleQueue{items: make(chan int, n)} }

func (q *DoubleQueue) Split() {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.splitLocked()
}

func (q *DoubleQueue) splitLocked() {
	if len(q.items) == 0 {
		return
	}
	for v := range q.items {
		for range 2 {
			q.items <- v / 2 // want `splitLocked blocks forever sending on q.items \(line \d+\) while its callers hold q.mu`
		}
		if len(q.items) == 0 {
			break
		}
	}
}

func (q *DoubleQueue) Add(v int) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.items <- v // want `Add blocks forever sending on q.items \(line \d+\) while it holds q.mu`
}

type GapQueue struct {
	mu    sync.Mutex
	items chan int
	slow  func(int) bool
}

func NewGapQueue(n int) *GapQueue { return &GapQueue{items: make(chan int, n)} }

func (q *GapQueue) Drain() {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.drainLocked()
}

func (q *GapQueue) drainLocked() {
	if len(q.items) == 0 {
		return
	}
	for v := range q.items {
		q.mu.Unlock()
		keep := q.slow(v)
		q.mu.Lock()
		if keep {
			q.items <- v // want `drainLocked blocks forever sending on q.items \(line \d+\) while it holds q.mu`
		}
		if len(q.items) == 0 {
			break
		}
	}
}

func (q *GapQueue) Add(v int) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.items <- v // want `Add blocks forever sending on q.items \(line \d+\) while it holds q.mu`
}

type OpenQueue struct {
	mu    sync.Mutex
	items chan int
}

func NewOpenQueue(n int) *OpenQueue { return &OpenQueue{items: make(chan int, n)} }

func (q *OpenQueue) Drain(ok func(int) bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.drainLocked(ok)
}

func (q *OpenQueue) drainLocked(ok func(int) bool) {
	if len(q.items) == 0 {
		return
	}
	for v := range q.items {
		if !ok(v) {
			q.items <- v // want `drainLocked blocks forever sending on q.items \(line \d+\) while its callers hold q.mu`
		}
		if len(q.items) == 0 {
			break
		}
	}
}

func (q *OpenQueue) Put(v int) { q.items <- v }
