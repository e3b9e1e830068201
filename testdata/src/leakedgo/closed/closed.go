package closed

import "errors"

// --- A receive that sees the channel closed, when the one goroutine that
// sends on it closes it after its sends: that goroutine is past them.

type job struct{ id int }

// Correct: the function returns only once the producer has closed jobs,
// which it does after its last send.
func drainInBatches(n, batch int, handle func([]job)) {
	jobs := make(chan job)
	go func() {
		for i := 0; i < n; i++ {
			jobs <- job{i}
		}
		close(jobs)
	}()
	for {
		var got []job
		for j := 0; j < batch; j++ {
			v, open := <-jobs
			if !open {
				handle(got)
				return
			}
			got = append(got, v)
		}
		handle(got)
	}
}

type task struct{ id int }

// The bug: a bad task returns while the producer still sends.
func drainUntilBad(n, batch int, handle func([]task)) error {
	tasks := make(chan task)
	go func() { // want `goroutine blocks forever sending on tasks \(line \d+\) when drainUntilBad returns at line 54`
		for i := 0; i < n; i++ {
			tasks <- task{i}
		}
		close(tasks)
	}()
	for {
		var got []task
		for j := 0; j < batch; j++ {
			v, open := <-tasks
			if !open {
				handle(got)
				return nil
			}
			if v.id < 0 {
				return errBad
			}
			got = append(got, v)
		}
		handle(got)
	}
}

var errBad = errors.New("bad task")
