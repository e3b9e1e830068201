package locks

import "sync"

// A two-sided throttle: takers wait for the level to rise above a limit
// they are given, producers for it to fall below theirs. Taking an amount
// only lowers the level, so it owes the takers no signal; adding only
// raises it, so it owes the producers none. Neither is reported. The twin
// adds an amount back without waking the takers, who wait for just that.

type valve struct {
	mu     sync.Mutex
	takers sync.Cond
	makers sync.Cond
	level  int64
	failed bool
}

func newValve() *valve {
	v := &valve{}
	v.takers.L = &v.mu
	v.makers.L = &v.mu
	return v
}

func (v *valve) Take(amount int64) {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.level -= amount
	v.makers.Signal()
}

func (v *valve) TakeAbove(limit, amount int64) {
	v.mu.Lock()
	defer v.mu.Unlock()
	for !v.failed && v.level <= limit {
		v.takers.Wait()
	}
	v.level -= amount
	v.makers.Signal()
}

func (v *valve) Put(amount int64) {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.level += amount
	v.takers.Signal()
}

func (v *valve) PutBelow(amount, limit int64) {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.level += amount
	v.takers.Signal()
	for !v.failed && v.level >= limit {
		v.makers.Wait()
	}
}

func (v *valve) Fail() {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.failed = true
	v.takers.Broadcast()
	v.makers.Broadcast()
}

type leakyValve struct {
	mu     sync.Mutex
	takers sync.Cond
	level  int64
}

func (v *leakyValve) TakeAbove(limit, amount int64) {
	v.mu.Lock()
	defer v.mu.Unlock()
	for v.level <= limit {
		v.takers.Wait() // want `TakeAbove can wait forever in v\.takers\.Wait \(line \d+\): it waits for level to change, but Refund changes it \(line \d+\) without calling v\.takers\.Signal or v\.takers\.Broadcast`
	}
	v.level -= amount
}

func (v *leakyValve) Put(amount int64) {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.level += amount
	v.takers.Broadcast()
}

func (v *leakyValve) Refund(amount int64) {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.level += amount
}
