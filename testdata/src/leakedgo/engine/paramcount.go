package engine

// A buffer sized by one parameter and filled by a loop over another, in
// a function every call of which passes counts that agree: a slice made
// with the length it gives as the size, or nil and 0 (tidb's top-N spill
// helper). Each call fills the buffer and no more.

type spillWorker struct{ id int }

type spillPool struct{ free chan *spillWorker }

func (p *spillPool) take() *spillWorker { return <-p.free }

func newSpillPool(workers []*spillWorker, n int) *spillPool {
	free := make(chan *spillWorker, n)
	for i := 0; i < len(workers); i++ {
		free <- workers[i]
	}
	return &spillPool{free: free}
}

func startSpill(n int, spill bool) *spillPool {
	if !spill {
		return newSpillPool(nil, 0)
	}
	workers := make([]*spillWorker, n)
	for i := range workers {
		workers[i] = &spillWorker{id: i}
	}
	return newSpillPool(workers, n)
}

// The twin: one call gives a buffer one short of the slice.
func newShortPool(workers []*spillWorker, n int) *spillPool {
	free := make(chan *spillWorker, n)
	for i := 0; i < len(workers); i++ {
		free <- workers[i] // want `newShortPool blocks forever sending on free \(line \d+\): no other goroutine can have it yet \(made at line \d+\), and the loop can send more than its buffer holds`
	}
	return &spillPool{free: free}
}

func startShort(n int) *spillPool {
	workers := make([]*spillWorker, n)
	if n > 1 {
		return newShortPool(workers, n-1)
	}
	return newShortPool(workers, n)
}
