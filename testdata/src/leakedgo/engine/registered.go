package engine

// A tracker that counts the workers that check in on one channel and
// out on another, and on shutdown waits for as many check-outs as are
// outstanding. A worker that checked in finds the tracker there to check
// out, and one that never checked in owes it nothing.

type tracker struct {
	in, out, quit chan struct{}
}

func newTracker() *tracker {
	return &tracker{in: make(chan struct{}), out: make(chan struct{}), quit: make(chan struct{})}
}

func (t *tracker) run() {
	n := 0
	for {
		select {
		case <-t.in:
			n++
		case <-t.out:
			n--
		case <-t.quit:
			for ; n > 0; n-- {
				<-t.out
			}
			return
		}
	}
}

// checkIn reports whether the tracker counted the caller.
func (t *tracker) checkIn() bool {
	select {
	case t.in <- struct{}{}:
		return true
	case <-t.quit:
		return false
	}
}

func (t *tracker) checkOut() { t.out <- struct{}{} }

func (t *tracker) work(job func()) {
	if !t.checkIn() {
		return
	}
	defer t.checkOut()
	job()
}

func (t *tracker) Start(jobs []func()) {
	go t.run()
	for _, j := range jobs {
		go t.work(j)
	}
}

func (t *tracker) Stop() { close(t.quit) }

// The same, with other names, checking in and out inline.

type census struct {
	arrive, leave, closing chan int
}

func newCensus() *census {
	return &census{arrive: make(chan int), leave: make(chan int), closing: make(chan int)}
}

func (c *census) count() {
	present := 0
	for {
		select {
		case <-c.arrive:
			present++
		case <-c.leave:
			present--
		case <-c.closing:
			for present != 0 {
				<-c.leave
				present--
			}
			return
		}
	}
}

func (c *census) Open(visits []func()) {
	go c.count()
	for _, v := range visits {
		go func() {
			select {
			case c.arrive <- 1:
			case <-c.closing:
				return
			}
			defer func() { c.leave <- 1 }()
			v()
		}()
	}
}

func (c *census) Close() { close(c.closing) }

// The twins. This tracker stops at once on shutdown: workers that checked
// in block checking out.

type quitter struct {
	in, out, quit chan struct{}
}

func newQuitter() *quitter {
	return &quitter{in: make(chan struct{}), out: make(chan struct{}), quit: make(chan struct{})}
}

func (t *quitter) run() {
	n := 0
	for {
		select {
		case <-t.in:
			n++
		case <-t.out:
			n--
		case <-t.quit:
			return
		}
	}
}

func (t *quitter) checkIn() bool {
	select {
	case t.in <- struct{}{}:
		return true
	case <-t.quit:
		return false
	}
}

func (t *quitter) work(job func()) {
	if !t.checkIn() {
		return
	}
	defer func() { t.out <- struct{}{} }()
	job()
}

func (t *quitter) Start(jobs []func()) {
	go t.run()
	for _, j := range jobs {
		go t.work(j) // want `goroutine blocks forever sending on t.out`
	}
}

func (t *quitter) Stop() { close(t.quit) }

// And this worker checks out even when it did not check in: the tracker
// may have drained its count and returned.

type sloppy struct {
	in, out, quit chan struct{}
}

func newSloppy() *sloppy {
	return &sloppy{in: make(chan struct{}), out: make(chan struct{}), quit: make(chan struct{})}
}

func (t *sloppy) run() {
	n := 0
	for {
		select {
		case <-t.in:
			n++
		case <-t.out:
			n--
		case <-t.quit:
			for ; n > 0; n-- {
				<-t.out
			}
			return
		}
	}
}

func (t *sloppy) checkIn() bool {
	select {
	case t.in <- struct{}{}:
		return true
	case <-t.quit:
		return false
	}
}

func (t *sloppy) checkOut() { t.out <- struct{}{} }

func (t *sloppy) work(job func()) {
	ok := t.checkIn()
	defer t.checkOut()
	if ok {
		job()
	}
}

func (t *sloppy) Start(jobs []func()) {
	go t.run()
	for _, j := range jobs {
		go t.work(j) // want `goroutine blocks forever sending on t.out`
	}
}

func (t *sloppy) Stop() { close(t.quit) }
