// Package stop has a worker whose loop only Stop ends, and a function
// that starts one and returns without stopping it.
package stop

type Worker struct {
	stop chan struct{}
	jobs chan func()
}

func NewWorker() *Worker { return &Worker{stop: make(chan struct{}), jobs: make(chan func())} }

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

// runAll runs jobs on a worker of its own, one after another.
func runAll(jobs []func()) {
	w := NewWorker()
	w.Start()
	for _, j := range jobs {
		w.Do(j)
	}
}
