package engine

// A receive's closed branch is no way out when nothing can close the
// channel: a loop that leaves only there never ends, as a range over such
// a channel does not (moby's table-event handlers waited for the close of
// an event channel that cancelling the watch never closed).

type eventHub struct {
	events chan int
}

func newEventHub() *eventHub {
	h := &eventHub{events: make(chan int)}
	go h.loop() // want `goroutine never returns: its loop ends only once h\.events \(line 21\) is closed, and nothing closes it`
	return h
}

func (h *eventHub) loop() {
	for {
		select {
		case ev, ok := <-h.events:
			if !ok {
				return
			}
			println(ev)
		}
	}
}

func (h *eventHub) post(v int) { h.events <- v }

// The same with a plain receive that breaks out of the loop.
type pump struct{ in chan string }

func newPump() *pump {
	p := &pump{in: make(chan string)}
	p.Start()
	return p
}

func (p *pump) Start() {
	go func() { // want `goroutine never returns: its loop ends only once p\.in \(line 44\) is closed, and nothing closes it`
		for {
			s, ok := <-p.in
			if !ok {
				break
			}
			println(s)
		}
	}()
}

func (p *pump) Push(s string) { p.in <- s }

// Twins: Close closes the channel; a channel handed to callers, who may
// close it.
type eventHub2 struct {
	events chan int
}

func newEventHub2() *eventHub2 {
	h := &eventHub2{events: make(chan int)}
	go h.loop()
	return h
}

func (h *eventHub2) loop() {
	for {
		ev, ok := <-h.events
		if !ok {
			return
		}
		println(ev)
	}
}

func (h *eventHub2) Close() { close(h.events) }

func watchEvents() chan<- int {
	events := make(chan int)
	go func() {
		for {
			ev, ok := <-events
			if !ok {
				return
			}
			println(ev)
		}
	}()
	return events
}
