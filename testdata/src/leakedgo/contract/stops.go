package contract

// A server whose loop only hardStop ends; Stop marks it stopping, then
// calls it.
type server struct {
	quit     chan struct{}
	jobs     chan func()
	stopping bool
}

func newServer() *server { return &server{quit: make(chan struct{}), jobs: make(chan func())} }

func (s *server) Start() {
	go func() {
		for {
			select {
			case <-s.quit:
				return
			case job := <-s.jobs:
				job()
			}
		}
	}()
}

func (s *server) hardStop() { close(s.quit) }

func (s *server) Stop() {
	s.stopping = true
	s.hardStop()
}

// Serve starts the loop and waits for it to stop.
func (s *server) Serve() {
	s.Start()
	<-s.quit
}

// The function stops the server through Stop on one path: a deferred
// hardStop beside it would stop it twice, so there is no fix.
func stopsThroughStop(jobs []func()) {
	s := newServer()
	s.Start() // want `s.Start starts a goroutine that only s.Stop ends, but stopsThroughStop returns at line 45 without calling it`
	if len(jobs) == 0 {
		return
	}
	s.Stop()
}

// Serve blocks for the life of the function: a stop deferred after it
// would run only once it returned, so there is no fix.
func servesForever() {
	s := newServer()
	s.Serve() // want `s.Serve starts a goroutine that only s.Stop ends, but servesForever returns at line 55 without calling it`
}
