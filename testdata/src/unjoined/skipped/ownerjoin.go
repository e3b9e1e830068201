package skipped

import "sync"

// A goroutine counted in two WaitGroups: a field one that the type's Stop
// waits on, and a local one that Start waits on in one mode only, to
// return after a first complete pass. A Start that skips the local Wait
// leaves the goroutine to Stop, which joins it.

type Runner struct {
	wg   *sync.WaitGroup
	done chan struct{}
	once bool
}

func (p *Runner) Start() {
	p.wg.Add(1)
	var first sync.WaitGroup
	if p.once {
		defer first.Wait()
	}
	first.Add(1)
	go func() {
		defer func() {
			first.Done()
			p.wg.Done()
		}()
		p.scan()
	}()
}

func (p *Runner) scan() {
	select {
	case <-p.done:
	default:
	}
}

func (p *Runner) Stop() {
	close(p.done)
	p.wg.Wait()
}

// Other names, and the field's Done in a method the goroutine calls.

type Poller struct {
	running sync.WaitGroup
	quit    chan struct{}
	sync    bool
}

func (q *Poller) Launch() {
	q.running.Add(1)
	ready := &sync.WaitGroup{}
	ready.Add(1)
	go func() {
		defer q.exited()
		ready.Done()
		<-q.quit
	}()
	if q.sync {
		ready.Wait()
	}
}

func (q *Poller) exited() { q.running.Done() }

func (q *Poller) Close() {
	close(q.quit)
	q.running.Wait()
}

// Near miss: the field WaitGroup that counts the goroutine is never
// waited on, so the local one is its only join.

type Watcher struct {
	active sync.WaitGroup
	quit   chan struct{}
	sync   bool
}

func (w *Watcher) Launch() {
	w.active.Add(1)
	ready := &sync.WaitGroup{}
	ready.Add(1) // want `ready.Add counts goroutines that Launch does not wait for when it returns at line \d+: call ready.Wait first`
	go func() {
		defer w.active.Done()
		ready.Done()
		<-w.quit
	}()
	if w.sync {
		ready.Wait()
	}
}

func (w *Watcher) Close() { close(w.quit) }
