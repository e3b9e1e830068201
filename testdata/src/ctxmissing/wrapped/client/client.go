// want package:"\\) drivers}" package:"wraps ctxmissing/greeter.GreeterClient.SayHello}"

// Package client wraps the generated greeter client in one that gives
// every unary call a timeout of its own, as large programs do before they
// hand a client to the code that uses it.
package client

import (
	"context"
	"time"

	"ctxmissing/greeter"

	"google.golang.org/grpc"
)

type timeoutClient struct {
	next    greeter.GreeterClient
	timeout time.Duration
}

// New returns the wrapped client.
func New(cc grpc.ClientConnInterface) greeter.GreeterClient { // want New:`summary\(returns a fresh value\)`
	return &timeoutClient{next: greeter.NewGreeterClient(cc), timeout: 5 * time.Second}
}

func (c *timeoutClient) SayHello(ctx context.Context, in *greeter.HelloRequest, opts ...grpc.CallOption) (*greeter.HelloReply, error) {
	var reply *greeter.HelloReply
	op := func(ctx context.Context) error {
		ctx, cancel := c.withTimeout(ctx)
		defer cancel()
		var err error
		reply, err = c.next.SayHello(ctx, in, opts...)
		return err
	}
	return reply, retry(ctx, op)
}

// Watch is a stream: it keeps the caller's context as it is.
func (c *timeoutClient) Watch(ctx context.Context, in *greeter.HelloRequest, opts ...grpc.CallOption) (grpc.ServerStreamingClient[greeter.HelloReply], error) {
	return c.next.Watch(ctx, in, opts...)
}

func (c *timeoutClient) withTimeout(ctx context.Context) (context.Context, context.CancelFunc) { // want withTimeout:`summary\(returns a fresh value\)`
	return context.WithTimeout(ctx, c.timeout)
}

func retry(ctx context.Context, op func(context.Context) error) error {
	var err error
	for range 3 {
		if err = op(ctx); err == nil {
			return nil
		}
	}
	return err
}
