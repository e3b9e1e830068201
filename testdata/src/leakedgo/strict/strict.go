package strict

import (
	"context"
	"fmt"
	"sync"
)

func fireAndForget(ctx context.Context, msg string) error {
	go func() { // want `goroutine is not joined: nothing waits for it to finish when fireAndForget returns at line 13`
		fmt.Println(msg)
	}()
	return nil
}

func oneLiner(msgs []string) {
	for _, m := range msgs {
		go func() { fmt.Println(m) }() // want `goroutine is not joined: nothing waits for it to finish when oneLiner returns at line 20`
	}
}

func earlyReturn(ctx context.Context, fail bool) {
	go func() { // want `goroutine is not joined: nothing waits for it to finish when earlyReturn returns at line 29`
		if fail {
			return
		}
		fmt.Println("done")
	}()
}

func namedFunc() {
	go fmt.Println("x") // want `goroutine is not joined`
}

// Near misses: joined.

func waitGroup(items []string) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fmt.Println(it)
		}()
	}
	wg.Wait()
}

func doneChan() {
	done := make(chan struct{})
	go func() {
		defer close(done)
		fmt.Println("x")
	}()
	<-done
}

type Server struct {
	wg   sync.WaitGroup
	stop chan struct{}
}

func NewServer() *Server { return &Server{stop: make(chan struct{})} }

func (s *Server) Start() {
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		<-s.stop
	}()
}

func (s *Server) Close() {
	close(s.stop)
	s.wg.Wait()
}

// gopls's mcp Run: two goroutines in one function, each fixed with a group
// of its own; the names must not clash when both fixes are applied.
func twoGroups(ctx context.Context, a, b chan string) {
	go func() { // want `goroutine is not joined`
		for s := range a {
			fmt.Println(s)
		}
	}()
	go func() { // want `goroutine is not joined`
		for s := range b {
			fmt.Println(s)
		}
	}()
}

// ydb's FastClock: the loop's only way out is a return, so no return nil
// is added after it (it would be unreachable).
func loopReturns(ctx context.Context, stop func() bool) {
	go func() { // want `goroutine is not joined`
		for {
			if stop() {
				return
			}
			select {
			case <-ctx.Done():
			default:
			}
		}
	}()
}

// clickhouse-go's context watchdog: the goroutine ends when the returned
// function closes exit, after the spawner has returned. Joining it at the
// return would wait forever, so there is no group fix.
func watchdog(ctx context.Context, callback func()) (cancel func()) {
	exit, done := make(chan struct{}), make(chan struct{})
	go func() { // want `goroutine is not joined`
		defer close(done)
		select {
		case <-exit:
			return
		case <-ctx.Done():
			callback()
			return
		}
	}()
	return func() {
		close(exit)
		<-done
	}
}

// go-redis's autopipeline test: the go statement is in a loop whose
// variable is g, so the group is named g2.
func shadowedName(ctx context.Context, n int) {
	for g := 0; g < n; g++ {
		go func() { // want `goroutine is not joined`
			fmt.Println("worker")
		}()
	}
}

// ydb's FastClock: the goroutine runs until a flag that a cleanup sets,
// after the spawner has returned. No group fix: joining it would hang.
func stoppedByCleanup(cleanup func(func()), tick func()) {
	var mu sync.Mutex
	stop := false
	go func() { // want `goroutine is not joined`
		for {
			mu.Lock()
			done := stop
			mu.Unlock()
			if done {
				return
			}
			tick()
		}
	}()
	cleanup(func() {
		mu.Lock()
		stop = true
		mu.Unlock()
	})
}

// A loop working for a value whose type has no end (no Close, no Stop) is
// meant to run as long as the process holds the value; strict mode
// reports it all the same.
type Meter struct {
	mu sync.Mutex
	n  int
}

func NewMeter() *Meter {
	m := &Meter{}
	go func() { // want `goroutine never returns: its loop \(line \d+\) has no way out, so nothing can stop it;`
		for {
			m.mu.Lock()
			m.n++
			m.mu.Unlock()
		}
	}()
	return m
}

// A context the spawner cancels when it returns, cutting short a goroutine
// that still works under it, is reported in strict mode only: on real
// code, cancelling is nearly always how the goroutine is meant to stop.

func notify(ctx context.Context, event string) error { return ctx.Err() }

func notifyAndForget(ctx context.Context, event string) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() { // want `goroutine's work under ctx \(line \d+\) is cancelled when notifyAndForget returns and its defer cancel\(\) runs`
		notify(ctx, event)
	}()
}

func fetch(ctx context.Context, url string) error { return notify(ctx, url) }

func prefetch(ctx context.Context, url string) {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	go fetch(ctx, url) // want `goroutine's work under ctx \(line \d+\) is cancelled when prefetch returns and its defer cancel\(nil\) runs`
}

// Near miss, in strict mode too: a goroutine that only waits for the
// cancellation stops when it is told to; it is only not joined.
func watch(ctx context.Context, done func()) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() { // want `goroutine is not joined`
		<-ctx.Done()
		done()
	}()
}

// A value whose goroutine only its Close ends, kept in a field of a type
// with no end of its own, is reported in strict mode only.

type broadcaster struct{ stop chan struct{} }

func newBroadcaster() *broadcaster {
	b := &broadcaster{stop: make(chan struct{})}
	go b.run() // want `goroutine is not joined`
	return b
}

func (b *broadcaster) run()   { <-b.stop }
func (b *broadcaster) Close() { close(b.stop) }

type index struct{ feed *broadcaster }

func newIndex() *index {
	ix := &index{}
	ix.feed = newBroadcaster() // want `newBroadcaster starts a goroutine that only its Close ends, but newIndex keeps it in field feed, on which nothing in the package calls Close`
	return ix
}
