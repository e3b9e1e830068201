// Package lib has helpers whose use of their channel parameters callers in
// other packages know through facts.
package lib

import "errors"

// Produce sends one value.
func Produce(out chan<- int) { out <- 42 }

// ProduceAsync starts a goroutine that sends one value.
func ProduceAsync(out chan<- int) {
	go func() { out <- 42 }()
}

// Drain receives until out is closed.
func Drain(in <-chan int) {
	for range in {
	}
}

// A Handle is what Serve returns: Done is sent the result of serving, then
// closed, by the goroutine Serve starts.
type Handle struct {
	Done <-chan error
}

// Serve starts serving and returns at once.
func Serve() Handle {
	done := make(chan error)
	go func() {
		done <- nil
		close(done)
	}()
	return Handle{Done: done}
}

// An Iterator's C gets every value, then is closed.
type Iterator struct {
	C <-chan int
}

// Iterate returns an Iterator over xs.
func Iterate(xs []int) *Iterator {
	c := make(chan int)
	go func() {
		for _, x := range xs {
			c <- x
		}
		close(c)
	}()
	return &Iterator{C: c}
}

// Index works until interrupt is closed, as go-ethereum's
// rawdb.IndexTransactions does.
func Index(from, to int, interrupt chan struct{}) {
	for i := from; i < to; i++ {
		select {
		case <-interrupt:
			return
		default:
		}
	}
	<-interrupt
}

// A Collector takes N results, then stops looking.
type Collector struct{ N int }

// Collect receives from errs until it has N results, and returns the
// first error among them.
func (c Collector) Collect(errs <-chan error) error {
	var first error
	n := 0
	for err := range errs {
		if first == nil {
			first = err
		}
		n++
		if n == c.N {
			break
		}
	}
	return first
}

// First returns the first result.
func First(errs <-chan error) error { return <-errs }

// Measure starts a goroutine that sends src's length on out. It fails, and
// starts nothing, when src is empty.
func Measure(src string, out chan<- int) error {
	if src == "" {
		return errNoSource
	}
	go func() { out <- len(src) }()
	return nil
}

// MeasureLate starts the goroutine first, and fails after.
func MeasureLate(src string, out chan<- int) error {
	go func() { out <- len(src) }()
	if src == "" {
		return errNoSource
	}
	return nil
}

var errNoSource = errors.New("lib: no source")

// List sends the names under prefix, then closes the channel it returns.
// Its goroutine watches done only while it sends: a caller that reads
// every name need not close done.
func List(prefix string, done <-chan struct{}) <-chan string {
	out := make(chan string)
	go func() {
		defer close(out)
		for _, name := range []string{prefix + "a", prefix + "b"} {
			select {
			case out <- name:
			case <-done:
				return
			}
		}
	}()
	return out
}

// Watch runs cleanup once done is closed, and only then.
func Watch(done <-chan struct{}, cleanup func()) {
	go func() {
		<-done
		cleanup()
	}()
}
