// Package plain calls its greeter over connections whose interceptor adds
// no deadline: a call with none of its own is unbounded.
package plain

import (
	"context"

	"ctxmissing/greeter"
	"ctxmissing/intercept/plaindial"
)

type Handler struct {
	greeter greeter.GreeterClient
}

func New(target string) (*Handler, error) {
	cc, err := plaindial.Conn(target)
	if err != nil {
		return nil, err
	}
	return &Handler{greeter: greeter.NewGreeterClient(cc)}, nil
}

func (h *Handler) poke(name string) {
	go func() {
		_, _ = h.greeter.SayHello(context.Background(), &greeter.HelloRequest{Name: name}) // want `greeter.GreeterClient.SayHello can block forever`
	}()
}
