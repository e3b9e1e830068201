package waitgroup

import (
	"context"
	"sync"
)

// A job carries the WaitGroup its submitter waits on. The overflow
// goroutine, started when the queue is full, runs the job through a
// method that calls Done on every way through it, or calls Done itself
// when it gives up: every return owes nothing.

type manifestJob struct {
	n    int
	res  *int
	done *sync.WaitGroup
	ctx  context.Context
}

type resolver struct {
	sem  chan struct{}
	jobs chan manifestJob
	ctx  context.Context
}

func newResolver(ctx context.Context) *resolver {
	r := &resolver{sem: make(chan struct{}, 4), jobs: make(chan manifestJob, 4), ctx: ctx}
	go r.worker()
	return r
}

func (r *resolver) execute(j manifestJob) {
	*j.res = j.n
	j.done.Done()
}

func (r *resolver) overflow(j manifestJob) {
	select {
	case r.sem <- struct{}{}:
		defer func() { <-r.sem }()
		r.execute(j)
	case <-j.ctx.Done():
		j.done.Done()
	}
}

func (r *resolver) submit(j manifestJob) bool {
	select {
	case r.jobs <- j:
		return true
	default:
		go r.overflow(j)
		return true
	}
}

func (r *resolver) worker() {
	for {
		select {
		case j := <-r.jobs:
			r.execute(j)
		case <-r.ctx.Done():
			return
		}
	}
}

func (r *resolver) Resolve(ctx context.Context, n int) []int {
	var wg sync.WaitGroup
	res := make([]int, n)
	for i := range n {
		wg.Add(1)
		r.submit(manifestJob{n: i, res: &res[i], done: &wg, ctx: ctx})
	}
	wg.Wait()
	return res
}

// The bug twin: the method it runs the job through returns early on a
// failed job without calling Done.

type strictResolver struct {
	sem chan struct{}
	ctx context.Context
}

func newStrictResolver(ctx context.Context) *strictResolver {
	return &strictResolver{sem: make(chan struct{}, 4), ctx: ctx}
}

func (r *strictResolver) execute(j manifestJob) {
	if j.n < 0 {
		return
	}
	*j.res = j.n
	j.done.Done()
}

func (r *strictResolver) overflow(j manifestJob) {
	select {
	case r.sem <- struct{}{}:
		defer func() { <-r.sem }()
		r.execute(j)
	case <-j.ctx.Done():
		j.done.Done()
	}
}

func (r *strictResolver) Resolve(ctx context.Context, n int) []int {
	var wg sync.WaitGroup
	res := make([]int, n)
	for i := range n {
		wg.Add(1)
		go r.overflow(manifestJob{n: i, res: &res[i], done: &wg, ctx: ctx}) // want `goroutine can return at line \d+ without calling`
	}
	wg.Wait()
	return res
}
