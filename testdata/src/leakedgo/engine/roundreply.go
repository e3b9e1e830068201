package engine

import "errors"

// A loop that starts one call per round and waits for its answer, or
// returns when stopped: the answer of the round in flight then finds
// nobody. The call answers success in a select that also watches stop,
// but failure with a plain send.

type prober struct {
	stop chan struct{}
	call func() error
}

func newProber(call func() error) *prober {
	return &prober{stop: make(chan struct{}), call: call}
}

func (p *prober) Stop() { close(p.stop) }

func (p *prober) loop() {
	done := make(chan bool)
	for {
		go func() { // want `goroutine blocks forever sending on done \(line \d+\) when loop returns at line \d+ through <-p.stop`
			if err := p.call(); err != nil {
				done <- false
				return
			}
			select {
			case <-p.stop:
			case done <- true:
			}
		}()
		select {
		case <-p.stop:
			return
		case <-done:
		}
	}
}

// The same in a goroutine that Start launches.

func (p *prober) Start() {
	go func() {
		done := make(chan bool)
		for {
			go func() { // want `goroutine blocks forever sending on done \(line \d+\) when the enclosing function literal returns at line \d+ through <-p.stop`
				if p.call() != nil {
					done <- false
					return
				}
				select {
				case <-p.stop:
				case done <- true:
				}
			}()
			select {
			case <-p.stop:
				return
			case <-done:
			}
		}
	}()
}

// The same with the call in a method, and rounds counted.

func (p *prober) probe(results chan error) {
	err := p.call()
	if err == nil {
		select {
		case results <- nil:
		case <-p.stop:
		}
		return
	}
	results <- errors.Join(err, errors.New("probe failed"))
}

func (p *prober) rounds(n int) int {
	results := make(chan error)
	ok := 0
	for i := 0; i < n; i++ {
		go p.probe(results) // want `goroutine blocks forever sending on results in probe \(line \d+\) when rounds returns at line \d+ through <-p.stop`
		select {
		case err := <-results:
			if err == nil {
				ok++
			}
		case <-p.stop:
			return ok
		}
	}
	return ok
}

// The twins: the failure also watches stop, or every round waits for an
// answer that always comes.

func (p *prober) loopBoth() {
	done := make(chan bool)
	for {
		go func() {
			ok := p.call() == nil
			select {
			case <-p.stop:
			case done <- ok:
			}
		}()
		select {
		case <-p.stop:
			return
		case <-done:
		}
	}
}

func (p *prober) probeAlways(results chan error) { results <- p.call() }

func (p *prober) roundsAll(n int) int {
	results := make(chan error)
	ok := 0
	for i := 0; i < n; i++ {
		go p.probeAlways(results)
		if err := <-results; err == nil {
			ok++
		}
	}
	return ok
}
