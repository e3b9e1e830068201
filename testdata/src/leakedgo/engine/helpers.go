package engine

import "errors"

// A function value given to a helper of the package that runs it on a
// goroutine of its own (go f(), or a closure that recovers and calls f)
// is a goroutine its caller starts: what it blocks on is judged as if the
// caller had written the go statement, and the goroutine is named by the
// helper.

func runAsync(f func()) { go f() }

// runGuarded is one more level in between: a closure of its own around f,
// handed to runAsync.
func runGuarded(f func()) {
	runAsync(func() {
		defer func() { recover() }()
		f()
	})
}

func fetchAsync(fail bool) (int, error) {
	ch := make(chan int)
	runAsync(func() { ch <- 1 }) // want `the goroutine runAsync starts blocks forever sending on ch \(line \d+\) when fetchAsync returns at line \d+`
	if fail {
		return 0, errors.New("fail")
	}
	return <-ch, nil
}

func fetchGuarded(fail bool) (int, error) {
	results := make(chan int)
	runGuarded(func() { results <- 2 }) // want `the goroutine runGuarded starts blocks forever sending on results \(line \d+\) when fetchGuarded returns at line \d+`
	if fail {
		return 0, errors.New("fail")
	}
	return <-results, nil
}

// runEach runs f on n goroutines: one receive is not enough for them.
func runEach(n int, f func()) {
	for i := 0; i < n; i++ {
		go f()
	}
}

func firstOfEach(n int) int {
	ch := make(chan int)
	runEach(n, func() { ch <- 1 }) // want `the goroutines runEach starts block forever sending on ch \(line \d+\): firstOfEach receives only once`
	return <-ch
}

// A method that starts f and then closes a field channel is a helper too.
type starter struct{ done chan struct{} }

func (s *starter) start(f func()) {
	go func() {
		f()
		close(s.done)
	}()
}

func handOver(fail bool) error {
	s := &starter{done: make(chan struct{})}
	ch := make(chan int)
	s.start(func() { <-ch }) // want `the goroutine \(\*starter\).start starts blocks forever receiving from ch \(line \d+\) when handOver returns at line \d+ without sending on it or closing it`
	if fail {
		return errors.New("fail")
	}
	ch <- 1
	<-s.done
	return nil
}

// A method value handed to a helper is the method run on the helper's
// goroutine, as a closure that calls it would be; its twin receives.
type producer struct{ out chan int }

func (p *producer) produce() { p.out <- 1 }

func fetchMethod(fail bool) (int, error) {
	p := &producer{out: make(chan int)}
	runAsync(p.produce) // want `the goroutine runAsync starts blocks forever sending on p.out \(line \d+\) when fetchMethod, which handed it to runAsync at line \d+, returns at line \d+`
	if fail {
		return 0, errors.New("fail")
	}
	return <-p.out, nil
}

type steadyProducer struct{ out chan int }

func (p *steadyProducer) produce() { p.out <- 1 }

func fetchMethodAlways() int {
	p := &steadyProducer{out: make(chan int)}
	runAsync(p.produce)
	return <-p.out
}

// A helper that may return without starting its function leaves a
// receive of the caller's with no sender.
type workPool struct{ closed bool }

func (p *workPool) submit(f func()) bool {
	if p.closed {
		return false
	}
	go f()
	return true
}

func computeOn(p *workPool) int {
	ch := make(chan int)
	p.submit(func() { ch <- 1 })
	return <-ch // want `computeOn blocks forever receiving from ch \(line \d+\): submit can return without starting the goroutine sending on it \(line \d+\)`
}

// The twins. The caller reads submit's answer.
func computeChecked(p *workPool) (int, bool) {
	ch := make(chan int)
	if !p.submit(func() { ch <- 1 }) {
		return 0, false
	}
	return <-ch, true
}

// A buffer holds the one result nobody takes.
func fetchGuardedBuffered(fail bool) (int, error) {
	results := make(chan int, 1)
	runGuarded(func() { results <- 2 })
	if fail {
		return 0, errors.New("fail")
	}
	return <-results, nil
}

// A buffer of n holds every result.
func firstOfEachBuffered(n int) int {
	ch := make(chan int, n)
	runEach(n, func() { ch <- 1 })
	return <-ch
}

// A helper that keeps the function for later lets its channel go where
// the model cannot follow it.
var kept []func()

func enqueue(f func()) { kept = append(kept, f) }

func fetchQueued(fail bool) (int, error) {
	ch := make(chan int)
	enqueue(func() { ch <- 1 })
	if fail {
		return 0, errors.New("fail")
	}
	return <-ch, nil
}

// A helper that calls f before it returns runs it on the caller's
// goroutine: the send happens before the receive is reached, so no
// goroutine is left behind (the spawner itself would block, which is
// another finding's business).
func runNow(f func()) { f() }

func fetchNow() int {
	ch := make(chan int, 1)
	runNow(func() { ch <- 1 })
	return <-ch
}

// A helper that runs its function with a channel of its own hands it a
// channel the caller never sees being made: a generator it serves until
// the function returns (luci's parallel.Run). The function's parameter is
// that channel, not nil.
func generate(gen func(out chan<- int)) []int {
	c := make(chan int)
	go func() {
		defer close(c)
		gen(c)
	}()
	var all []int
	for v := range c {
		all = append(all, v)
	}
	return all
}

func squares(n int) []int {
	return generate(func(out chan<- int) {
		for i := range n {
			out <- i * i
		}
	})
}

// Its twin: a function the package calls itself gets what the call
// passes, here nil.
func squaresNowhere(n int) {
	gen := func(out chan<- int) {
		for i := range n {
			out <- i * i // want `blocks forever sending on out`
		}
	}
	gen(nil)
}
