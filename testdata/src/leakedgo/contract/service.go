package contract

// A service whose stopping method is registered as a callback with the
// base it embeds, so that it runs only through the base's StopAsync,
// called by whoever holds the service as a lifecycle. A function that
// defers handing the service to code that stops such lifecycles has
// handed on the duty to stop it.
type lifecycle interface{ StopAsync() }

type base struct{ stopping func() }

func (b *base) StopAsync() { b.stopping() }

type svcJob struct{ n int }

type svc struct {
	*base
	quit chan struct{}
	jobs chan svcJob
}

func newSvc() *svc {
	s := &svc{quit: make(chan struct{}), jobs: make(chan svcJob)}
	s.base = &base{stopping: s.stop}
	return s
}

// Notify starts a goroutine that handles jobs until the service stops.
func (s *svc) Notify(n int) {
	go func() {
		for {
			select {
			case j := <-s.jobs:
				n += j.n
			case <-s.quit:
				return
			}
		}
	}()
}

func (s *svc) Push(n int) { s.jobs <- svcJob{n} }

func (s *svc) stop() { close(s.quit) }

func stopAndAwait(l lifecycle) { l.StopAsync() }

func notifiesUntilStopped() {
	s := newSvc()
	defer stopAndAwait(s)
	s.Notify(1)
}

func notifiesAndForgets() {
	s := newSvc()
	s.Notify(1) // want `s.Notify starts a goroutine that only s.stop ends, but notifiesAndForgets returns at line \d+ without calling it`
}

// A manager that owns its services in a map: starting them all starts
// goroutines that the manager's own stop ends, not the loop's.
type manager struct{ services map[string]*svc }

func (m *manager) Start() {
	for _, s := range m.services {
		s.Notify(0)
	}
}

func (m *manager) Close() {
	for _, s := range m.services {
		s.stop()
	}
}
