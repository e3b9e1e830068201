package contract

import "errors"

// A Start that says by its result whether it started its goroutine (a
// status code, a bool) started nothing when it says it did not: returning
// on that answer leaves nothing to stop.

type opResult rune

const (
	opOK opResult = iota
	opBusy
)

type petter struct {
	on   bool
	stop chan struct{}
}

func newPetter() *petter { return &petter{stop: make(chan struct{})} }

func (p *petter) Start() opResult {
	if p.on {
		return opBusy
	}
	go func() {
		<-p.stop
	}()
	return opOK
}

// TryStart says true when it started the goroutine.
func (p *petter) TryStart() bool {
	if p.on {
		return false
	}
	go func() {
		<-p.stop
	}()
	return true
}

func (p *petter) Stop() { close(p.stop) }

func petFor(work func()) error {
	p := newPetter()
	if r := p.Start(); r != opOK {
		return errors.New("petting did not start")
	}
	work()
	p.Stop()
	return nil
}

func petIfFree(work func()) bool {
	p := newPetter()
	if !p.TryStart() {
		return false
	}
	defer p.Stop()
	work()
	return true
}

// The twin's caller returns on the other answer: the goroutine runs.

func petUnlessStarted(work func()) error {
	p := newPetter()
	if r := p.Start(); r == opOK { // want `p.Start starts a goroutine that only p.Stop ends, but petUnlessStarted returns at line 71 without calling it`
		return errors.New("started")
	}
	work()
	return nil
}
