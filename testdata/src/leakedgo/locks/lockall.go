package locks

import (
	"encoding/json"
	"sync"
)

// Locking every member of a collection in one loop and unlocking every
// member in a later loop over the same collection leaves none locked: the
// second loop runs once for each member the first one locked (juicefs's
// checkpoint Save, which read-locks each prefix's state while it
// marshals them all).

type shardState struct {
	sync.RWMutex
	Done int
}

type checkpoint struct {
	sync.RWMutex
	Shards map[string]*shardState
	List   []*shardState
}

func (c *checkpoint) snapshot() ([]byte, error) {
	c.RLock()
	defer c.RUnlock()
	for _, s := range c.Shards {
		s.RLock()
	}
	data, err := json.Marshal(c.Shards)
	for _, s := range c.Shards {
		s.RUnlock()
	}
	if err != nil {
		return nil, err
	}
	return data, nil
}

func (c *checkpoint) snapshotList() []byte {
	c.RLock()
	defer c.RUnlock()
	for _, s := range c.List {
		s.RLock()
	}
	data, _ := json.Marshal(c.List)
	for _, s := range c.List {
		s.RUnlock()
	}
	return data
}

func (c *checkpoint) add(name string, done int) {
	c.Lock()
	defer c.Unlock()
	for _, s := range c.Shards {
		s.Lock()
		s.Done += done
		s.Unlock()
	}
	c.List = append(c.List, &shardState{Done: done})
}

// The twin stops unlocking at the first busy member: the ones after it
// stay locked.
func (c *checkpoint) snapshotBusy() []byte {
	c.RLock()
	defer c.RUnlock()
	for _, s := range c.List {
		s.RLock() // want `snapshotBusy goes round its loop with s still read-locked`
	}
	data, _ := json.Marshal(c.List)
	for _, s := range c.List {
		if s.Done < 0 {
			break
		}
		s.RUnlock()
	}
	return data
}
