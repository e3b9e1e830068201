package engine

import "sync"

// A WaitGroup kept in a field, counted for a goroutine that a helper may
// refuse to start (a pool that is closing takes no more work): when the
// helper refuses and nothing calls Done in its place, the count never
// gets back to zero, and the method that waits on the field waits
// forever. The per-object form, for a local WaitGroup, is in
// unjoined/waitgroup/helperstart.go.

type closingPool struct {
	mu     sync.Mutex
	closed bool
}

// submit runs f on a goroutine of its own, unless the pool is closed.
func (p *closingPool) submit(f func()) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return false
	}
	go f()
	return true
}

type Replicator struct {
	pool    *closingPool
	pending sync.WaitGroup
}

func NewReplicator() *Replicator { return &Replicator{pool: &closingPool{}} }

func (r *Replicator) Replicate(items []string) {
	r.pending.Add(1)
	r.pool.submit(func() {
		defer r.pending.Done()
		_ = items
	})
}

func (r *Replicator) Flush() {
	r.pending.Wait() // want `Flush blocks forever in r.pending.Wait \(line \d+\): Replicate counts in it \(line \d+\) the goroutine submit may not start \(line \d+\), and nothing calls Done when it does not`
}

// One more level: the Add is made by a helper method, the goroutine runs
// a method value, the wait is made by a method the closing method calls,
// and the refusal is read but settles only another count.

type Mirror struct {
	pool    *closingPool
	ready   sync.WaitGroup
	running sync.WaitGroup
}

func NewMirror() *Mirror { return &Mirror{pool: &closingPool{}} }

func (m *Mirror) Start() { m.launch() }

func (m *Mirror) launch() {
	m.running.Add(1)
	m.ready.Add(1)
	if !m.pool.submit(m.loop) {
		m.ready.Done()
	}
	m.ready.Wait()
}

func (m *Mirror) loop() {
	defer m.running.Done()
	m.ready.Done()
}

func (m *Mirror) Close() { m.drain() }

func (m *Mirror) drain() {
	m.running.Wait() // want `drain blocks forever in m.running.Wait \(line \d+\): launch counts in it \(line \d+\) the goroutine submit may not start \(line \d+\), and nothing calls Done when it does not`
}

// Twins: the refusal settles the count, or the goroutine is started
// with a go statement, which always starts it.

type CheckedReplicator struct {
	pool    *closingPool
	pending sync.WaitGroup
}

func NewCheckedReplicator() *CheckedReplicator { return &CheckedReplicator{pool: &closingPool{}} }

func (r *CheckedReplicator) Replicate(items []string) {
	r.pending.Add(1)
	if !r.pool.submit(func() {
		defer r.pending.Done()
		_ = items
	}) {
		r.pending.Done()
	}
}

func (r *CheckedReplicator) Flush() { r.pending.Wait() }

type DirectReplicator struct {
	pending sync.WaitGroup
}

func (r *DirectReplicator) Replicate(items []string) {
	r.pending.Add(1)
	go func() {
		defer r.pending.Done()
		_ = items
	}()
}

func (r *DirectReplicator) Flush() { r.pending.Wait() }

// A local WaitGroup is unjoined's to report, at its Add
// (unjoined/waitgroup/helperstart.go).
func localMaybe(p *closingPool, f func()) {
	var wg sync.WaitGroup
	wg.Add(1)
	p.submit(func() {
		defer wg.Done()
		f()
	})
	wg.Wait()
}
