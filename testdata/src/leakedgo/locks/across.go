package locks

import (
	"sort"
	"sync"
	"sync/atomic"
)

// --- A lock held across an operation whose partner needs it.

type broadcaster struct {
	mu      sync.Mutex
	updates chan int
	done    chan struct{}
	seen    int
}

func newBroadcaster() *broadcaster {
	b := &broadcaster{updates: make(chan int), done: make(chan struct{})}
	go func() {
		defer close(b.done)
		for u := range b.updates {
			b.mu.Lock()
			b.seen += u
			b.mu.Unlock()
		}
	}()
	return b
}

func (b *broadcaster) Stop() {
	b.mu.Lock()
	defer b.mu.Unlock()
	close(b.updates)
	<-b.done // want `Stop blocks forever receiving from b\.done \(line 35\) while it holds b\.mu \(locked at line 32\): the goroutine that closes it \(the enclosing function literal, line 21\) takes b\.mu first \(line 23\)`
}

// Correct: the lock is released before waiting.
func (b *broadcaster) StopUnlocked() {
	b.mu.Lock()
	close(b.updates)
	b.mu.Unlock()
	<-b.done
}

// A WaitGroup waited on under the lock its goroutines take.

type pool struct {
	mu    sync.Mutex
	wg    sync.WaitGroup
	count int
}

func (p *pool) Run(n int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for range n {
		p.wg.Add(1)
		go func() {
			defer p.wg.Done()
			p.mu.Lock()
			p.count++
			p.mu.Unlock()
		}()
	}
	p.wg.Wait() // want `Run blocks forever in p\.wg\.Wait \(line 66\) while it holds p\.mu \(locked at line 55\): the goroutine that calls Done \(the enclosing function literal, line 60\) takes p\.mu first \(line 61\)`
}

// A send under the lock its only receiver takes; the sent value does not
// need the lock, and the fix moves the send after the unlock.

type queue struct {
	mu    sync.Mutex
	items []int
	ch    chan int
}

func newQueue() *queue {
	q := &queue{ch: make(chan int)}
	go q.drain()
	return q
}

func (q *queue) drain() {
	for v := range q.ch {
		q.mu.Lock()
		q.items = append(q.items, v)
		q.mu.Unlock()
	}
}

func (q *queue) Close() { close(q.ch) }

func (q *queue) Push(v int) {
	q.mu.Lock()
	n := len(q.items)
	q.ch <- v // want `Push blocks forever sending on q\.ch \(line 97\) while it holds q\.mu \(locked at line 95\): the goroutine that receives from it \(drain, line 85\) takes q\.mu first \(line 86\)`
	q.mu.Unlock()
	_ = n
}

// Correct: a buffered channel whose capacity covers its senders.

func Covered(mu *sync.Mutex, results []int) {
	done := make(chan int, 1)
	go func() {
		mu.Lock()
		results[1] = results[0]
		mu.Unlock()
		results[0] = <-done
	}()
	mu.Lock()
	done <- len(results)
	mu.Unlock()
}

// --- Two locks taken in both orders.

type account struct {
	mu      sync.Mutex
	id      int
	balance int
}

type ledger struct {
	mu      sync.Mutex
	entries []int
	acct    *account
}

func (l *ledger) Record(v int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.entries = append(l.entries, v)
	l.acct.mu.Lock() // want `Record locks l\.acct\.mu at line 135 while it holds l\.mu \(locked at line 132\), and Audit locks l\.mu at line 142 while it holds a\.mu \(locked at line 141\): run at the same time, each waits forever for the other; take the two locks in one order`
	l.acct.balance += v
	l.acct.mu.Unlock()
}

func (a *account) Audit(l *ledger) int {
	a.mu.Lock()
	l.mu.Lock()
	n := len(l.entries)
	l.mu.Unlock()
	a.mu.Unlock()
	return n
}

// Correct: one global order, ledger before account, everywhere.

type journal struct {
	mu   sync.Mutex
	acct *account
	n    int
}

func (j *journal) Post(v int) {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.n++
	j.acct.mu.Lock()
	j.acct.balance += v
	j.acct.mu.Unlock()
}

func (j *journal) Check() int {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.acct.mu.Lock()
	defer j.acct.mu.Unlock()
	return j.acct.balance - j.n
}

// Two accounts locked in the order of the arguments: transfer(a, b) and
// transfer(b, a) at once deadlock.
func Transfer(from, to *account, v int) {
	from.mu.Lock()
	defer from.mu.Unlock()
	to.mu.Lock() // want `Transfer locks to\.mu at line 179 while it holds from\.mu \(locked at line 177\): two locks of one type, taken in the order of its arguments; a call with the arguments the other way round, at the same time, takes them in the other order, and both wait forever; lock them in a fixed order \(by ID or address\)`
	defer to.mu.Unlock()
	from.balance -= v
	to.balance += v
}

// Correct: the order is fixed by ID.
func TransferOrdered(from, to *account, v int) {
	if from.id < to.id {
		from.mu.Lock()
		to.mu.Lock()
	} else {
		to.mu.Lock()
		from.mu.Lock()
	}
	from.balance -= v
	to.balance += v
	from.mu.Unlock()
	to.mu.Unlock()
}

// Correct: sorted by ID, then locked in that order.
func LockAll(accts []*account) {
	sort.Slice(accts, func(i, j int) bool { return accts[i].id < accts[j].id })
	for _, a := range accts {
		a.mu.Lock()
	}
}

// Correct: a send made once per object (behind a CompareAndSwap) into a
// buffer with room for one never blocks.
type subscription struct {
	mu     sync.Mutex
	closed atomic.Bool
	left   chan int
	n      int
}

func newSubscription() *subscription {
	return &subscription{left: make(chan int, 1)}
}

func (s *subscription) Loop() {
	for {
		v, ok := <-s.left
		if !ok {
			return
		}
		s.mu.Lock()
		s.n += v
		s.mu.Unlock()
	}
}

func (s *subscription) Stop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.closed.CompareAndSwap(false, true) {
		return
	}
	s.left <- s.n
}

// Correct: renumber releases the lock its caller holds before it takes
// the registry's, and takes it again after: the two are never held
// together in that order.
type registry struct {
	mu   sync.Mutex
	subs map[int]*entry
	next int
}

type entry struct {
	mu  sync.Mutex
	id  int
	reg *registry
}

// renumber expects e.mu held.
func (e *entry) renumber() {
	e.mu.Unlock()
	e.reg.mu.Lock()
	e.reg.next++
	id := e.reg.next
	e.reg.subs[id] = e
	e.reg.mu.Unlock()
	e.mu.Lock()
	e.id = id
}

func (e *entry) Reset() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.renumber()
}

func (r *registry) CloseAll() {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, e := range r.subs {
		e.mu.Lock()
		e.id = 0
		e.mu.Unlock()
	}
}

// Correct: a hook that only a constructor sets, on the objects it makes,
// runs only for those: a cluster's plain clients never call a failover's
// Close, whose lock the failover holds while it asks the cluster.
type client struct {
	mu      sync.Mutex
	onClose func()
}

type failover struct {
	mu sync.Mutex
	cl *cluster
}

type cluster struct {
	mu    sync.Mutex
	nodes []*client
	addrs []string
}

func NewFailoverClient(cl *cluster) *client {
	f := &failover{cl: cl}
	c := &client{}
	c.onClose = f.Close
	return c
}

func (c *client) Close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.onClose != nil {
		c.onClose()
	}
}

func (f *failover) Close() {
	f.mu.Lock()
	defer f.mu.Unlock()
}

func (f *failover) Addrs() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.cl.mu.Lock()
	defer f.cl.mu.Unlock()
	return f.cl.addrs
}

func (cl *cluster) Close() {
	cl.mu.Lock()
	defer cl.mu.Unlock()
	for _, n := range cl.nodes {
		n.Close()
	}
}
