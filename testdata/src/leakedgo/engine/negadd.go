package engine

import "sync"

// A WaitGroup released by Add with a negative delta: an acker counts the
// events it publishes and takes back as many as each acknowledgement
// covers, so waiting for it returns once every event is acked. The twin
// only ever adds.

type eventAcker struct {
	wg *sync.WaitGroup
}

func newEventAcker() *eventAcker { return &eventAcker{wg: &sync.WaitGroup{}} }

func (a *eventAcker) Published(n int) { a.wg.Add(n) }

func (a *eventAcker) Acked(events []string) { a.wg.Add(-len(events)) }

func (a *eventAcker) AckedBatch(n int) { a.wg.Add(-1 * n) }

func (a *eventAcker) Wait(done chan<- struct{}) {
	go func() {
		a.wg.Wait()
		close(done)
	}()
}

type countingAcker struct {
	wg *sync.WaitGroup
}

func newCountingAcker() *countingAcker { return &countingAcker{wg: &sync.WaitGroup{}} }

func (a *countingAcker) Published(n int) { a.wg.Add(n) }

func (a *countingAcker) Acked(events []string) { a.wg.Add(len(events)) }

func (a *countingAcker) Wait(done chan<- struct{}) {
	go func() { // want `goroutine blocks forever in a\.wg\.Wait \(line \d+\): nothing calls a\.wg\.Done`
		a.wg.Wait()
		close(done)
	}()
}
