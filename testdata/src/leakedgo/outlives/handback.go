package outlives

import "context"

// Workers given the context and a channel to hand their result back on:
// once the spawner returns, their results are not wanted, and cancelling
// them is the point, whatever the worker function is.

type expandFunc func(ctx context.Context, out chan<- int)

func expandAll(ctx context.Context, reqs []expandFunc) (int, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	outs := make([]chan int, 0, len(reqs))
	for _, req := range reqs {
		out := make(chan int, 1)
		outs = append(outs, out)
		go req(ctx, out)
	}
	total := 0
	for _, out := range outs {
		select {
		case n := <-out:
			total += n
		case <-ctx.Done():
			return 0, ctx.Err()
		}
	}
	return total, nil
}

// The twin hands its channel to nobody who reads it back.
func expandAndForget(ctx context.Context, req expandFunc, sink chan<- int) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go req(ctx, sink) // reported in strict mode only
}
