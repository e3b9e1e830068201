package engine

// A method of the package taken as a value does what its body does with
// its receiver, wherever the value is called: the loop hands out a hold
// channel and waits on it, and the borrower releases it through a method
// value it keeps in a variable (btcwallet's walletLocker and holdUnlock).

type hold chan struct{}

func (h hold) release() { h <- struct{}{} }

type locker struct {
	holds chan chan hold
	quit  chan struct{}
}

func newLocker() *locker {
	l := &locker{holds: make(chan chan hold), quit: make(chan struct{})}
	go l.loop()
	return l
}

func (l *locker) loop() {
	h := make(hold)
	for {
		select {
		case req := <-l.holds:
			req <- h
			<-h
		case <-l.quit:
			return
		}
	}
}

func (l *locker) acquire() hold {
	req := make(chan hold)
	select {
	case l.holds <- req:
		return <-req
	case <-l.quit:
		return nil
	}
}

func (l *locker) Close() { close(l.quit) }

func (l *locker) withHold(watchOnly bool, work func()) {
	done := func() {}
	if !watchOnly {
		done = l.acquire().release
	}
	work()
	done()
}

// The twin's method value does not release: nothing sends on the hold
// channel, and the loop waits on it for good. (Its own type: channels of
// one element type are one class.)
type hold2 chan struct{}

func (h hold2) busy() bool { return len(h) > 0 }

type locker2 struct {
	holds chan chan hold2
	quit  chan struct{}
}

func newLocker2() *locker2 {
	l := &locker2{holds: make(chan chan hold2), quit: make(chan struct{})}
	go l.loop() // want `goroutine blocks forever receiving from h \(line 81\): nothing sends on it or closes it`
	return l
}

func (l *locker2) loop() {
	h := make(hold2)
	for {
		select {
		case req := <-l.holds:
			req <- h
			<-h
		case <-l.quit:
			return
		}
	}
}

func (l *locker2) acquire() hold2 {
	req := make(chan hold2)
	select {
	case l.holds <- req:
		return <-req
	case <-l.quit:
		return nil
	}
}

func (l *locker2) Close() { close(l.quit) }

func (l *locker2) withHold(work func()) bool {
	check := l.acquire().busy
	work()
	return check()
}
