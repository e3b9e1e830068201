package locks

import (
	"context"
	"sync"
)

// --- A goroutine that runs queued jobs, each of which may take a lock a
// stopper holds while it waits for the goroutine to finish.
//
// The jobs are function values kept in a slice field; the goroutine that
// runs them needs whatever they need. A job that takes the lock only
// while the stop channel is open (the default of a select on it) does not
// stand in the way of a stopper that closed the channel first.

type jobRunner struct {
	mu      sync.Mutex
	pending []func(context.Context)
	wake    chan struct{}
	ctx     context.Context
	cancel  context.CancelFunc
	donec   chan struct{}
}

func newJobRunner() *jobRunner {
	r := &jobRunner{wake: make(chan struct{}, 1), donec: make(chan struct{})}
	r.ctx, r.cancel = context.WithCancel(context.Background())
	go r.run()
	return r
}

func (r *jobRunner) Schedule(j func(context.Context)) {
	r.mu.Lock()
	r.pending = append(r.pending, j)
	r.mu.Unlock()
	select {
	case r.wake <- struct{}{}:
	default:
	}
}

func (r *jobRunner) Stop() {
	r.cancel()
	<-r.donec
}

func (r *jobRunner) run() {
	defer close(r.donec)
	for {
		select {
		case <-r.wake:
		case <-r.ctx.Done():
			r.mu.Lock()
			jobs := r.pending
			r.pending = nil
			r.mu.Unlock()
			for _, j := range jobs {
				j(r.ctx) // the jobs see the cancelled context
			}
			return
		}
		r.mu.Lock()
		jobs := r.pending
		r.pending = nil
		r.mu.Unlock()
		for _, j := range jobs {
			j(r.ctx)
		}
	}
}

type compactStore struct {
	mu    sync.Mutex
	rev   int
	sched *jobRunner
	stopc chan struct{}
}

// barrier takes the lock whatever the stop channel says.
func (s *compactStore) barrier(ctx context.Context, ch chan struct{}) {
	if ctx.Err() != nil {
		s.mu.Lock()
		s.sched.Schedule(func(ctx context.Context) { s.barrier(ctx, ch) })
		s.mu.Unlock()
		return
	}
	close(ch)
}

func (s *compactStore) Compact() <-chan struct{} {
	ch := make(chan struct{})
	s.sched.Schedule(func(ctx context.Context) { s.barrier(ctx, ch) })
	return ch
}

func (s *compactStore) Restore(rev int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	close(s.stopc)
	s.sched.Stop() // want `Restore blocks forever in its call of Stop \(line 100\), which waits receiving from r\.donec \(line 44\) while it holds s\.mu \(locked at line 97\): the goroutine that closes it \(run, line 48\) takes s\.mu first \(in barrier, line 82\)`
	s.rev = rev
	s.sched = newJobRunner()
	s.stopc = make(chan struct{})
}

// The twin: its jobs check the stop channel first, which Restore closes
// before it waits. (A runner of its own: the runner above runs the jobs
// of every caller of its Schedule.)

type checkedRunner struct{ jobRunner }

func newCheckedRunner() *checkedRunner {
	r := &checkedRunner{jobRunner{wake: make(chan struct{}, 1), donec: make(chan struct{})}}
	r.ctx, r.cancel = context.WithCancel(context.Background())
	go r.run()
	return r
}

func (r *checkedRunner) Schedule(j func(context.Context)) {
	r.mu.Lock()
	r.pending = append(r.pending, j)
	r.mu.Unlock()
}

func (r *checkedRunner) run() {
	defer close(r.donec)
	<-r.ctx.Done()
	r.mu.Lock()
	jobs := r.pending
	r.mu.Unlock()
	for _, j := range jobs {
		j(r.ctx)
	}
}

type checkedStore struct {
	mu    sync.Mutex
	rev   int
	sched *checkedRunner
	stopc chan struct{}
}

// checkedBarrier takes it only while the stop channel is open.
func (s *checkedStore) checkedBarrier(ctx context.Context, ch chan struct{}) {
	if ctx.Err() != nil {
		select {
		case <-s.stopc:
		default:
			s.mu.Lock()
			s.sched.Schedule(func(ctx context.Context) { s.checkedBarrier(ctx, ch) })
			s.mu.Unlock()
		}
		return
	}
	close(ch)
}

func (s *checkedStore) Compact() <-chan struct{} {
	ch := make(chan struct{})
	s.sched.Schedule(func(ctx context.Context) { s.checkedBarrier(ctx, ch) })
	return ch
}

func (s *checkedStore) Restore(rev int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	close(s.stopc)
	s.sched.Stop()
	s.rev = rev
}

// Its near miss: the channel is closed only after the wait.
func (s *checkedStore) RestoreLate(rev int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sched.Stop() // want `RestoreLate blocks forever in its call of Stop`
	close(s.stopc)
	s.rev = rev
}
