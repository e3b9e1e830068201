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

// A generic type's methods each see its fields through their own
// receiver type parameters; a field is one field for all of them. The
// channel Init makes after resetting the struct is the one the loop
// ranges over and Put sends on.

type gpool[V any] struct {
	capacity  int
	releasing chan V
	exited    sync.WaitGroup
}

func (p *gpool[V]) Init(capacity int) {
	*p = gpool[V]{capacity: capacity}
	p.releasing = make(chan V, 100)
	p.exited.Add(1)
	go p.releaseLoop()
}

func (p *gpool[V]) releaseLoop() {
	defer p.exited.Done()
	for v := range p.releasing {
		_ = v
	}
}

func (p *gpool[V]) Put(v V) { p.releasing <- v }

func (p *gpool[V]) Close() {
	close(p.releasing)
	p.exited.Wait()
}

// The same type without the make: its channel is nil in every method.

type brokenPool[V any] struct {
	releasing chan V
}

func (p *brokenPool[V]) Init() {
	*p = brokenPool[V]{}
	go p.releaseLoop()
}

func (p *brokenPool[V]) releaseLoop() {
	for v := range p.releasing { // want `releaseLoop blocks forever in its range over p.releasing \(line \d+\): p.releasing is nil`
		_ = v
	}
}

func (p *brokenPool[V]) Put(v V) { p.releasing <- v } // want `Put blocks forever sending on p.releasing \(line \d+\): p.releasing is nil`

// A range over a Ticker's channel never ends, but a loop whose body
// returns ends there: the goroutine stops when its work runs out. One
// whose loop has no way out, behind an early return, is still reported.

type dnsCache struct {
	mu      sync.Mutex
	entries map[string]time.Time
	running bool
}

func (d *dnsCache) startCleaner() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if !d.running {
		d.running = true
		go d.clean()
	}
}

func (d *dnsCache) clean() {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for range t.C {
		d.mu.Lock()
		for k, at := range d.entries {
			if time.Since(at) > time.Minute {
				delete(d.entries, k)
			}
		}
		empty := len(d.entries) == 0
		if empty {
			d.running = false
		}
		d.mu.Unlock()
		if empty {
			return
		}
	}
}

func (d *dnsCache) startSweeper(enabled bool) {
	go func() { // want `goroutine blocks forever in its range over t.C \(line \d+\): a Ticker's channel is never closed, so the loop never ends`
		if !enabled {
			return
		}
		t := time.NewTicker(time.Second)
		for range t.C {
			d.mu.Lock()
			clear(d.entries)
			d.mu.Unlock()
		}
	}()
}
