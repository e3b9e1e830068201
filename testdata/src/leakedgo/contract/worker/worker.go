// Package worker has a type whose Start runs a loop only Stop ends.
package worker

import "errors"

type Worker struct {
	stop chan struct{}
	jobs chan func()
}

func New() *Worker { return &Worker{stop: make(chan struct{}), jobs: make(chan func())} }

func (w *Worker) Start() {
	go func() {
		for {
			select {
			case <-w.stop:
				return
			case job := <-w.jobs:
				job()
			}
		}
	}()
}

func (w *Worker) Stop() { close(w.stop) }

// StartChecked starts the loop unless n is not positive: like Start, only
// Stop ends what it starts, when it returns no error.
func (w *Worker) StartChecked(n int) error {
	if n <= 0 {
		return errors.New("worker: n must be positive")
	}
	w.Start()
	return nil
}

func (w *Worker) Do(job func()) { w.jobs <- job }
