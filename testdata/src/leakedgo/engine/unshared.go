package engine

import "errors"

// A function that sends on an unbuffered channel it made, before it has
// handed the channel to anyone, blocks forever: no other goroutine can
// have it (moby's ContainerWait reported a failed request on its error
// channel before it returned the channel).

var errRefused = errors.New("refused")

type exitStatus struct{ code int }

func containerWait(fail bool) (<-chan exitStatus, <-chan error) {
	statuses := make(chan exitStatus)
	errs := make(chan error)
	if fail {
		errs <- errRefused // want `containerWait blocks forever sending on errs \(line 18\): it is unbuffered, and no other goroutine can have it yet \(made at line 16\)`
		return statuses, errs
	}
	go func() {
		defer close(errs)
		statuses <- exitStatus{}
	}()
	return statuses, errs
}

// The same with a receive, in a method, where the channel is registered
// only after the early return.
type replies struct{ pending map[int]chan error }

func (r *replies) await(id int) error {
	reply := make(chan error)
	if id < 0 {
		return <-reply // want `await blocks forever receiving from reply \(line 35\): it is unbuffered, and no other goroutine can have it yet \(made at line 33\)`
	}
	r.pending[id] = reply
	return <-reply
}

func (r *replies) resolve(id int, err error) {
	if reply, ok := r.pending[id]; ok {
		delete(r.pending, id)
		reply <- err
	}
}

// Twins: a buffer of one holds the error; a goroutine that has the
// channel is started first.
func containerWaitBuffered(fail bool) (<-chan exitStatus, <-chan error) {
	statuses := make(chan exitStatus)
	errs := make(chan error, 1)
	if fail {
		errs <- errRefused
		return statuses, errs
	}
	go func() { statuses <- exitStatus{} }()
	return statuses, errs
}

func containerWaitStarted(fail bool) <-chan error {
	errs := make(chan error)
	go func() {
		for err := range errs {
			println(err.Error())
		}
	}()
	if fail {
		errs <- errRefused
	}
	close(errs)
	return errs
}

// A closure that the function calls itself, on its own goroutine, cannot
// send to the function's own later receive: the function is waiting for
// the closure (docker stats reported a failed listing on the channel its
// display loop reads further down).
func watchStats(list func() ([]string, error), events <-chan string) error {
	failed := make(chan error)
	load := func() {
		if _, err := list(); err != nil {
			failed <- err // want `the enclosing function literal blocks forever sending on failed \(line 83\): only watchStats releases it, on the goroutine that is waiting for this function literal, which it calls at line 86`
		}
	}
	load()
	for {
		select {
		case err := <-failed:
			return err
		case <-events:
		}
	}
}

// The twin runs the closure in a goroutine of its own.
func watchStatsAsync(list func() ([]string, error), events <-chan string) error {
	failed := make(chan error)
	load := func() {
		if _, err := list(); err != nil {
			failed <- err
		}
	}
	go load()
	for {
		select {
		case err := <-failed:
			return err
		case <-events:
		}
	}
}

// A buffered channel the function fills before it hands it on blocks the
// function when the loop can send more than the buffer holds (libp2p's
// backoff cache sized its channel to the caller's limit, then sent every
// cached peer).
func cachedPeers(peers map[string]int, limit int) <-chan int {
	n := limit
	if n > len(peers) {
		n = len(peers)
	}
	found := make(chan int, n)
	for _, p := range peers {
		found <- p // want `cachedPeers blocks forever sending on found \(line 125\): no other goroutine can have it yet \(made at line 123\), and the loop can send more than its buffer holds`
	}
	close(found)
	return found
}

// The twin's buffer holds every peer.
func cachedPeersAll(peers map[string]int) <-chan int {
	found := make(chan int, len(peers))
	for _, p := range peers {
		found <- p
	}
	close(found)
	return found
}
