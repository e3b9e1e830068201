package engine

import (
	"context"
	"io"
	"net"
	"sync"
	"time"
)

// Near misses: correct code each earlier version of the analysis reported.

// A goroutine that ranges over a ticker and returns only through
// ctx.Done(), calling Done first: it cannot return without Done.
func tickUntilDone(ctx context.Context, wg *sync.WaitGroup, work func()) {
	wg.Add(1)
	go func() {
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				work()
			case <-ctx.Done():
				wg.Done()
				return
			}
		}
	}()
}

// A flag-controlled loop that does receive.
func drainFlag(ch chan int) {
	go func() { ch <- 1 }()
	done := false
	for !done {
		select {
		case <-ch:
			done = true
		default:
			time.Sleep(time.Millisecond)
		}
	}
}

// A receive guarded by the condition that guarded the goroutine's start.
func guarded(enabled bool, f func() int) int {
	results := make(chan int)
	if enabled {
		go func() { results <- f() }()
	}
	if enabled {
		return <-results
	}
	return 0
}

// Closing a connection, wrapped in a struct, stops the goroutine reading
// it.
type stream struct{ conn net.Conn }

func (s *stream) Close() error { return s.conn.Close() }

func readAll(s *stream, out chan<- []byte) {
	defer s.Close()
	go func() {
		buf := make([]byte, 512)
		for {
			n, err := s.conn.Read(buf)
			if err != nil {
				return
			}
			out <- buf[:n]
		}
	}()
	time.Sleep(time.Second)
}

// defer cancel() on a goroutine whose way out is that cancellation.
func pollUntilCancelled(parent context.Context, poll func()) {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case <-time.After(time.Second):
				poll()
			}
		}
	}()
	time.Sleep(time.Second)
}

// A second WaitGroup that orders Add before Wait.
func twoGroups(items []int, work func(int)) {
	var started, finished sync.WaitGroup
	for _, it := range items {
		started.Add(1)
		finished.Add(1)
		go func() {
			defer finished.Done()
			started.Done()
			work(it)
		}()
	}
	started.Wait()
	finished.Wait()
}

// A Stop in a goroutine the spawner waits for.
func stopInWaitedGoroutine(r *registry) error {
	ss, err := newSession(r.ctx)
	if err != nil {
		return err
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		ss.Close()
	}()
	<-done
	return nil
}

// An io.Pipe whose writer the goroutine closes when done.
func piped(src []byte) io.Reader {
	pr, pw := io.Pipe()
	go func() {
		pw.Write(src)
		pw.Close()
	}()
	return pr
}
