package locks

import (
	"context"
	"net/http"
	"sync"
)

// The same as wsServer, in an HTTP handler whose receiver a closure
// captures: storing the receiver in the closure's variable publishes no
// WaitGroup count (coder's workspaceapps Server).
type ptyServer struct {
	Name    string
	waitMu  sync.Mutex
	waitGrp sync.WaitGroup
}

func (s *ptyServer) Close() error {
	s.waitMu.Lock()
	s.waitGrp.Wait()
	s.waitMu.Unlock()
	return nil
}

func (s *ptyServer) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/pty", s.pty)
	return mux
}

func (s *ptyServer) pty(rw http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithCancel(r.Context())
	defer cancel()

	s.waitMu.Lock()
	s.waitGrp.Add(1)
	s.waitMu.Unlock()
	defer s.waitGrp.Done()

	done := make(chan struct{})
	go func() {
		defer close(done)
		s.log(ctx)
	}()
	<-done
}

func (s *ptyServer) log(ctx context.Context) { _ = s.Name }
