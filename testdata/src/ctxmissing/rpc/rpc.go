// Package rpc calls a generated gRPC client through its interface.
package rpc

import (
	"context"
	"time"

	"ctxmissing/greeter"

	"google.golang.org/grpc"
)

func hello(c greeter.GreeterClient, name string) (string, error) {
	r, err := c.SayHello(context.Background(), &greeter.HelloRequest{Name: name}) // want `greeter.GreeterClient.SayHello can block forever: it passes its context to grpc.ClientConnInterface.Invoke; the context comes from context.Background\(\) at line 14, and no deadline is set on the way`
	if err != nil {
		return "", err
	}
	return r.Message, nil
}

func invoke(cc *grpc.ClientConn) error {
	return cc.Invoke(context.TODO(), "/greeter.Greeter/SayHello", nil, nil) // want `\(\*grpc.ClientConn\).Invoke can block forever`
}

// Near misses.

func helloDeadline(c greeter.GreeterClient, name string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	r, err := c.SayHello(ctx, &greeter.HelloRequest{Name: name})
	if err != nil {
		return "", err
	}
	return r.Message, nil
}

// A stream with no deadline is how a watch is written.
func watch(c greeter.GreeterClient) error {
	stream, err := c.Watch(context.Background(), &greeter.HelloRequest{})
	if err != nil {
		return err
	}
	for {
		if _, err := stream.Recv(); err != nil {
			return err
		}
	}
}
