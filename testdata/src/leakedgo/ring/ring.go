// Package ring holds token rings: a channel that starts with a token in,
// and every call that takes the token out starts the goroutine that puts
// one back later. The goroutine a call starts refills for the next call;
// the token it takes was put in by the constructor or by an earlier call.
package ring

import "time"

type pacer struct {
	tokens chan struct{}
	sleep  time.Duration
}

func newPacer(sleep time.Duration) *pacer {
	p := &pacer{tokens: make(chan struct{}, 1), sleep: sleep}
	p.tokens <- struct{}{}
	return p
}

func (p *pacer) begin() {
	<-p.tokens
	go func(d time.Duration) {
		time.Sleep(d)
		p.tokens <- struct{}{}
	}(p.sleep)
}

func (p *pacer) Call(f func()) {
	p.begin()
	f()
}

func paced(f func()) {
	p := newPacer(time.Millisecond)
	p.Call(f)
	p.Call(f)
}

// A throttle whose constructor puts no token in: the first call waits for
// the goroutine it would start only after the wait.
type throttle struct {
	slots chan struct{}
}

func newThrottle() *throttle { return &throttle{slots: make(chan struct{}, 1)} }

func (t *throttle) begin() {
	<-t.slots // want `begin blocks forever receiving from t.slots \(line \d+\): its only partner, the goroutine sending on it, starts at line \d+, after it`
	go func() {
		time.Sleep(time.Millisecond)
		t.slots <- struct{}{}
	}()
}

func (t *throttle) Call(f func()) {
	t.begin()
	f()
}

func throttled(f func()) {
	t := newThrottle()
	t.Call(f)
}
