// Package plaindial installs an interceptor that only counts calls: it
// adds no deadline.
package plaindial

import (
	"context"
	"sync/atomic"

	"google.golang.org/grpc"
)

var calls atomic.Int64

func count(ctx context.Context, method string, req, reply any, cc *grpc.ClientConn, invoker grpc.UnaryInvoker, opts ...grpc.CallOption) error {
	calls.Add(1)
	return invoker(ctx, method, req, reply, cc, opts...)
}

// Conn dials target.
func Conn(target string) (*grpc.ClientConn, error) {
	return grpc.NewClient(target, grpc.WithUnaryInterceptor(count))
}
