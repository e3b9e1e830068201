package engine

import "sync"

// A receiver whose only return is on finding the channel closed leaves no
// sender blocked: a send on a closed channel panics, it does not wait
// (anacrolix/torrent's upstream announces, whose channel is closed once
// every announce was counted in).

func gatherAll(fetches []func() int, out chan<- int, snapshots chan<- int) {
	results := make(chan int)
	n := 0
	var pending sync.WaitGroup
	for _, f := range fetches {
		pending.Add(1)
		go func() { results <- f() }()
	}
	go func() {
		pending.Wait()
		close(results)
	}()
	go func() {
		for {
			select {
			case r, ok := <-results:
				if !ok {
					return
				}
				out <- r
				n++
				pending.Done()
			case snapshots <- n:
			}
		}
	}()
}

// The twin's receiver can also return on a stop of its own, before the
// senders are done.
func gatherUntil(fetches []func() int, out chan<- int, stop <-chan struct{}) {
	results := make(chan int)
	var pending sync.WaitGroup
	for _, f := range fetches {
		pending.Add(1)
		go func() { results <- f() }() // want `goroutine blocks forever sending on results \(line 45\) when the goroutine receiving from it \(line 51\) returns at line 61 through <-stop`
	}
	go func() {
		pending.Wait()
		close(results)
	}()
	go func() {
		for {
			select {
			case r, ok := <-results:
				if !ok {
					return
				}
				out <- r
				pending.Done()
			case <-stop:
				return
			}
		}
	}()
}
