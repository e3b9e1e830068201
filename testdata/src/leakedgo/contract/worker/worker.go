// Package worker has a type whose Start runs a loop only Stop ends.
package worker

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

func (w *Worker) Do(job func()) { w.jobs <- job }
