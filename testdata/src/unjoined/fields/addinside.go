package fields

import (
	"sync"
	"time"
)

// Goroutines that count themselves in a WaitGroup field: Close may run
// Wait before they have run their Add, and return while they go on.

type flusher struct {
	wg   sync.WaitGroup
	stop chan struct{}
}

func newFlusher() *flusher {
	f := &flusher{stop: make(chan struct{})}
	go f.loop()
	return f
}

func (f *flusher) loop() {
	f.wg.Add(1) // want `f.wg.Add runs inside the goroutine it counts \(started at line 18\), so f.wg.Wait \(line 35\) may return before it`
	defer f.wg.Done()
	t := time.NewTicker(time.Second)
	defer t.Stop()
	select {
	case <-t.C:
	case <-f.stop:
	}
}

func (f *flusher) Close() {
	close(f.stop)
	f.wg.Wait()
}

// The same, started by a helper the constructor calls, for another type's
// WaitGroup.
type sweeper struct {
	owner *flusher
}

func (f *flusher) startSweeper() {
	sw := &sweeper{owner: f}
	go sw.run()
}

func (sw *sweeper) run() {
	sw.owner.wg.Add(1) // want `sw.owner.wg.Add runs inside the goroutine it counts \(started at line 46\), so f.wg.Wait \(line 35\)`
	defer sw.owner.wg.Done()
	<-sw.owner.stop
}

func newFlusherWithSweeper() *flusher {
	f := newFlusher()
	f.startSweeper()
	return f
}

// Twins: the Add made by the spawner, and a goroutine whose Add counts the
// goroutines it starts, not itself.
type pump struct {
	wg   sync.WaitGroup
	quit chan struct{}
}

func newPump() *pump {
	p := &pump{quit: make(chan struct{})}
	p.wg.Add(1)
	go p.loop()
	return p
}

func (p *pump) loop() {
	defer p.wg.Done()
	for i := 0; i < 3; i++ {
		p.spawn()
	}
	<-p.quit
}

func (p *pump) spawn() {
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		<-p.quit
	}()
}

func (p *pump) Close() {
	close(p.quit)
	p.wg.Wait()
}
