package engine

import "sync"

// A buffer only delays a sender: a field channel that callers send on
// again and again, whose only receiver can stop, fills up and blocks its
// next sender for good. The package starting the receiver's method as a
// goroutine is how it runs, even when the method is exported.

type notifier struct {
	subscribe chan chan int
	stop      chan struct{}
}

func newNotifier() *notifier {
	return &notifier{subscribe: make(chan chan int, 1), stop: make(chan struct{})}
}

func (n *notifier) Run() {
	var subs []chan int
	for {
		select {
		case <-n.stop:
			return
		case s := <-n.subscribe:
			subs = append(subs, s)
		}
	}
}

func (n *notifier) Wait() {
	ch := make(chan int, 1)
	n.subscribe <- ch // want `Wait blocks forever sending on n.subscribe \(line 33\) when the goroutine receiving from it \(line 40\) returns at line 24 through <-n.stop`
}

func (n *notifier) Stop() { close(n.stop) }

func startNotified(workers int) *notifier {
	n := newNotifier()
	go n.Run()
	for range workers {
		go n.Wait()
	}
	return n
}

// The same with other names, the send one call further down.

type progress struct {
	updates chan int
	done    chan struct{}
}

func (p *progress) Track() {
	total := 0
	for {
		select {
		case u := <-p.updates:
			total += u
		case <-p.done:
			return
		}
	}
}

func (p *progress) add(u int) { p.updates <- u } // want `add blocks forever sending on p.updates`

func (p *progress) Stop() { close(p.done) }

func (p *progress) Step() { p.add(1) }

func startProgress(steps [][]int) *progress {
	p := &progress{updates: make(chan int, 16), done: make(chan struct{})}
	go p.Track()
	for _, s := range steps {
		go func() {
			for range s {
				p.Step()
			}
		}()
	}
	return p
}

// Near misses. A message sent once per instance, as a stop is, fits the
// buffer.

type closer struct {
	quit chan struct{}
}

func newCloser() *closer {
	c := &closer{quit: make(chan struct{}, 1)}
	go c.loop()
	return c
}

func (c *closer) loop() {
	<-c.quit
}

func (c *closer) Close() { c.quit <- struct{}{} }

// A reply channel made for each request holds its one reply.

type query struct {
	reply chan int
}

type answerer struct {
	queries chan query
	quit    chan struct{}
}

func (a *answerer) serve() {
	for {
		select {
		case q := <-a.queries:
			q.reply <- 1
		case <-a.quit:
			return
		}
	}
}

func (a *answerer) Stop() { close(a.quit) }

func (a *answerer) Ask() int {
	q := query{reply: make(chan int, 1)}
	select {
	case a.queries <- q:
	case <-a.quit:
		return 0
	}
	select {
	case v := <-q.reply:
		return v
	case <-a.quit:
		return 0
	}
}

func startAnswerer() *answerer {
	a := &answerer{queries: make(chan query), quit: make(chan struct{})}
	go a.serve()
	return a
}

// A receiver that never stops takes every message.

type sink struct {
	in chan int
}

func (s *sink) drain() {
	for range s.in {
	}
}

func (s *sink) Close() { close(s.in) }

func startSink(n int) *sink {
	s := &sink{in: make(chan int, 4)}
	go s.drain()
	for i := range n {
		go func() { s.in <- i }()
	}
	return s
}

// A channel made here holds as many sends as its capacity: a producer
// sending more than that, whose consumers can all stop early, blocks.

func deleteAll(items []string, workers int, del func(string) error) {
	todo := make(chan string, 2*workers)
	go func() { // want `goroutine blocks forever sending on todo`
		for i := 0; i < len(items); i++ {
			todo <- items[i]
		}
		close(todo)
	}()
	for range workers {
		go func() {
			for it := range todo {
				if del(it) != nil {
					return
				}
			}
		}()
	}
}

// Near misses: the capacity covers every send of the loop.

func deleteAllBuffered(items []string, workers int, del func(string) error) {
	todo := make(chan string, len(items))
	go func() {
		for _, it := range items {
			todo <- it
		}
		close(todo)
	}()
	for range workers {
		go func() {
			for it := range todo {
				if del(it) != nil {
					return
				}
			}
		}()
	}
}

func pingFour(ping func(int) bool) {
	acks := make(chan int, 4)
	go func() {
		for i := 0; i < 4; i++ {
			acks <- i
		}
		close(acks)
	}()
	for a := range acks {
		if !ping(a) {
			return
		}
	}
}

// Near misses of loops that do not overfill. Each round sends on another
// channel.
type lookup struct {
	mu      sync.Mutex
	waiters []chan int
}

func (l *lookup) wait(timeout <-chan struct{}) (int, bool) {
	w := make(chan int, 1)
	l.mu.Lock()
	l.waiters = append(l.waiters, w)
	l.mu.Unlock()
	select {
	case v := <-w:
		return v, true
	case <-timeout:
		return 0, false
	}
}

func (l *lookup) finish(v int) {
	l.mu.Lock()
	ws := l.waiters
	l.waiters = nil
	l.mu.Unlock()
	for _, w := range ws {
		w <- v
		close(w)
	}
}

func resolve(l *lookup, resolve func() int, timeout <-chan struct{}) (int, bool) {
	go l.finish(resolve())
	return l.wait(timeout)
}

// The channel is forgotten once sent on: one send in all.
func subscribeOnce(ready chan bool, events <-chan int, stop <-chan struct{}) {
	for {
		select {
		case <-events:
			if ready != nil {
				ready <- true
				ready = nil
			}
		case <-stop:
			return
		}
	}
}

func subscribe(events <-chan int, stop <-chan struct{}, timeout <-chan struct{}) bool {
	ready := make(chan bool, 1)
	go subscribeOnce(ready, events, stop)
	select {
	case ok := <-ready:
		return ok
	case <-timeout:
		return false
	}
}

// A counting semaphore: each round starts a goroutine that gives its
// token back.
func limited(jobs []func(), parallel int) {
	var sem chan struct{}
	if parallel > 0 {
		sem = make(chan struct{}, parallel)
	}
	done := make(chan struct{}, len(jobs))
	for _, job := range jobs {
		if sem != nil {
			sem <- struct{}{}
		}
		go func() {
			job()
			done <- struct{}{}
			if sem != nil {
				<-sem
			}
		}()
	}
	for range jobs {
		<-done
	}
}

// The capacity is the length of the slice ranged over.
type slotPool struct {
	free chan int
	quit chan struct{}
}

func newSlotPool(n int) *slotPool {
	slots := make([]int, n)
	p := &slotPool{free: make(chan int, n), quit: make(chan struct{})}
	go p.run()
	for i := range slots {
		p.free <- i
	}
	return p
}

func (p *slotPool) run() {
	for {
		select {
		case <-p.free:
		case <-p.quit:
			return
		}
	}
}

func (p *slotPool) Close() { close(p.quit) }

// One error at most per job, and as many jobs as the channel holds.
func writeAll(inputs []string, workers int, write func(string) error) error {
	errs := make(chan error, len(inputs))
	jobs := make(chan string, workers)
	done := make(chan struct{})
	for range workers {
		go func() {
			defer func() { done <- struct{}{} }()
			for in := range jobs {
				if err := write(in); err != nil {
					errs <- err
				}
			}
		}()
	}
	for i := range inputs {
		jobs <- inputs[i]
	}
	close(jobs)
	for range workers {
		<-done
	}
	close(errs)
	for err := range errs {
		return err
	}
	return nil
}

// A loop that counts to len of the channel it receives from takes only
// what the buffer holds: it cannot wait, even when nothing sends.
var pending = make(chan int, 10)

var pendingMu sync.Mutex

func takePending() []int {
	pendingMu.Lock()
	defer pendingMu.Unlock()
	var out []int
	n := len(pending)
	for range n {
		out = append(out, <-pending)
	}
	return out
}

// The twin counts to a number of its own.
var queued = make(chan int, 10)

func takeQueued(n int) []int {
	var out []int
	for range n {
		out = append(out, <-queued) // want `takeQueued blocks forever receiving from queued`
	}
	return out
}
