// want package:"drivers"

// Package facts pins the Summary facts the model exports.
package facts

import (
	"context"
	"errors"
	"net/http"
	"database/sql"
	"sync"

	"golang.org/x/sync/errgroup"
)

func Count(ctx context.Context, db *sql.DB) int { // want Count:`summary\(param0: reaches \(\*sql.DB\).QueryRowContext observes cancellation\)` Count:`locks\(acquires param1.3\)`
	var n int
	db.QueryRowContext(ctx, "SELECT 1").Scan(&n)
	return n
}

func Indirect(db *sql.DB, ctx context.Context) int { // want Indirect:`summary\(param1: reaches \(\*sql.DB\).QueryRowContext observes cancellation\)` Indirect:`locks\(acquires param0.3\)`
	return Count(context.WithValue(ctx, "k", 1), db)
}

func Bounded(ctx context.Context, db *sql.DB) int { // want Bounded:`summary\(param0: observes cancellation\)` Bounded:`locks\(acquires param1.3\)`
	ctx, cancel := context.WithTimeout(ctx, 1)
	defer cancel()
	return Count(ctx, db)
}

func Background() context.Context { // want Background:`summary\(returns a context with no deadline\)`
	return context.Background()
}

func WithUser(ctx context.Context) context.Context { // want WithUser:`summary\(returns a fresh value; returns param0's context; adds only values to param0\)`
	return context.WithValue(ctx, "user", "u")
}

// Cancellable's result can be cancelled without its parameter: it adds
// more than values.
func Cancellable(ctx context.Context, stop <-chan struct{}) context.Context { // want Cancellable:`summary\(param1: receive \(spawned\); returns a fresh value; returns param0's context\)`
	ctx, cancel := context.WithCancel(WithUser(ctx))
	go func() {
		<-stop
		cancel()
	}()
	return ctx
}

func Produce(out chan<- int) { // want Produce:`summary\(param0: send close\)`
	out <- 1
	close(out)
}

func Consume(in <-chan int) (sum int) { // want Consume:`summary\(param0: range\)`
	for v := range in {
		sum += v
	}
	return sum
}

func Async(out chan<- int) { // want Async:`summary\(param0: send \(spawned\)\)`
	go func() { out <- 1 }()
}

func Relay(in <-chan int, out chan<- int) { // want Relay:`summary\(param0: receive \(repeated: receive\) \(spawned\); param1: send \(repeated: send\) \(spawned\)\)`
	go func() {
		for {
			Produce2(out, <-in)
		}
	}()
}

// Produce2 sends v on out once; Relay calls it again and again.
func Produce2(out chan<- int, v int) { out <- v } // want Produce2:`summary\(param0: send\)`

func Offer(ctx context.Context, out chan<- int) { // want Offer:`summary\(param0: observes cancellation; param1: send \(as select cases: send\)\)`
	select {
	case out <- 1:
	case <-ctx.Done():
	}
}

var sink chan int

func Keep(ch chan int) { // want Keep:`summary\(param0: escapes\)`
	sink = ch
}

func Join(wg *sync.WaitGroup) { // want Join:`summary\(param0: Wait\)`
	wg.Wait()
}

func Task(wg *sync.WaitGroup, work func()) { // want Task:`summary\(param0: Done\)`
	defer wg.Done()
	work()
}

func Fan(g *errgroup.Group, n int) { // want Fan:`summary\(param0: Go\)`
	for range n {
		g.Go(func() error { return nil })
	}
}

func Plain(x int) int { return x }

type Worker struct {
	stop chan struct{}
	jobs chan func()
}

func (w *Worker) Start() { // want Start:`summary\(starts a goroutine stopped by Stop\)`
	go func() {
		for {
			select {
			case <-w.stop:
				return
			case job := <-w.jobs:
				job()
			}
		}
	}()
}

func (w *Worker) Stop() { close(w.stop) }

// Run starts a goroutine that ends on its own: no contract. It runs its
// parameter on that goroutine, so a closure given to it is a goroutine of
// the caller's.
func (w *Worker) Run(job func()) { // want Run:`summary\(param1: runs spawned\)`
	go job()
}

// Safely runs f on a goroutine of its own, through a closure.
func Safely(f func()) { // want Safely:`summary\(param0: runs spawned\)`
	go func() {
		defer func() { recover() }()
		f()
	}()
}

// TryRun may not start it.
func (w *Worker) TryRun(job func()) bool { // want TryRun:`summary\(param1: runs spawned or not\)`
	if w.stop == nil {
		return false
	}
	go job()
	return true
}

// Submit may not start it either, and says so by its error.
func (w *Worker) Submit(job func()) error { // want Submit:`summary\(param1: after its failures runs spawned or not\)`
	if w.stop == nil {
		return errStopped
	}
	go job()
	return nil
}

var errStopped = errors.New("stopped")

// Each runs f on several goroutines, and Later keeps it: neither runs it
// once on a goroutine it starts.
func Each(n int, f func()) {
	for i := 0; i < n; i++ {
		go f()
	}
}

var later []func()

func Later(f func()) { later = append(later, f) }

// Queue uses st as a lock: its goroutine takes and gives back the token,
// which Idle takes too. Idle does not stop it.
type Queue struct{ st chan int }

func (q *Queue) Add(f func()) {
	st := <-q.st
	q.st <- st
	go func() {
		for {
			f()
			st := <-q.st
			if st == 0 {
				q.st <- st
				return
			}
			q.st <- st - 1
		}
	}()
}

func (q *Queue) Idle() int {
	st := <-q.st
	q.st <- st
	return st
}

type logKey struct{}

// Logger only reads a value from its context: cancelling it changes
// nothing here.
func Logger(ctx context.Context) string { // want Logger:`summary\(param0: values only\)`
	s, _ := ctx.Value(logKey{}).(string)
	return s
}

// LogError hands its context only to Logger, and to a context.WithValue
// only read for values.
func LogError(ctx context.Context, err error) string { // want LogError:`summary\(param0: values only\)`
	ctx = context.WithValue(ctx, logKey{}, "error")
	return Logger(ctx) + err.Error()
}

// L is Logger by a shorter name: its declaration is the one store.
var L = Logger // want L:`alias\(model/facts.Logger\)`

// W may hold another function than Watch: SetW stores into it.
var W = Watch

func SetW(w func(context.Context) bool) { W = w }

// l is unexported: other packages cannot call through it.
var l = Logger

// LogShort calls Logger through l, as if by name.
func LogShort(ctx context.Context) string { return l(ctx) } // want LogShort:`summary\(param0: values only\)`

// Watch looks at the cancellation: not values only.
func Watch(ctx context.Context) bool { return ctx.Err() != nil } // want Watch:`summary\(param0: observes cancellation\)`

// Deadline reads the deadline, which cancellation does not change, and
// calls a function value, which the model cannot see into: neither
// observes the cancellation.
func Deadline(ctx context.Context, f func(context.Context)) bool {
	_, ok := ctx.Deadline()
	f(ctx)
	return ok
}

// Detached hands on a context that cancelling the parameter does not
// cancel.
func Detached(ctx context.Context) bool { return Watch(context.WithoutCancel(ctx)) }

// Derived watches a context derived from the parameter, through a
// variable a closure captures.
func Derived(ctx context.Context) func() bool { // want Derived:`summary\(param0: observes cancellation\)`
	sub, cancel := context.WithCancel(ctx)
	_ = cancel
	return func() bool { return Watch(sub) }
}

// Request makes a request that carries the context to the exchange.
func Request(ctx context.Context) (*http.Request, error) { // want Request:`summary\(param0: observes cancellation; returns a fresh value; returns param0.s context\)`
	return http.NewRequestWithContext(ctx, "GET", "http://example.com", nil)
}

// LogNil only reads a value, after making a nil context Background.
func LogNil(ctx context.Context) string { // want LogNil:`summary\(param0: values only\)`
	if ctx == nil {
		ctx = context.Background()
	}
	return Logger(ctx)
}

// A Resolver's only implementation here reads a value from the context:
// its method's fact says so for callers in other packages.
type Resolver interface {
	Resolve(ctx context.Context) string // want Resolve:`summary\(param1: values only\)`
}

type resolver struct{}

func (resolver) Resolve(ctx context.Context) string { return Logger(ctx) } // want Resolve:`summary\(param1: values only\)`

// A Loader's only implementation ignores the context: no fact.
type Loader interface {
	Load(ctx context.Context) error
}

type nopLoader struct{}

func (nopLoader) Load(context.Context) error { return nil } // want Load:`summary\(param1: values only\)`

// Lend returns holding s's lock and hands it to the loan it returns,
// whose Repay releases it once: a nil check guards it after that.
type Shelf struct {
	mu    sync.Mutex
	books int
}

type Loan struct{ shelf *Shelf }

func Lend(s *Shelf) *Loan { // want Lend:`locks\(acquires param0.0; returns param0.0; result0.0 holds param0\)` Lend:`summary\(returns a fresh value\)`
	s.mu.Lock()
	return &Loan{shelf: s}
}

func (l *Loan) Repay() { // want Repay:`locks\(releases param0.0\*.0\)`
	if l.shelf != nil {
		l.shelf.mu.Unlock()
		l.shelf = nil
	}
}
