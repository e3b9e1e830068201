package locks

import "sync"

// --- A channel of capacity one used as a lock: whoever sends holds it,
// and gives it back in its own deferred receive. A sandbox leaves while
// it holds its own lock, and takes the token after; every holder of the
// token took its sandbox's lock first, in the same order, so the holder
// the sender waits for holds another sandbox's lock, and gives the token
// back.

var procGateway = make(chan bool, 1)

type gwController struct{ networks map[string]int }

type sandboxLink struct {
	mu   sync.Mutex
	ctrl *gwController
}

func (sb *sandboxLink) leave() {
	sb.mu.Lock()
	defer sb.mu.Unlock()
	sb.ctrl.gateway()
}

func (sb *sandboxLink) join() {
	sb.mu.Lock()
	defer sb.mu.Unlock()
	sb.ctrl.gateway()
}

func (c *gwController) gateway() int {
	procGateway <- true
	defer func() { <-procGateway }()
	return c.networks["gateway"]
}

// A holder that takes the lock after the token: a caller that holds the
// lock when it asks for the token waits for one that waits for the lock.

var procRoute = make(chan bool, 1)

type router struct {
	mu     sync.Mutex
	routes int
}

func (r *router) update() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.gate(false) // want `update blocks forever in its call of gate \(line \d+\), which waits sending on procRoute \(line \d+\) while it holds r\.mu \(locked at line \d+\): the goroutine that receives from it \(the enclosing function literal, line \d+\) takes r\.mu first \(in gate, line \d+\)`
}

func (r *router) rebuild() { r.gate(true) }

func (r *router) gate(full bool) {
	procRoute <- true
	defer func() { <-procRoute }()
	if full {
		r.mu.Lock()
		r.routes++
		r.mu.Unlock()
	}
}
