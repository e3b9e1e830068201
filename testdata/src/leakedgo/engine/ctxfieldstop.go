package engine

import (
	"context"
	"errors"
)

// A stop signal kept as a context and its cancel function in fields: the
// goroutine returns when the context is done, and only the method that
// calls the cancel function ends it. A constructor that fails after
// starting it must call that method (grpc's DialContext, dd5645be).

type clientConn struct {
	ctx    context.Context
	cancel context.CancelFunc
	events chan int
	seen   int
}

func (c *clientConn) monitor() {
	for {
		select {
		case <-c.ctx.Done():
			return
		case <-c.events:
			c.seen++
		}
	}
}

func (c *clientConn) Close() { c.cancel() }

func dialConn(ready <-chan error) (*clientConn, error) {
	c := &clientConn{events: make(chan int)}
	c.ctx, c.cancel = context.WithCancel(context.Background())
	go c.monitor() // want `dialConn starts a goroutine that only c.Close ends, but dialConn returns at line \d+ without calling it`
	if err := <-ready; err != nil {
		return nil, err
	}
	return c, nil
}

// The twin: the constructor closes what it fails to hand back.
func dialConnClosing(ready <-chan error) (*clientConn, error) {
	c := &clientConn{events: make(chan int)}
	c.ctx, c.cancel = context.WithCancel(context.Background())
	go c.monitor()
	if err := <-ready; err != nil {
		c.Close()
		return nil, errors.Join(err, errors.New("dial failed"))
	}
	return c, nil
}
