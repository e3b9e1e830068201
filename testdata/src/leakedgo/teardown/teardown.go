// Package teardown pins goroutines that stop on a channel closed only
// after the release they would otherwise skip: seeing it closed means the
// release has happened.
package teardown

// A harness's run goroutine hands its result to TearDown, which then
// closes done. The signal goroutine either tears down itself or sees done
// closed, which only a TearDown that took the result does.
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

// Twin: stopped is closed by Abort, which does not take the result: a
// signal goroutine that sees it closed leaves the result unsent.
type job struct {
	result  chan error
	stopped chan struct{}
}

func (j *job) Start(run func() error) {
	j.result = make(chan error)
	j.stopped = make(chan struct{})
	go func() { // want `goroutine blocks forever sending on j.result`
		j.result <- run()
	}()
}

func (j *job) Finish() error {
	err := <-j.result
	return err
}

func (j *job) Abort() { close(j.stopped) }

func (j *job) HandleSignals(sig <-chan struct{}) {
	go func() {
		select {
		case <-sig:
			j.Finish()
		case <-j.stopped:
		}
	}()
}

// serve drives both: every method is called here, so none of them is one
// that outside code may call whenever it likes.
func serve(run func() error, sig <-chan struct{}) {
	h := &harness{}
	h.Start(run)
	h.HandleSignals(sig)
	j := &job{}
	j.Start(run)
	j.HandleSignals(sig)
	j.Abort()
}
