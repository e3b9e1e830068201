package outlives

import (
	"context"
	"io"
	"sync"
)

// Goroutines counted in a WaitGroup that a waiter goroutine waits for
// before it closes a channel: a spawner that receives from that channel
// on every way out has joined them, and they are done with the connection
// before its deferred Close. The twin returns on cancellation without
// waiting for the channel.

type server interface {
	Serve(ctx context.Context, w io.Writer) error
}

func runServers(ctx context.Context, bus io.WriteCloser, servers []server) error {
	defer bus.Close()
	var wg sync.WaitGroup
	for _, s := range servers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.Serve(ctx, bus)
		}()
	}
	done := make(chan struct{})
	go func() {
		wg.Wait()
		close(done)
	}()
	select {
	case <-ctx.Done():
		<-done
		return ctx.Err()
	case <-done:
		return nil
	}
}

func runServersEager(ctx context.Context, bus io.WriteCloser, servers []server) error {
	defer bus.Close()
	var wg sync.WaitGroup
	for _, s := range servers {
		wg.Add(1)
		go func() { // want `goroutine may still use bus \(line \d+\) after runServersEager returns and its defer bus.Close\(\) closes it`
			defer wg.Done()
			s.Serve(ctx, bus)
		}()
	}
	done := make(chan struct{})
	go func() {
		wg.Wait()
		close(done)
	}()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-done:
		return nil
	}
}
