// Package logctx carries a logger in a context, as logging packages do.
// With and Named only add values: what they return is cancelled when the
// context they are given is. Stoppable's is also cancelled by StopAll.
package logctx

import (
	"context"
	"log"
	"os"
	"sync"
)

type key struct{}

func With(ctx context.Context, l *log.Logger) context.Context {
	return context.WithValue(ctx, key{}, l)
}

func Named(ctx context.Context, name string) context.Context {
	return With(ctx, log.New(os.Stderr, name+": ", 0))
}

var (
	mu    sync.Mutex
	stops []context.CancelFunc
)

func Stoppable(ctx context.Context) context.Context {
	ctx, cancel := context.WithCancel(ctx)
	mu.Lock()
	stops = append(stops, cancel)
	mu.Unlock()
	return ctx
}

func StopAll() {
	mu.Lock()
	defer mu.Unlock()
	for _, stop := range stops {
		stop()
	}
}
