package locks

import "sync"

// A waiter lists a channel of its own under the lock, through a helper,
// and lets the lock go before it receives; the waker sends to every
// listed channel under that lock. A listed waiter has taken the lock
// already: it needs it no more on the way to its receive, and what its
// loop takes after the receive comes before it lists its next channel
// (tailscale's controlclient.Auto, waitUnpause and SetPaused).

type pauser struct {
	mu      sync.Mutex
	paused  bool
	rounds  int
	waiters []chan bool
}

func (p *pauser) waitUnpause() bool {
	p.mu.Lock()
	if !p.paused {
		p.mu.Unlock()
		return true
	}
	ch := p.addWaiterLocked()
	p.mu.Unlock()
	return <-ch
}

func (p *pauser) addWaiterLocked() <-chan bool {
	ch := make(chan bool)
	p.waiters = append(p.waiters, ch)
	return ch
}

func (p *pauser) run(work func()) {
	for p.waitUnpause() {
		p.mu.Lock()
		p.rounds++
		p.mu.Unlock()
		work()
	}
}

func (p *pauser) Start(work func()) { go p.run(work) }

func (p *pauser) SetPaused(paused bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.paused = paused
	if paused {
		return
	}
	for _, ch := range p.waiters {
		ch <- true
	}
	p.waiters = nil
}

// Twin: the waiter takes the lock again once it is listed, before it
// receives. (Its channels carry another type: the model keeps the
// elements of containers by type, and would mix them with pauser's.)

type stepper struct {
	mu      sync.Mutex
	paused  bool
	rounds  int
	waiters []chan int
}

func (s *stepper) waitUnpause() bool {
	s.mu.Lock()
	if !s.paused {
		s.mu.Unlock()
		return true
	}
	ch := s.addWaiterLocked()
	s.mu.Unlock()
	s.count()
	return <-ch > 0
}

func (s *stepper) count() {
	s.mu.Lock()
	s.rounds++
	s.mu.Unlock()
}

func (s *stepper) addWaiterLocked() <-chan int {
	ch := make(chan int)
	s.waiters = append(s.waiters, ch)
	return ch
}

func (s *stepper) run(work func()) {
	for s.waitUnpause() {
		work()
	}
}

func (s *stepper) Start(work func()) { go s.run(work) }

func (s *stepper) SetPaused(paused bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.paused = paused
	if paused {
		return
	}
	for _, ch := range s.waiters {
		ch <- 1 // want `SetPaused blocks forever sending on ch \(line 111\) while it holds s\.mu \(locked at line 104\): the goroutine that receives from it \(run, in waitUnpause, line 80\) takes s\.mu first \(in count, line 84\)`
	}
	s.waiters = nil
}
