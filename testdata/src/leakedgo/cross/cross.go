package cross

import (
	"context"

	"leakedgo/cross/lib"
)

func viaGo(ctx context.Context) int {
	out := make(chan int)
	go lib.Produce(out) // want `goroutine blocks forever sending on out in lib.Produce when viaGo returns at line 16 through <-ctx.Done\(\)`
	select {
	case v := <-out:
		return v
	case <-ctx.Done():
		return 0
	}
}

func viaAsync(ctx context.Context) int {
	out := make(chan int)
	lib.ProduceAsync(out) // want `the goroutine lib.ProduceAsync starts blocks forever sending on out in lib.ProduceAsync when viaAsync returns at line 27 through <-ctx.Done\(\)`
	select {
	case v := <-out:
		return v
	case <-ctx.Done():
		return 0
	}
}

func drainNeverClosed(items []int) {
	ch := make(chan int)
	go lib.Drain(ch) // want `goroutine ranges over ch in lib.Drain, which nothing closes`
	for _, it := range items {
		ch <- it
	}
}

// Near misses.

func buffered(ctx context.Context) int {
	out := make(chan int, 1)
	lib.ProduceAsync(out)
	select {
	case v := <-out:
		return v
	case <-ctx.Done():
		return 0
	}
}

// Channels in another package's struct fields are that package's: its code
// made them with every right, whatever direction the field gives readers.

func waitServed() error {
	h := lib.Serve()
	return <-h.Done
}

func sum(xs []int) int {
	n := 0
	for x := range lib.Iterate(xs).C {
		n += x
	}
	return n
}

// The same shapes over this package's own struct, where nothing sends.

type handle struct {
	done <-chan error
}

func serve() handle {
	return handle{done: make(chan error)}
}

func waitLocal() error {
	h := serve()
	return <-h.done // want `waitLocal blocks forever receiving from h.done \(line \d+\): nothing sends on it or closes it`
}
