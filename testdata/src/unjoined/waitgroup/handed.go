package waitgroup

import (
	"sync"

	"unjoined/waitgroup/cleanup"
)

// A goroutine that hands a Done to a cleanup object, whose deferred Clean
// runs it on every return, as gVisor's page loader does: from the
// hand-over on, its returns owe that Done. The loader counts one more for
// the loading it starts, and gives it back itself when the start fails.

type loader struct {
	wg  sync.WaitGroup
	err error
}

func newLoader(start func() error, load func() error) *loader {
	l := &loader{}
	l.wg.Add(1)
	go l.run(start, load)
	return l
}

func (l *loader) run(start, load func() error) {
	cu := cleanup.Make(func() { l.wg.Done() })
	defer cu.Clean()
	l.wg.Add(1)
	if err := start(); err != nil {
		l.wg.Done()
		return
	}
	go func() {
		defer l.wg.Done()
		l.err = load()
	}()
}

func (l *loader) Wait() error {
	l.wg.Wait()
	return l.err
}

// The bug twin: a return before the hand-over owes the Done.

type lateLoader struct {
	wg  sync.WaitGroup
	err error
}

func newLateLoader(open, start, load func() error) *lateLoader {
	l := &lateLoader{}
	l.wg.Add(1)
	go l.run(open, start, load) // want `goroutine can return at line \d+ without calling l\.wg\.Done, and l\.wg\.Wait \(line \d+\) then waits forever`
	return l
}

func (l *lateLoader) run(open, start, load func() error) {
	if err := open(); err != nil {
		return
	}
	cu := cleanup.Make(func() { l.wg.Done() })
	defer cu.Clean()
	l.wg.Add(1)
	if err := start(); err != nil {
		l.wg.Done()
		return
	}
	go func() {
		defer l.wg.Done()
		l.err = load()
	}()
}

func (l *lateLoader) Wait() error {
	l.wg.Wait()
	return l.err
}
