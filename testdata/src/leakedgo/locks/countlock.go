package locks

import (
	"context"
	"sync"
)

// A handler counts itself in a WaitGroup under the lock its Close waits
// under: a handler blocked on that lock has not been counted, and the
// Wait does not wait for it; those counted need the lock no more (coder's
// workspaceapps Server and tailnet's DERP handler).

type wsServer struct {
	waitMu sync.Mutex
	wg     sync.WaitGroup
	ctx    context.Context
}

func (s *wsServer) Handle(serve func()) {
	s.waitMu.Lock()
	if s.ctx.Err() != nil {
		s.waitMu.Unlock()
		return
	}
	s.wg.Add(1)
	s.waitMu.Unlock()
	defer s.wg.Done()
	serve()
}

func (s *wsServer) Close() {
	s.waitMu.Lock()
	s.wg.Wait()
	s.waitMu.Unlock()
}

// Twin: a handler that takes the lock again once counted.

type connTracker struct {
	mu    sync.Mutex
	wg    sync.WaitGroup
	count int
}

func (t *connTracker) Handle(serve func()) {
	t.mu.Lock()
	t.wg.Add(1)
	t.mu.Unlock()
	defer t.wg.Done()
	serve()
	t.mu.Lock()
	t.count++
	t.mu.Unlock()
}

func (t *connTracker) Close() {
	t.mu.Lock()
	t.wg.Wait() // want `Close blocks forever in t\.wg\.Wait \(line 58\) while it holds t\.mu \(locked at line 57\): the goroutine that calls Done \(Handle, line 49\) takes t\.mu first \(line 51\)`
	t.mu.Unlock()
}
