package locks

import "sync"

// A queue closed through the interface its owner holds it by: close
// changes what pop waits for without a signal, but its only caller
// broadcasts right after it (through the same interface). The model
// takes the Cond for one other code can signal here, so this near miss
// guards a finding it does not make today (k8s's scheduler queue).

type activeQueuer interface {
	pop() int
	close()
	broadcast()
}

type activeQueue struct {
	lock   sync.Mutex
	cond   *sync.Cond
	items  []int
	closed bool
}

func newActiveQueue() *activeQueue {
	aq := &activeQueue{}
	aq.cond = sync.NewCond(&aq.lock)
	return aq
}

func (aq *activeQueue) pop() int {
	aq.lock.Lock()
	defer aq.lock.Unlock()
	for len(aq.items) == 0 {
		if aq.closed {
			return -1
		}
		aq.cond.Wait()
	}
	x := aq.items[0]
	aq.items = aq.items[1:]
	return x
}

func (aq *activeQueue) close() {
	aq.lock.Lock()
	defer aq.lock.Unlock()
	aq.closed = true
}

func (aq *activeQueue) broadcast() { aq.cond.Broadcast() }

type priorityQueue struct{ activeQ activeQueuer }

func newPriorityQueue() *priorityQueue { return &priorityQueue{activeQ: newActiveQueue()} }

func (p *priorityQueue) Close() {
	p.activeQ.close()
	p.activeQ.broadcast()
}

func (p *priorityQueue) Pop() int { return p.activeQ.pop() }

// The twin's owner forgets to broadcast.

type lazyQueue struct {
	lock   sync.Mutex
	cond   *sync.Cond
	items  []int
	closed bool
}

func newLazyQueue() *lazyQueue {
	q := &lazyQueue{}
	q.cond = sync.NewCond(&q.lock)
	return q
}

func (q *lazyQueue) pop() int {
	q.lock.Lock()
	defer q.lock.Unlock()
	for len(q.items) == 0 {
		if q.closed {
			return -1
		}
		q.cond.Wait() // want `pop can wait forever in q.cond.Wait \(line \d+\): it waits for closed to change, but close changes it \(line \d+\) without calling q.cond.Signal or q.cond.Broadcast`
	}
	x := q.items[0]
	q.items = q.items[1:]
	return x
}

func (q *lazyQueue) close() {
	q.lock.Lock()
	defer q.lock.Unlock()
	q.closed = true
}

func (q *lazyQueue) push(x int) {
	q.lock.Lock()
	defer q.lock.Unlock()
	q.items = append(q.items, x)
	q.cond.Broadcast()
}

type lazyOwner struct{ q *lazyQueue }

func newLazyOwner() *lazyOwner { return &lazyOwner{q: newLazyQueue()} }

func (o *lazyOwner) Close() { o.q.close() }

func (o *lazyOwner) Pop() int { return o.q.pop() }

func (o *lazyOwner) Push(x int) { o.q.push(x) }

// Pending operations: Wait waits for the list to empty. Adding one only
// moves it further from that, and needs no signal; removing one signals.

type pendingOps struct {
	lock sync.Mutex
	cond *sync.Cond
	ops  []string
}

func newPendingOps() *pendingOps {
	p := &pendingOps{}
	p.cond = sync.NewCond(&p.lock)
	return p
}

func (p *pendingOps) Run(op string) {
	p.lock.Lock()
	defer p.lock.Unlock()
	p.ops = append(p.ops, op)
}

func (p *pendingOps) Done(i int) {
	p.lock.Lock()
	defer p.lock.Unlock()
	defer p.cond.Signal()
	p.ops = append(p.ops[:i], p.ops[i+1:]...)
}

func (p *pendingOps) Wait() {
	p.lock.Lock()
	defer p.lock.Unlock()
	for len(p.ops) > 0 {
		p.cond.Wait()
	}
}

// The twin's Reset empties the list without a signal, while Done
// signals.

type pendingJobs struct {
	lock sync.Mutex
	cond *sync.Cond
	jobs []string
}

func newPendingJobs() *pendingJobs {
	p := &pendingJobs{}
	p.cond = sync.NewCond(&p.lock)
	return p
}

func (p *pendingJobs) Run(job string) {
	p.lock.Lock()
	defer p.lock.Unlock()
	p.jobs = append(p.jobs, job)
}

func (p *pendingJobs) Done(i int) {
	p.lock.Lock()
	defer p.lock.Unlock()
	defer p.cond.Signal()
	p.jobs = append(p.jobs[:i], p.jobs[i+1:]...)
}

func (p *pendingJobs) Reset() {
	p.lock.Lock()
	defer p.lock.Unlock()
	p.jobs = nil
}

func (p *pendingJobs) Wait() {
	p.lock.Lock()
	defer p.lock.Unlock()
	for len(p.jobs) > 0 {
		p.cond.Wait() // want `Wait can wait forever in p.cond.Wait \(line \d+\): it waits for jobs to change, but Reset changes it \(line \d+\) without calling p.cond.Signal or p.cond.Broadcast`
	}
}
