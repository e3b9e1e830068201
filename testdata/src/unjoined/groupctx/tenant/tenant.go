// Package tenant finds the tenant a request is for in its context, through
// an interface, as a multi-tenant server does.
package tenant

import (
	"context"
	"log/slog"
)

type key struct{}

// A Resolver finds the tenant in a context.
type Resolver interface {
	Tenant(ctx context.Context) (string, error)
}

type single struct{}

func (single) Tenant(ctx context.Context) (string, error) {
	if ctx == nil {
		return "", nil
	}
	id, _ := ctx.Value(key{}).(string)
	return id, nil
}

// nop ignores its context: it shows nothing of what the other does.
type nop struct{}

func (nop) Tenant(context.Context) (string, error) { return "", nil }

var resolver Resolver = single{}

// Logger is a logger for the request's tenant: it only reads values.
func Logger(ctx context.Context) *slog.Logger {
	id, _ := resolver.Tenant(ctx)
	return slog.Default().With("tenant", id)
}

// Log logs through log/slog, whose handlers take a context for its values.
func Log(ctx context.Context, msg string) {
	if ctx == nil {
		ctx = context.Background()
	}
	slog.Default().InfoContext(ctx, msg)
}

// A Store loads what a tenant has. Its only implementation here ignores
// the context; others, elsewhere, may not.
type Store interface {
	Load(ctx context.Context, id string) error
}

type nopStore struct{}

func (nopStore) Load(context.Context, string) error { return nil }

// A Fetcher's implementation watches its context.
type Fetcher interface {
	Fetch(ctx context.Context, url string) error
}

type fetcher struct{}

func (fetcher) Fetch(ctx context.Context, url string) error {
	id, _ := ctx.Value(key{}).(string)
	_ = id
	return ctx.Err()
}

// L is a short name for Logger, as containerd's log.G is for GetLogger:
// the package stores nothing else in it.
var L = Logger

// Check is a short name for a function that does more than read values.
// (It names an exported function: other packages find an unexported one
// only in the package's source, which go vet does not give them.)
var Check = CheckErr

func CheckErr(ctx context.Context) error { return ctx.Err() }

// Trace only reads values too, but the package lets anyone put another
// function in its place.
var Trace = trace

func trace(ctx context.Context) { _ = ctx.Value(key{}) }

// SetTrace replaces Trace.
func SetTrace(f func(context.Context)) { Trace = f }
