package engine

// An exported method that releases an operation runs whenever callers
// outside the package call it (a test's TearDown), even when a goroutine
// of the package also calls it on some ways only (a signal handler that
// may return first): the package cannot judge it by that goroutine.

type harness struct {
	exit chan error
	done chan struct{}
}

func (h *harness) Start(run func() error) {
	h.exit = make(chan error)
	h.done = make(chan struct{})
	go func() {
		h.exit <- run()
	}()
}

func (h *harness) TearDown() error {
	err := <-h.exit
	close(h.done)
	return err
}

func (h *harness) HandleSignals(sig <-chan struct{}) {
	go func() {
		select {
		case <-sig:
			h.TearDown()
		case <-h.done:
		}
	}()
}
