// Package service is given its greeter client by its caller. The program
// links a wrapper of the client's interface that adds a timeout (see
// ctxmissing/wrapped/client), so a client of unknown origin may be that
// wrapper, and calls through it are not reported as unbounded.
package service

import (
	"context"

	"ctxmissing/greeter"
	"ctxmissing/wrapped/wiring"

	"google.golang.org/grpc"
)

type Handler struct {
	greeter greeter.GreeterClient
}

func New(c greeter.GreeterClient) *Handler { return &Handler{greeter: c} }

// Wired uses the program's wiring.
func Wired(cc grpc.ClientConnInterface) *Handler { return New(wiring.Greeter(cc)) }

// poke signals in the background: the client it was given bounds the call.
func (h *Handler) poke(name string) {
	go func() {
		_, _ = h.greeter.SayHello(context.Background(), &greeter.HelloRequest{Name: name})
	}()
}

// Near misses.

// A client this function makes from the connection is the generated one,
// whatever else the program links.
func direct(cc grpc.ClientConnInterface, name string) error {
	_, err := greeter.NewGreeterClient(cc).SayHello(context.Background(), &greeter.HelloRequest{Name: name}) // want `greeter.GreeterClient.SayHello can block forever: it passes its context to grpc.ClientConnInterface.Invoke; the context comes from context.Background\(\) at line 37, and no deadline is set on the way`
	return err
}

// A bounded call still drops the context its function was given.
func (h *Handler) greet(ctx context.Context, name string) error {
	_, err := h.greeter.SayHello(context.TODO(), &greeter.HelloRequest{Name: name}) // want `greeter.GreeterClient.SayHello drops ctx, the context greet was given`
	return err
}
