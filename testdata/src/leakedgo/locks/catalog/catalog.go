// Package catalog is a store whose selections keep it read-locked until
// they run: Select read-locks the catalog and hands the lock to the
// selection it returns, whose Each and One release it when they finish,
// through a guard that forgets the catalog once released.
package catalog

import (
	"context"
	"errors"
	"sync"
)

var errDone = errors.New("selection done")

type Catalog struct {
	schemaMu sync.RWMutex
	schema   map[string]int
}

type Selection[T any] struct {
	cat *Catalog
	ctx context.Context
	err error
}

// Select read-locks c until the selection runs.
func Select[T any](ctx context.Context, c *Catalog) *Selection[T] {
	c.schemaMu.RLock()
	s := &Selection[T]{cat: c}
	s.start(ctx)
	return s
}

func (s *Selection[T]) start(ctx context.Context) {
	s.ctx = ctx
	if err := ctx.Err(); err != nil {
		s.fail(err)
	}
}

// fail records err and releases the catalog, once.
func (s *Selection[T]) fail(err error) {
	if s.cat != nil {
		s.cat.schemaMu.RUnlock()
		s.cat = nil
	}
	s.err = err
}

func (s *Selection[T]) done() { s.fail(errDone) }

// Where narrows the selection; a bad field fails it.
func (s *Selection[T]) Where(field string) *Selection[T] {
	if field == "" && s.err == nil {
		s.fail(errors.New("no field"))
	}
	return s
}

// Each runs fn on every row and finishes the selection.
func (s *Selection[T]) Each(fn func(T) error) error {
	defer s.done()
	if s.err != nil {
		return s.err
	}
	var row T
	return fn(row)
}

// One returns the one row and finishes the selection.
func (s *Selection[T]) One() (row T, err error) {
	defer s.done()
	return row, s.err
}

// Define changes the schema: it waits for every selection to finish.
func (c *Catalog) Define(name string) {
	c.schemaMu.Lock()
	defer c.schemaMu.Unlock()
	c.schema[name] = len(c.schema)
}

// View runs fn under a read lock of its own.
func (c *Catalog) View(fn func() error) error {
	c.schemaMu.RLock()
	defer c.schemaMu.RUnlock()
	return fn()
}
