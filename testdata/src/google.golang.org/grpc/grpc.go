// Package grpc is a stub of google.golang.org/grpc for the fixtures: the
// API surface that generated clients and their callers use, no more.
package grpc

import "context"

// A CallOption configures a call.
type CallOption interface{ call() }

// A DialOption configures a connection.
type DialOption interface{ dial() }

// StaticMethod is the call option generated clients pass.
func StaticMethod() CallOption { return nil }

// ClientConnInterface is what generated clients call through.
type ClientConnInterface interface {
	Invoke(ctx context.Context, method string, args any, reply any, opts ...CallOption) error
	NewStream(ctx context.Context, desc *StreamDesc, method string, opts ...CallOption) (ClientStream, error)
}

// A ClientConn is a connection to a server.
type ClientConn struct{}

// NewClient returns a connection for target.
func NewClient(target string, opts ...DialOption) (*ClientConn, error) { return &ClientConn{}, nil }

// Invoke sends a unary RPC and waits for its reply.
func (cc *ClientConn) Invoke(ctx context.Context, method string, args any, reply any, opts ...CallOption) error {
	return nil
}

// NewStream starts a stream.
func (cc *ClientConn) NewStream(ctx context.Context, desc *StreamDesc, method string, opts ...CallOption) (ClientStream, error) {
	return nil, nil
}

// Close closes the connection.
func (cc *ClientConn) Close() error { return nil }

// A StreamDesc describes a stream.
type StreamDesc struct {
	StreamName    string
	ServerStreams bool
	ClientStreams bool
}

// A ClientStream is the client side of a stream.
type ClientStream interface {
	SendMsg(m any) error
	RecvMsg(m any) error
	CloseSend() error
}

// ServerStreamingClient is the client side of a server stream.
type ServerStreamingClient[Res any] interface {
	Recv() (*Res, error)
	ClientStream
}

// GenericClientStream wraps a ClientStream.
type GenericClientStream[Req any, Res any] struct {
	ClientStream
}

// Recv receives a message.
func (x *GenericClientStream[Req, Res]) Recv() (*Res, error) {
	m := new(Res)
	if err := x.ClientStream.RecvMsg(m); err != nil {
		return nil, err
	}
	return m, nil
}

// UnaryInvoker is called by a UnaryClientInterceptor to complete RPCs.
type UnaryInvoker func(ctx context.Context, method string, req, reply any, cc *ClientConn, opts ...CallOption) error

// UnaryClientInterceptor intercepts the execution of a unary RPC on the
// client.
type UnaryClientInterceptor func(ctx context.Context, method string, req, reply any, cc *ClientConn, invoker UnaryInvoker, opts ...CallOption) error

// WithUnaryInterceptor returns a DialOption that installs f on unary RPCs.
func WithUnaryInterceptor(f UnaryClientInterceptor) DialOption { return nil }

// WithChainUnaryInterceptor returns a DialOption that chains fs on unary
// RPCs.
func WithChainUnaryInterceptor(fs ...UnaryClientInterceptor) DialOption { return nil }
