package engine

// The writer's loop takes key-exchange requests in a select, into a
// variable it keeps across the loop's turns, and answers each one it
// took before it returns: a receive that reports the channel closed took
// no request, the request it took is not nil, and after its loop it
// answers what is still queued until the reader closes the queue (x/crypto
// ssh's handshakeTransport, kexLoop and readOnePacket). The request is a
// literal built whole and sent by address; the loop that takes it goes
// on until it has sent its own init too, which a flag says.

type pendingKex struct {
	otherInit []byte
	done      chan error
}

type kexTransport struct {
	startKex   chan *pendingKex
	requestKex chan struct{}
	packets    chan []byte
	writeErr   error
	loopDone   chan struct{}
}

func newKexTransport(packets chan []byte) *kexTransport {
	t := &kexTransport{
		startKex:   make(chan *pendingKex),
		requestKex: make(chan struct{}, 1),
		packets:    packets,
		loopDone:   make(chan struct{}),
	}
	go t.readLoop()
	go t.kexLoop()
	return t
}

func (t *kexTransport) readLoop() {
	defer close(t.startKex)
	for {
		if err := t.readOne(); err != nil {
			return
		}
	}
}

func (t *kexTransport) readOne() error {
	p := <-t.packets
	if len(p) == 0 || p[0] != 20 {
		return nil
	}
	kex := pendingKex{done: make(chan error, 1), otherInit: p}
	t.startKex <- &kex
	return <-kex.done
}

func (t *kexTransport) kexLoop() {
write:
	for t.writeErr == nil {
		var request *pendingKex
		var sent bool
		for request == nil || !sent {
			select {
			case r, ok := <-t.startKex:
				if !ok {
					break write
				}
				request = r
			case <-t.requestKex:
			}
			if !sent {
				if err := t.prepare(); err != nil {
					t.writeErr = err
					break
				}
				sent = true
			}
		}
		if t.writeErr != nil {
			if request != nil {
				request.done <- t.writeErr
			}
			break
		}
		t.writeErr = t.exchange(request.otherInit)
		request.done <- t.writeErr
	}
	for request := range t.startKex {
		request.done <- t.writeErr
	}
	close(t.loopDone)
}

// Rekey asks for a key exchange, unless one is asked for already.
func (t *kexTransport) Rekey() {
	select {
	case t.requestKex <- struct{}{}:
	default:
	}
}

func (t *kexTransport) prepare() error { return nil }

func (t *kexTransport) exchange(init []byte) error { return nil }

// Twin: on a write error the loop gives up the request it took.

type pendingKex2 struct {
	otherInit []byte
	done      chan error
}

type kexTransport2 struct {
	startKex   chan *pendingKex2
	requestKex chan struct{}
	packets    chan []byte
	writeErr   error
	loopDone   chan struct{}
}

func newKexTransport2(packets chan []byte) *kexTransport2 {
	t := &kexTransport2{
		startKex:   make(chan *pendingKex2),
		requestKex: make(chan struct{}, 1),
		packets:    packets,
		loopDone:   make(chan struct{}),
	}
	go t.readLoop() // want `goroutine blocks forever receiving from kex\.done \(line 148\) when the goroutine sending on it \(line 128\) returns at line 179`
	go t.kexLoop()
	return t
}

func (t *kexTransport2) readLoop() {
	defer close(t.startKex)
	for {
		if err := t.readOne(); err != nil {
			return
		}
	}
}

func (t *kexTransport2) readOne() error {
	p := <-t.packets
	if len(p) == 0 || p[0] != 20 {
		return nil
	}
	kex := pendingKex2{done: make(chan error, 1), otherInit: p}
	t.startKex <- &kex
	return <-kex.done
}

func (t *kexTransport2) kexLoop() {
write:
	for t.writeErr == nil {
		var request *pendingKex2
		for request == nil {
			select {
			case r, ok := <-t.startKex:
				if !ok {
					break write
				}
				request = r
			case <-t.requestKex:
				t.writeErr = t.prepare()
			}
		}
		if err := t.prepare(); err != nil {
			t.writeErr = err
		}
		if t.writeErr != nil {
			break
		}
		t.writeErr = t.exchange(request.otherInit)
		request.done <- t.writeErr
	}
	for request := range t.startKex {
		request.done <- t.writeErr
	}
	close(t.loopDone)
}

func (t *kexTransport2) Rekey() {
	select {
	case t.requestKex <- struct{}{}:
	default:
	}
}

func (t *kexTransport2) prepare() error { return nil }

func (t *kexTransport2) exchange(init []byte) error { return nil }
