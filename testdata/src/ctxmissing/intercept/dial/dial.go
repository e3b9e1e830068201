// Package dial makes the program's gRPC connections, with a unary
// interceptor that gives every call a deadline of its own (boulder's
// bgrpc.ClientSetup and clientMetadataInterceptor).
package dial

import (
	"context"
	"time"

	"google.golang.org/grpc"
)

type deadlines struct{ timeout time.Duration }

// Unary bounds each call by the configured timeout.
func (d deadlines) Unary(ctx context.Context, method string, req, reply any, cc *grpc.ClientConn, invoker grpc.UnaryInvoker, opts ...grpc.CallOption) error {
	ctx, cancel := context.WithTimeout(ctx, d.timeout)
	defer cancel()
	return invoker(ctx, method, req, reply, cc, opts...)
}

// Conn dials target.
func Conn(target string, timeout time.Duration) (*grpc.ClientConn, error) {
	d := deadlines{timeout}
	interceptors := []grpc.UnaryClientInterceptor{d.Unary}
	return grpc.NewClient(target, grpc.WithChainUnaryInterceptor(interceptors...))
}
