package locks

import "sync"

// A sealBatch is locked while it is in flight: the encryption worker that
// receives it unlocks it, and an empty one goes back to the pool, whose
// get makes it new. Either way the lock goes with the sealBatch.
type sealBatch struct {
	sync.Mutex
	items []string
}

// A boundedPool wraps a sync.Pool, as wireguard's WaitPool does.
type boundedPool struct {
	pool  sync.Pool
	count int
}

func (b *boundedPool) Put(x any) {
	b.count--
	b.pool.Put(x)
}

type pipeline struct {
	pool    boundedPool
	staged  chan *sealBatch
	encrypt chan *sealBatch
}

func newPipeline() *pipeline {
	p := &pipeline{staged: make(chan *sealBatch, 16), encrypt: make(chan *sealBatch, 16)}
	p.pool.pool.New = func() any { return new(sealBatch) }
	go p.encryptAll()
	return p
}

func (p *pipeline) Close() { close(p.encrypt) }

func (p *pipeline) getSealBatch() *sealBatch {
	b := p.pool.pool.Get().(*sealBatch)
	b.Mutex = sync.Mutex{}
	return b
}

func (p *pipeline) putSealBatch(b *sealBatch) {
	b.items = b.items[:0]
	p.pool.Put(b)
}

func (p *pipeline) send() {
	for {
		select {
		case b := <-p.staged:
			b.Lock()
			if len(b.items) == 0 {
				p.putSealBatch(b)
				continue
			}
			p.encrypt <- b
		default:
			return
		}
	}
}

func (p *pipeline) encryptAll() {
	for b := range p.encrypt {
		b.items = append(b.items, "sealed")
		b.Unlock()
	}
}

// flush waits for the sealBatch in flight to be sealed.
func (p *pipeline) flush(b *sealBatch) {
	b.Lock()
	b.Unlock()
}

// sendDropped drops an empty sealBatch still locked: nothing gets it again,
// but a flush of it waits forever.
func (p *pipeline) sendDropped() {
	for {
		select {
		case b := <-p.staged:
			b.Lock() // want `still locked`
			if len(b.items) == 0 {
				p.drop(b)
				continue
			}
			p.encrypt <- b
		default:
			return
		}
	}
}

func (p *pipeline) drop(b *sealBatch) { b.items = nil }
