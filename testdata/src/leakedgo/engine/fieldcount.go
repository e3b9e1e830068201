package engine

import "sync"

// A WaitGroup kept in a field, to which a method adds more than the
// goroutines it starts can take away: every Done of the WaitGroup is made
// by those goroutines, at most once each, so the count never gets back to
// zero and the method that waits on the field waits forever.

type Batcher struct {
	pending sync.WaitGroup
	out     []int
}

func (b *Batcher) Start(items []int) {
	b.pending.Add(2)
	go func() {
		defer b.pending.Done()
		b.out = append(b.out, items...)
	}()
}

func (b *Batcher) Close() {
	b.pending.Wait() // want `Close blocks forever in b.pending.Wait \(line \d+\): Start adds 2 to it \(line \d+\), but the goroutines it starts \(line \d+\) call Done once at most`
}

// One more level: the Add in a method Start calls, the goroutines running
// methods, the Wait in a method Close calls; three added, two started.

type Indexer struct {
	workers sync.WaitGroup
}

func (x *Indexer) Start() { x.launch() }

func (x *Indexer) launch() {
	x.workers.Add(3)
	go x.scan()
	go x.merge()
}

func (x *Indexer) scan()  { defer x.workers.Done() }
func (x *Indexer) merge() { defer x.workers.Done() }

func (x *Indexer) Close() { x.join() }

func (x *Indexer) join() {
	x.workers.Wait() // want `join blocks forever in x.workers.Wait \(line \d+\): launch adds 3 to it \(line \d+\), but the goroutines it starts \(line \d+\) call Done twice at most`
}

// Twins: as many goroutines as added; a Done made elsewhere too (the
// model does not count those); an Add that is not a constant.

type PairBatcher struct {
	pending sync.WaitGroup
}

func (b *PairBatcher) Start() {
	b.pending.Add(2)
	go func() { defer b.pending.Done() }()
	go func() { defer b.pending.Done() }()
}

func (b *PairBatcher) Close() { b.pending.Wait() }

type SettledBatcher struct {
	pending sync.WaitGroup
}

func (b *SettledBatcher) Start() {
	b.pending.Add(2)
	go func() { defer b.pending.Done() }()
	b.settle()
}

func (b *SettledBatcher) settle() { b.pending.Done() }

func (b *SettledBatcher) Close() { b.pending.Wait() }

type SizedBatcher struct {
	pending sync.WaitGroup
}

func (b *SizedBatcher) Start(n int) {
	b.pending.Add(n)
	for range n {
		go func() { defer b.pending.Done() }()
	}
}

func (b *SizedBatcher) Close() { b.pending.Wait() }

// A local WaitGroup is unjoined's to report, at its Add (unjoined/skipped).
func localShort() {
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done() }()
	wg.Wait()
}
