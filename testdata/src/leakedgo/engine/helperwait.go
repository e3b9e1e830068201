package engine

import (
	"context"
	"errors"
	"time"
)

// A spawner that waits for its goroutine's one answer through a helper
// which can give up (its context is done, a ticker's write fails): the
// goroutine's send then finds nobody. The receive in the helper is not a
// receive on every way through the call.

func lookUp(key string) (string, error) { return key, nil }

func awaitAnswer(ctx context.Context, answers chan string) (string, error) {
	select {
	case <-ctx.Done():
		return "", ctx.Err()
	case a := <-answers:
		return a, nil
	}
}

func resolveKey(ctx context.Context, key string) (string, error) {
	answers := make(chan string)
	go func() { // want `goroutine blocks forever sending on answers \(line \d+\) when resolveKey returns at line \d+`
		a, _ := lookUp(key)
		answers <- a
	}()
	return awaitAnswer(ctx, answers)
}

// The same through a function literal that keeps a connection alive while
// it waits, and two goroutines in the branches of a switch, of which each
// run starts one.

func handle(ctx context.Context, stop bool, beat func() error) {
	keepAlive := func(replies chan error) {
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				if beat() != nil {
					return
				}
			case err := <-replies:
				_ = err
				return
			}
		}
	}
	replies := make(chan error)
	switch {
	case stop:
		go func() { // want `goroutine blocks forever sending on replies \(line \d+\) when handle returns at line \d+`
			replies <- errors.New("stopped")
		}()
	default:
		go func() { // want `goroutine blocks forever sending on replies \(line \d+\) when handle returns at line \d+`
			replies <- nil
		}()
	}
	keepAlive(replies)
}

// The twins: a helper that receives on every way, and a switch whose
// goroutines send on a buffered channel.

func collectAnswer(answers chan string) string {
	a := <-answers
	return a
}

func resolveAll(key string) string {
	answers := make(chan string)
	go func() {
		a, _ := lookUp(key)
		answers <- a
	}()
	return collectAnswer(answers)
}

func handleBuffered(ctx context.Context, stop bool) error {
	replies := make(chan error, 1)
	switch {
	case stop:
		go func() { replies <- errors.New("stopped") }()
	default:
		go func() { replies <- nil }()
	}
	select {
	case <-ctx.Done():
		return ctx.Err()
	case err := <-replies:
		return err
	}
}
