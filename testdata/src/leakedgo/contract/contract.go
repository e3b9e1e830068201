package contract

import (
	"errors"

	"leakedgo/contract/worker"
)

func forgets(jobs []func()) {
	w := worker.New()
	w.Start() // want `w.Start starts a goroutine that only w.Stop ends, but forgets returns at line 15 without calling it`
	for _, j := range jobs {
		w.Do(j)
	}
}

func earlyReturn(jobs []func()) error {
	w := worker.New()
	w.Start() // want `w.Start starts a goroutine that only w.Stop ends, but earlyReturn returns at line 21 without calling it`
	if len(jobs) == 0 {
		return errors.New("no jobs")
	}
	for _, j := range jobs {
		w.Do(j)
	}
	w.Stop()
	return nil
}

// Near misses.

func stops(jobs []func()) {
	w := worker.New()
	w.Start()
	defer w.Stop()
	for _, j := range jobs {
		w.Do(j)
	}
}

func handsOver() *worker.Worker {
	w := worker.New()
	w.Start()
	return w // the caller owns it now
}

type service struct{ w *worker.Worker }

func (s *service) init() {
	s.w = worker.New()
	s.w.Start() // a field: stopped by the service's own Close
}

func startedUnchecked(n int) error {
	w := worker.New()
	if err := w.StartChecked(n); err != nil { // want `w.StartChecked starts a goroutine that only w.Stop ends, but startedUnchecked returns at line 59 without calling it`
		return err
	}
	return nil
}

// Near misses: a Start that failed started nothing.

func startFailed(n int) error {
	w := worker.New()
	if err := w.StartChecked(n); err != nil {
		return err
	}
	defer w.Stop()
	return nil
}

// opencensus's reader test: the Start is expected to fail.
func expectsFailure() {
	w := worker.New()
	err := w.StartChecked(0)
	if err == nil {
		panic("expected an error")
	}
}
