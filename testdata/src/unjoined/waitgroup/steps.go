package waitgroup

import (
	"context"
	"errors"
	"sync"
)

// A defensive test against nil of a value that is never nil has one way
// only. The package fills Graph.steps only with closures, so the early
// return on a nil step is never taken and Execute always reaches Wait
// (opentofu's execgraph.CompiledGraph).

type step func(ctx context.Context) error

type Graph struct {
	steps []step
}

type Compiler struct{ g *Graph }

func (c *Compiler) Add(name string) {
	s := func(ctx context.Context) error { return ctx.Err() }
	c.g.steps = append(c.g.steps, s)
}

func (c *Compiler) AddPair() {
	c.g.steps = append(c.g.steps, []step{noop, func(context.Context) error { return nil }}...)
}

func noop(context.Context) error { return nil }

type pair [2]step

func (c *Compiler) AddArray() {
	var p pair
	p[0], p[1] = noop, noop
	c.g.steps = append(c.g.steps, p[:]...)
}

func (g *Graph) Execute(ctx context.Context) error {
	var wg sync.WaitGroup
	wg.Add(len(g.steps))
	for _, s := range g.steps {
		if s == nil {
			return errors.New("nil step")
		}
		go func() {
			defer wg.Done()
			s(ctx)
		}()
	}
	wg.Wait()
	return nil
}

// Its twin's steps may be nil: Register appends whatever it is given.

type Plan struct {
	steps []step
}

func (p *Plan) Register(s step) { p.steps = append(p.steps, s) }

func (p *Plan) Execute(ctx context.Context) error {
	var wg sync.WaitGroup
	wg.Add(len(p.steps))
	for _, s := range p.steps {
		if s == nil {
			return errors.New("nil step") // want `Execute returns without waiting for the goroutines wg.Add counts`
		}
		go func() {
			defer wg.Done()
			s(ctx)
		}()
	}
	wg.Wait()
	return nil
}

// So may those of a plan whose steps are cleared one by one.

type Batch struct {
	steps []step
}

func (b *Batch) Add() { b.steps = append(b.steps, noop) }

func (b *Batch) Drop(i int) { b.steps[i] = nil }

func (b *Batch) Execute(ctx context.Context) error {
	var wg sync.WaitGroup
	for _, s := range b.steps {
		if s == nil {
			return errors.New("nil step") // want `Execute returns without waiting for the goroutines wg.Add counts`
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			s(ctx)
		}()
	}
	wg.Wait()
	return nil
}
