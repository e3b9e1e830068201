package locks

import "sync"

// --- A lock handed to the caller on every path, one way after trying
// again. keyed.Lock takes the mutex kept for a key and returns holding
// it; when another caller's mutex won the race for the key, it lets that
// one go and tries again, by calling itself, which returns holding the
// key's mutex too. Unlock finds it by the key. The retry through a helper
// that always returns holding one is the same. Neither is reported; a
// lock that gives up after letting the mutex go is.

type keyed struct{ m *sync.Map }

func (k keyed) Lock(key string) {
	mine := new(sync.Mutex)
	got, _ := k.m.LoadOrStore(key, mine)
	mu := got.(*sync.Mutex)
	mu.Lock()
	if mu != mine {
		mu.Unlock()
		k.Lock(key)
		return
	}
}

func (k keyed) Unlock(key string) {
	got, ok := k.m.LoadAndDelete(key)
	if !ok {
		panic("unlock of unlocked key")
	}
	got.(*sync.Mutex).Unlock()
}

type slotTable struct {
	mu    sync.Mutex
	slots map[int]*slot
}

type slot struct {
	sync.Mutex
	gone bool
}

func (t *slotTable) get(id int) *slot {
	t.mu.Lock()
	defer t.mu.Unlock()
	s, ok := t.slots[id]
	if !ok {
		s = new(slot)
		t.slots[id] = s
	}
	return s
}

// Lock returns holding id's slot.
func (t *slotTable) Lock(id int) {
	s := t.get(id)
	s.Lock()
	if s.gone {
		s.Unlock()
		t.lockFresh(id)
		return
	}
}

// lockFresh replaces id's slot and returns holding the new one.
func (t *slotTable) lockFresh(id int) {
	t.mu.Lock()
	s := new(slot)
	t.slots[id] = s
	t.mu.Unlock()
	s.Lock()
}

func (t *slotTable) Unlock(id int) { t.get(id).Unlock() }

// The bug twin: when it loses the race, it lets the mutex go and returns
// as if it held the key; the next Lock of the key then waits on a mutex
// Unlock never finds.

type keyedGiveUp struct {
	m     *sync.Map
	races int
}

func (k *keyedGiveUp) Lock(key string) {
	mine := new(sync.Mutex)
	got, _ := k.m.LoadOrStore(key, mine)
	mu := got.(*sync.Mutex)
	mu.Lock() // want `Lock returns at line \d+ with mu still locked \(line \d+\)`
	if mu != mine {
		mu.Unlock()
		k.races++
		return
	}
}

func (k *keyedGiveUp) Unlock(key string) {
	got, _ := k.m.LoadAndDelete(key)
	got.(*sync.Mutex).Unlock()
}
