package engine

import "time"

// A goroutine whose function only calls a method of the package (go
// func() { p.loop() }(), or the method value p.loop handed to a helper)
// is that method's goroutine: what it releases and when it returns are
// the method's, judged as for go p.loop(). Here the loop ends only once a
// receive finds its channel closed, and the driver closes it after its
// last send, so the driver never waits on a loop that has gone.

type switcher struct {
	toggles chan bool
	tick    <-chan time.Time
	polls   int
}

func (s *switcher) loop() {
	more := true
	var on bool
	for more {
		select {
		case <-s.tick:
			if !on {
				continue
			}
			s.polls++
		case on, more = <-s.toggles:
		}
	}
}

func (s *switcher) drive(n int) {
	for i := range n {
		s.toggles <- i%2 == 0
	}
	close(s.toggles)
}

func startSwitcher(n int, tick <-chan time.Time) {
	s := &switcher{toggles: make(chan bool), tick: tick}
	runAsync(func() { s.loop() })
	runAsync(func() { s.drive(n) })
}

func startSwitcherValue(n int, tick <-chan time.Time) {
	s := &switcher{toggles: make(chan bool), tick: tick}
	runAsync(s.loop)
	runAsync(func() { s.drive(n) })
}

// The near miss: the loop also returns when a stop channel closes, and the
// driver's send does not watch it.

type dirProbe struct {
	toggles chan bool
	stop    chan struct{}
}

func (p *dirProbe) loop() {
	for {
		select {
		case <-p.toggles:
		case <-p.stop:
			return
		}
	}
}

func (p *dirProbe) monitor(tick <-chan time.Time) {
	for {
		select {
		case <-p.stop:
			return
		case <-tick:
			p.toggles <- true
		}
	}
}

func newDirProbe(tick <-chan time.Time) *dirProbe {
	p := &dirProbe{toggles: make(chan bool), stop: make(chan struct{})}
	runAsync(func() { p.loop() })
	runAsync(func() { p.monitor(tick) }) // want `the goroutine runAsync starts blocks forever sending on p.toggles \(line \d+\) when the goroutine receiving from it \(line \d+\) returns at line \d+ through <-p.stop`
	return p
}

func (p *dirProbe) close() { close(p.stop) }
