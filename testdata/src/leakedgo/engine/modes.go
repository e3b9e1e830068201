package engine

import "context"

// A queue with two modes, whose constructor makes the channels of one:
// in an object that has the priority signal channel, the FIFO channel is
// nil, and a receive from it never proceeds. The goroutine that serves
// both modes returns through the FIFO case only in FIFO mode, where
// nothing sends signals; so the way named for a blocked signal is the
// context's Done, which is real (Start's send does not watch it).

type item struct{ prio int }

type ModeQueue struct {
	prio   bool
	signal chan struct{}
	fifo   chan item
	in     chan item
}

func NewModeQueue(n int, prio bool) *ModeQueue {
	q := &ModeQueue{prio: prio, in: make(chan item)}
	if q.prio {
		q.signal = make(chan struct{}, n)
	} else {
		q.fifo = make(chan item, n)
	}
	return q
}

func (q *ModeQueue) Start(ctx context.Context) {
	for {
		select {
		case <-q.in:
			q.signal <- struct{}{} // want `Start blocks forever sending on q.signal \(line \d+\) when the goroutine receiving from it \(line \d+\) returns at line \d+ through <-ctx.Done\(\)`
		case <-ctx.Done():
			return
		}
	}
}

func (q *ModeQueue) Push(it item) { q.in <- it }

func (q *ModeQueue) Pop(ctx context.Context) <-chan item {
	ch := make(chan item, 1)
	go func() {
		defer close(ch)
		select {
		case _, ok := <-q.signal:
			if ok {
				ch <- item{}
			}
		case it, ok := <-q.fifo:
			if ok {
				ch <- it
			}
		case <-ctx.Done():
			return
		}
	}()
	return ch
}

// Other names, three modes in a switch, and the serving goroutine a
// method started with its receiver.

type Dispatcher struct {
	wake   chan struct{}
	direct chan int
	batch  chan []int
	feed   chan int
}

func NewDispatcher(mode string) *Dispatcher {
	d := &Dispatcher{feed: make(chan int)}
	switch mode {
	case "wake":
		d.wake = make(chan struct{}, 8)
	case "direct":
		d.direct = make(chan int, 8)
	default:
		d.batch = make(chan []int, 8)
	}
	return d
}

func (d *Dispatcher) Run(ctx context.Context) {
	for {
		select {
		case <-d.feed:
			d.wake <- struct{}{} // want `Run blocks forever sending on d.wake \(line \d+\) when the goroutine receiving from it \(line \d+\) returns at line \d+ through <-ctx.Done\(\)`
		case <-ctx.Done():
			return
		}
	}
}

func (d *Dispatcher) Feed(v int) { d.feed <- v }

func (d *Dispatcher) Next(ctx context.Context) {
	go d.serve(ctx)
}

func (d *Dispatcher) serve(ctx context.Context) {
	select {
	case <-d.wake:
	case <-d.direct:
		return
	case <-d.batch:
		return
	case <-ctx.Done():
		return
	}
}

// Near miss: both channels made, whatever the mode. A goroutine that
// takes the FIFO case returns without taking a signal.

type BothQueue struct {
	signal chan struct{}
	fifo   chan item
	in     chan item
}

func NewBothQueue(n int) *BothQueue {
	return &BothQueue{signal: make(chan struct{}, n), fifo: make(chan item, n), in: make(chan item)}
}

func (q *BothQueue) Start(ctx context.Context) {
	for {
		select {
		case <-q.in:
			q.signal <- struct{}{} // want `Start blocks forever sending on q.signal \(line \d+\) when the goroutine receiving from it \(line \d+\) returns at line \d+ through <-q.fifo`
		case <-ctx.Done():
			return
		}
	}
}

func (q *BothQueue) Push(it item) { q.in <- it }

func (q *BothQueue) Pop(ctx context.Context) <-chan item {
	ch := make(chan item, 1)
	go func() {
		defer close(ch)
		select {
		case <-q.signal:
			ch <- item{}
		case it := <-q.fifo:
			ch <- it
		case <-ctx.Done():
			return
		}
	}()
	return ch
}
