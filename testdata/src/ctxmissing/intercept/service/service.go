// Package service calls its greeter over connections that
// ctxmissing/intercept/dial makes: its interceptor bounds every unary
// call, so one with no deadline of its own is not reported.
package service

import (
	"context"

	"ctxmissing/greeter"
	"ctxmissing/intercept/dial"
)

type Handler struct {
	greeter greeter.GreeterClient
}

func New(target string) (*Handler, error) {
	cc, err := dial.Conn(target, 0)
	if err != nil {
		return nil, err
	}
	return &Handler{greeter: greeter.NewGreeterClient(cc)}, nil
}

func (h *Handler) poke(name string) {
	go func() {
		_, _ = h.greeter.SayHello(context.Background(), &greeter.HelloRequest{Name: name})
	}()
}
