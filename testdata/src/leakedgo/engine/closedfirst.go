package engine

import "time"

// Stop closes the channel Reset sends on before it closes the one that
// makes the receiving goroutine return: a Reset after Stop panics on the
// closed channel, it does not wait forever (alloy's jitter ticker).

type jitterTicker struct {
	stop  chan struct{}
	reset chan time.Duration
}

func newJitterTicker(d time.Duration) *jitterTicker {
	t := &jitterTicker{stop: make(chan struct{}), reset: make(chan time.Duration)}
	go func() {
		tk := time.NewTicker(d)
		defer tk.Stop()
		for {
			select {
			case <-tk.C:
			case <-t.stop:
				return
			case d := <-t.reset:
				tk.Reset(d)
			}
		}
	}()
	return t
}

func (t *jitterTicker) Stop() {
	close(t.reset)
	close(t.stop)
}

func (t *jitterTicker) Reset(d time.Duration) { t.reset <- d }

// The twin: Stop closes only the stop channel; a Reset after it waits
// forever.

type plainTicker struct {
	stop  chan struct{}
	reset chan time.Duration
}

func newPlainTicker(d time.Duration) *plainTicker {
	t := &plainTicker{stop: make(chan struct{}), reset: make(chan time.Duration)}
	go func() {
		tk := time.NewTicker(d)
		defer tk.Stop()
		for {
			select {
			case <-tk.C:
			case <-t.stop:
				return
			case d := <-t.reset:
				tk.Reset(d)
			}
		}
	}()
	return t
}

func (t *plainTicker) Stop() { close(t.stop) }

func (t *plainTicker) Reset(d time.Duration) { t.reset <- d } // want `Reset blocks forever sending on t.reset`
