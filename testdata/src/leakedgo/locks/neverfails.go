package locks

import (
	"errors"
	"sync"
)

// An error a function of the package never returns cannot take its
// caller's early return: lastValue.merge returns nil on every return (here
// through a helper), so elem.add's `return err` with the lock held is a
// way no run takes. A sum that can refuse a merge does take it: the twin.

var errNoMerge = errors.New("cannot merge")

type lastValue struct{ v float64 }

func (l *lastValue) merge(v float64) error {
	if v < 0 {
		return l.clear()
	}
	l.v = v
	return nil
}

func (l *lastValue) clear() error {
	l.v = 0
	return nil
}

type lastElem struct {
	mu  sync.Mutex
	agg lastValue
}

func (e *lastElem) add(v float64) error {
	e.mu.Lock()
	if err := e.agg.merge(v); err != nil {
		return err
	}
	e.mu.Unlock()
	return nil
}

func (e *lastElem) reset() {
	e.mu.Lock()
	e.agg.v = 0
	e.mu.Unlock()
}

// The bug twin: a versioned merge fails, and add returns with the lock
// held.

type sumValue struct{ n float64 }

func (s *sumValue) merge(v float64, version int) error {
	if version > 0 {
		return errNoMerge
	}
	s.n += v
	return nil
}

type sumElem struct {
	mu  sync.Mutex
	agg sumValue
}

func (e *sumElem) add(v float64, version int) error {
	e.mu.Lock() // want `add returns at line \d+ with e\.mu still locked \(line \d+\): the next lock of it \(reset, line \d+\) blocks forever`
	if err := e.agg.merge(v, version); err != nil {
		return err
	}
	e.mu.Unlock()
	return nil
}

func (e *sumElem) reset() {
	e.mu.Lock()
	e.agg.n = 0
	e.mu.Unlock()
}
