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
