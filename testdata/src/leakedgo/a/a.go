package a

import (
	"context"
	"errors"
	"time"
)

type Result struct{}

func get(url string) *Result { return nil }

func fetch(ctx context.Context, url string) (*Result, error) {
	results := make(chan *Result)
	go func() { // want `goroutine blocks forever sending on results \(line 16\) when fetch returns at line 22 through <-ctx.Done\(\)`
		results <- get(url)
	}()
	select {
	case r := <-results:
		return r, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func timeout(url string) (*Result, error) {
	ch := make(chan *Result, 0)
	go func() { ch <- get(url) }() // want `goroutine blocks forever sending on ch \(line 28\) when timeout returns at line 33 through <-time.After\(time.Second\)`
	select {
	case r := <-ch:
		return r, nil
	case <-time.After(time.Second):
		return nil, errors.New("timeout")
	}
}

func earlyReturn(url string, check func() error) (*Result, error) {
	errc := make(chan error)
	go func() { // want `goroutine blocks forever sending on errc \(line 40\) when earlyReturn returns at line 43`
		errc <- check()
	}()
	if url == "" {
		return nil, errors.New("empty url")
	}
	if err := <-errc; err != nil {
		return nil, err
	}
	return get(url), nil
}

func worker(out chan<- int) { out <- 1 }

func namedWorker(ctx context.Context) int {
	out := make(chan int)
	go worker(out) // want `goroutine blocks forever sending on out in worker \(line 51\) when namedWorker returns at line 60 through <-ctx.Done\(\)`
	select {
	case v := <-out:
		return v
	case <-ctx.Done():
		return 0
	}
}

// Near misses: none of these can block forever.

func buffered(ctx context.Context, url string) (*Result, error) {
	results := make(chan *Result, 1)
	go func() { results <- get(url) }()
	select {
	case r := <-results:
		return r, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func selectSend(ctx context.Context, url string) (*Result, error) {
	results := make(chan *Result)
	go func() {
		select {
		case results <- get(url):
		case <-ctx.Done():
		}
	}()
	select {
	case r := <-results:
		return r, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func alwaysReceives(url string) *Result {
	results := make(chan *Result)
	go func() { results <- get(url) }()
	return <-results
}

func deferredReceive(url string, fail bool) error {
	errc := make(chan error)
	go func() { errc <- nil }()
	defer func() { <-errc }()
	if fail {
		return errors.New("fail")
	}
	return nil
}

func closes(ctx context.Context) {
	done := make(chan struct{})
	go func() { close(done) }()
	select {
	case <-done:
	case <-ctx.Done():
	}
}

func escapes(ctx context.Context) chan int {
	ch := make(chan int)
	go func() { ch <- 1 }()
	return ch
}

func suppressed(ctx context.Context) {
	ch := make(chan int)
	//lint:ignore leakedgo the caller cancels ctx only at shutdown
	go func() { ch <- 1 }()
	select {
	case <-ch:
	case <-ctx.Done():
	}
}

func oneOfSeveralSends(check func() error) error {
	errc := make(chan error, 1)
	defer func() {
		if err := <-errc; err != nil {
			panic(err)
		}
	}()
	go func() {
		if err := check(); err != nil {
			errc <- err
			return
		}
		errc <- nil
	}()
	return nil
}

func deferAfterGo(check func() error) error {
	errc := make(chan error)
	go func() { errc <- check() }()
	defer func() { <-errc }()
	return nil
}

func twoSendsOnOnePath(ctx context.Context) {
	ch := make(chan int, 1)
	go func() { // want `goroutine blocks forever on its second send on ch \(line 162\): twoSendsOnOnePath receives none before it returns at line 169 through <-ctx.Done\(\)`
		ch <- 1
		ch <- 2
	}()
	select {
	case <-ch:
		<-ch
	case <-ctx.Done():
	}
}

func implicitReturn(fail bool) {
	ch := make(chan int)
	go func() { ch <- 1 }() // want `goroutine blocks forever sending on ch \(line 173\) when implicitReturn returns at line 175`
	if fail {
		return
	}
	<-ch
}
