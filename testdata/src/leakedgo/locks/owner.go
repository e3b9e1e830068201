package locks

import (
	"errors"

	"leakedgo/locks/lib"
)

// Returning a locked object hands its lock to the caller: the caller gets
// the object and unlocks it. top walks a stack of mounts hand over hand
// and returns the topmost one locked, as gVisor's lockMountpoint does,
// whether it stopped at the first or went on.

type mountNode struct {
	mu   lib.Mutex // a sync.Mutex behind another package's methods
	dead bool
	over *mountNode
}

type mountRef struct {
	node *mountNode
	name string
}

var errDead = errors.New("dead")

func top(r mountRef) (mountRef, error) {
	r.node.mu.Lock()
	for {
		if r.node.dead {
			r.node.mu.Unlock()
			return mountRef{}, errDead
		}
		next := r.node.over
		if next == nil {
			break
		}
		r.node.mu.Unlock()
		r = mountRef{node: next, name: r.name}
		r.node.mu.Lock()
	}
	return r, nil
}

func mountAt(r mountRef) error {
	t, err := top(r)
	if err != nil {
		return err
	}
	defer t.node.mu.Unlock()
	t.node.over = &mountNode{}
	return nil
}

// The bug twin: lookup returns the node locked on one path and unlocked
// on another, with nothing to tell the caller which.

func lookup(n *mountNode) *mountNode {
	n.mu.Lock() // want `lookup returns at line \d+ with n\.mu\.mu\.m still locked \(line \d+\): the next lock of it \(\w+, line \d+\) blocks forever; unlock it before that return`
	if n.dead {
		return n
	}
	n.mu.Unlock()
	return n
}
