package waitgroup

import "sync"

type job struct {
	n     int
	reply chan error
}

// A producer that counts each job before handing it over and closes its
// channel when done: the consumer waits only after it saw the channel
// closed, so every Add came before the Wait.
func produceCounted(n int) {
	jobs := make(chan job)
	var wg sync.WaitGroup
	go func() {
		for i := 0; i < n; i++ {
			wg.Add(1)
			reply := make(chan error)
			jobs <- job{i, reply}
			go func() {
				defer wg.Done()
				<-reply
			}()
		}
		close(jobs)
	}()
	for {
		j, ok := <-jobs
		if !ok {
			wg.Wait()
			return
		}
		j.reply <- nil
	}
}

// The same with a range: the Wait after it ends.
func rangeCounted(n int) {
	jobs := make(chan job)
	var wg sync.WaitGroup
	go func() {
		for i := 0; i < n; i++ {
			wg.Add(1)
			reply := make(chan error)
			jobs <- job{i, reply}
			go func() {
				defer wg.Done()
				<-reply
			}()
		}
		close(jobs)
	}()
	for j := range jobs {
		j.reply <- nil
	}
	wg.Wait()
}

type batch struct{ n int }

// Here the producer closes its channel first and counts its workers
// after: the Wait can run before their Adds.
func closedBeforeCounting(xs []int) {
	out := make(chan batch)
	var wg sync.WaitGroup
	go func() {
		for _, x := range xs {
			out <- batch{x}
		}
		close(out)
		for range xs {
			wg.Add(1) // want `wg.Add runs on the goroutine started at line 67, concurrently with wg.Wait \(line 81\), which may return before it`
			go func() {
				defer wg.Done()
			}()
		}
	}()
	for range out {
	}
	wg.Wait()
}
