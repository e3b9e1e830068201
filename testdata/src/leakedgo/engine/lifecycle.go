package engine

import (
	"context"
	"errors"
	"testing"
	"time"
)

// A constructor whose goroutine only Close stops: every path of its
// caller must close it or hand it on.

type session struct {
	cancel context.CancelFunc
	done   chan struct{}
}

func newSession(parent context.Context) (*session, error) {
	ctx, cancel := context.WithCancel(parent)
	s := &session{cancel: cancel, done: make(chan struct{})}
	go func() {
		defer close(s.done)
		<-ctx.Done()
	}()
	return s, nil
}

func (s *session) Close() {
	s.cancel()
	<-s.done
}

type registry struct{ ctx context.Context }

func newRegistry() *registry { return &registry{ctx: context.Background()} }

var errNoPrefix = errors.New("no prefix")

func (r *registry) register(prefix string) (*session, error) {
	ss, err := newSession(r.ctx) // want `newSession starts a goroutine that only ss.Close ends, but register returns at line 45 without calling it`
	if err != nil {
		return nil, err
	}
	if prefix == "" {
		return nil, errNoPrefix
	}
	return ss, nil
}

func (r *registry) registerFixed(prefix string) (*session, error) {
	ss, err := newSession(r.ctx)
	if err != nil {
		return nil, err
	}
	if prefix == "" {
		ss.Close()
		return nil, errNoPrefix
	}
	return ss, nil
}

// Stops that count: deferred in a closure, registered with t.Cleanup.

func (r *registry) deferredInClosure() error {
	ss, err := newSession(r.ctx)
	if err != nil {
		return err
	}
	defer func() {
		ss.Close()
	}()
	return nil
}

func cleanedUp(t *testing.T, r *registry) {
	ss, err := newSession(r.ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ss.Close() })
}

// A context nothing cancels.

func watch(f func()) {
	ctx, _ := context.WithCancel(context.Background())
	go func() { // want `goroutine blocks forever receiving from ctx.Done\(\) \(line 88\): nothing cancels the context`
		<-ctx.Done()
		f()
	}()
}

func watchWithTimeout(f func()) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	go func() {
		defer cancel()
		<-ctx.Done()
		f()
	}()
}

// A channel that is nil on one path.

func notify(enabled bool) (<-chan struct{}, error) {
	if !enabled {
		return nil, errors.New("notifications are off")
	}
	ch := make(chan struct{}, 1)
	ch <- struct{}{}
	return ch, nil
}

func waitNotified(enabled bool) {
	ch, err := notify(enabled)
	if err != nil {
		ch = nil
	}
	<-ch // want `waitNotified blocks forever receiving from ch \(line 118\) on a path where ch is nil: a nil channel blocks forever`
}

func waitNotifiedGuarded(enabled bool) {
	var ch <-chan struct{}
	if enabled {
		ch, _ = notify(enabled)
	}
	if enabled {
		<-ch
	}
}

// A helper that starts a collector and ends it before returning (it
// closes the channel the collector ranges over, then waits) is no
// lifecycle of its receiver's type: its callers' calls start and stop the
// goroutine, whichever other methods call the helper too.

type store struct{ tables []int }

func (s *store) merge(parts [][]int) {
	res := make(chan int, 3)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for t := range res {
			s.tables = append(s.tables, t)
		}
	}()
	for _, p := range parts {
		for _, t := range p {
			res <- t
		}
	}
	close(res)
	<-done
}

func (s *store) Compact(parts [][]int) { s.merge(parts) }

func (s *store) Close(parts [][]int) error {
	s.merge(parts)
	s.tables = nil
	return nil
}

func useStore(parts [][]int) error {
	s := &store{}
	s.Compact(parts)
	if len(parts) == 0 {
		return errNoPrefix
	}
	return s.Close(parts)
}

// The same with the stop deferred before the goroutine starts, through a
// method of the type.

func (s *store) drain(res chan int) { close(res) }

func (s *store) mergeDeferred(parts []int) {
	res := make(chan int)
	defer s.drain(res)
	go func() {
		for t := range res {
			_ = t
		}
	}()
	for _, t := range parts {
		res <- t
	}
}

func (s *store) Flush(parts []int) { s.mergeDeferred(parts) }

func useStoreDeferred(parts []int) {
	s := &store{}
	s.Flush(parts)
	if len(parts) == 0 {
		return
	}
	s.mergeDeferred(parts)
}

// A Serve that starts a worker pool and stops it on every way out starts
// no goroutine its callers must stop, however many levels above it; one
// that returns early without stopping the pool leaves its workers behind.

type workerPool struct{ jobs chan func() }

func (wp *workerPool) Start() {
	go func() { // want `goroutine blocks forever in its range over wp.jobs \(line \d+\) when ServeLeaky, which handed it to Start at line \d+, returns at line \d+`
		for job := range wp.jobs {
			job()
		}
	}()
}

func (wp *workerPool) Stop() { close(wp.jobs) }

type acceptor struct{ accept func() (func(), error) }

func (s *acceptor) Serve() error {
	wp := &workerPool{jobs: make(chan func())}
	wp.Start()
	for {
		job, err := s.accept()
		if err != nil {
			wp.Stop()
			return err
		}
		wp.jobs <- job
	}
}

func (s *acceptor) ListenAndServe() error { return s.Serve() }

func serve(accept func() (func(), error)) error {
	s := &acceptor{accept: accept}
	return s.ListenAndServe()
}

func (s *acceptor) ServeLeaky(limit int) error {
	wp := &workerPool{jobs: make(chan func())}
	wp.Start() // want `wp.Start starts a goroutine that only wp.Stop ends, but ServeLeaky returns at line \d+ without calling it`
	for n := 0; ; n++ {
		if n == limit {
			return nil
		}
		job, err := s.accept()
		if err != nil {
			wp.Stop()
			return err
		}
		wp.jobs <- job
	}
}

// A stop registered with t.Cleanup as a method value counts as one
// registered in a closure.

func cleanedUpByMethodValue(t *testing.T, r *registry) {
	ss, err := newSession(r.ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(ss.Close)
}

// A test helper that starts a session and registers its stop with
// t.Cleanup hands its callers a session they need not close; one that
// does not register it hands them the duty.

func openSession(t testing.TB, r *registry) *session {
	t.Helper()
	ss, err := newSession(r.ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(ss.Close)
	return ss
}

func openSessionInClosure(t *testing.T, r *registry) *session {
	ss, err := newSession(r.ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ss.Close() })
	return ss
}

func usesHelper(t *testing.T, r *registry) {
	ss := openSession(t, r)
	other := openSessionInClosure(t, r)
	if ss.done == nil || other.done == nil {
		return
	}
}

func openSessionBare(t *testing.T, r *registry) *session {
	ss, err := newSession(r.ctx)
	if err != nil {
		t.Fatal(err)
	}
	return ss
}

func usesBareHelper(t *testing.T, r *registry) {
	ss := openSessionBare(t, r) // want `openSessionBare starts a goroutine that only ss.Close ends, but usesBareHelper returns at line \d+ without calling it`
	if ss.done == nil {
		return
	}
}

// A writer that fails only before it starts its goroutine: a caller that
// returns on that failure leaves nothing behind, even through a named
// result (minio's metacache writer).

type cacheWriter struct {
	open func() error
}

func (w *cacheWriter) stream() (chan<- string, error) {
	if w.open != nil {
		if err := w.open(); err != nil {
			return nil, err
		}
	}
	objs := make(chan string, 100)
	go func() {
		for o := range objs {
			_ = o
		}
	}()
	return objs, nil
}

func walk(w *cacheWriter, names []string) (err error) {
	out, err := w.stream()
	if err != nil {
		return err
	}
	defer close(out)
	for _, n := range names {
		out <- n
	}
	return nil
}

// Its bug twin can fail after it started the goroutine.
func (w *cacheWriter) streamLate() (chan<- string, error) {
	objs := make(chan string, 100)
	go func() { // want `goroutine blocks forever in its range over objs \(line \d+\) when walkLate, which got it from streamLate at line \d+, returns at line \d+`
		for o := range objs {
			_ = o
		}
	}()
	if w.open != nil {
		if err := w.open(); err != nil {
			return nil, err
		}
	}
	return objs, nil
}

func walkLate(w *cacheWriter, names []string) (err error) {
	out, err := w.streamLate()
	if err != nil {
		return err
	}
	defer close(out)
	for _, n := range names {
		out <- n
	}
	return nil
}
