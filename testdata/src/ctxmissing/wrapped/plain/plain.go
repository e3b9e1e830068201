// Package plain is given its client by its caller, and the only wrapper
// the program links (ctxmissing/wrapped/plainwiring) counts calls without
// adding a deadline: calls with none of their own are unbounded.
package plain

import (
	"context"

	"ctxmissing/greeter"
	"ctxmissing/wrapped/plainwiring"

	"google.golang.org/grpc"
)

type Handler struct {
	greeter greeter.GreeterClient
}

func Wired(cc grpc.ClientConnInterface) *Handler { return &Handler{greeter: plainwiring.Greeter(cc)} }

func (h *Handler) poke(name string) {
	go func() {
		_, _ = h.greeter.SayHello(context.Background(), &greeter.HelloRequest{Name: name}) // want `greeter.GreeterClient.SayHello can block forever`
	}()
}
