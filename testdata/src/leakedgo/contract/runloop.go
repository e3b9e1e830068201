package contract

// A method that runs until another method of its type ends it (a Run
// whose loop waits for Close), started on its own with go w.Run(): the
// goroutine is the caller's to stop, as a Start's is.

type relay struct {
	in   chan string
	quit chan struct{}
	done chan struct{}
	out  func(string)
}

func newRelay(out func(string)) *relay {
	return &relay{in: make(chan string), quit: make(chan struct{}), done: make(chan struct{}), out: out}
}

func (r *relay) Run() {
	defer close(r.done)
	for {
		select {
		case s := <-r.in:
			r.out(s)
		case <-r.quit:
			return
		}
	}
}

func (r *relay) Send(s string) {
	select {
	case r.in <- s:
	case <-r.quit:
	}
}

// Close ends Run and waits for it.
func (r *relay) Close() {
	close(r.quit)
	<-r.done
}

func forward(lines []string, out func(string)) {
	r := newRelay(out)
	go r.Run() // want `go r.Run\(\) starts a goroutine that only r.Close ends, but forward returns at line \d+ without calling it`
	for _, l := range lines {
		r.Send(l)
	}
}

// Twins: a deferred Close; a relay handed back to the caller; one kept in
// a field its owner's Close closes.
func forwardClosed(lines []string, out func(string)) {
	r := newRelay(out)
	go r.Run()
	defer r.Close()
	for _, l := range lines {
		r.Send(l)
	}
}

func startRelay(out func(string)) *relay {
	r := newRelay(out)
	go r.Run()
	return r
}

type hub struct{ r *relay }

func newHub(out func(string)) *hub {
	h := &hub{r: newRelay(out)}
	go h.r.Run()
	return h
}

func (h *hub) Close() { h.r.Close() }
