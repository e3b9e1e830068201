// Package unreleased has a method that returns early with its lock held:
// the next call blocks forever.
package unreleased

import (
	"errors"
	"sync"
)

var ErrNegative = errors.New("negative amount")

type Counter struct {
	mu sync.Mutex
	n  int
}

func (c *Counter) Add(d int) error {
	c.mu.Lock()
	if d < 0 {
		return ErrNegative
	}
	c.n += d
	c.mu.Unlock()
	return nil
}

func (c *Counter) Value() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n
}
