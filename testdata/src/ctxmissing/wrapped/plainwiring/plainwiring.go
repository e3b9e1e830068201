// want package:"\\) drivers}"

// Package plainwiring wraps the greeter client to count its calls.
package plainwiring

import (
	"context"
	"sync/atomic"

	"ctxmissing/greeter"

	"google.golang.org/grpc"
)

type counting struct {
	greeter.GreeterClient
	calls atomic.Int64
}

func (c *counting) SayHello(ctx context.Context, in *greeter.HelloRequest, opts ...grpc.CallOption) (*greeter.HelloReply, error) { // want SayHello:`summary\(param1: reaches grpc.ClientConnInterface.Invoke\)`
	c.calls.Add(1)
	return c.GreeterClient.SayHello(ctx, in, opts...)
}

// Greeter returns the counting client.
func Greeter(cc grpc.ClientConnInterface) greeter.GreeterClient { // want Greeter:`summary\(returns a fresh value\)`
	return &counting{GreeterClient: greeter.NewGreeterClient(cc)}
}
