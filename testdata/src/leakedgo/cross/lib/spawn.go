package lib

import (
	"errors"
	"log"
)

// GoSafe runs f on a goroutine of its own that logs a panic instead of
// crashing: its Summary says it runs f spawned, so a closure given to it is
// a goroutine of its caller's.
func GoSafe(name string, f func()) {
	go func() {
		defer func() {
			if r := recover(); r != nil {
				log.Printf("%s: %v", name, r)
			}
		}()
		f()
	}()
}

// Defer keeps f to run later: its callers cannot see when.
func Defer(f func()) { deferred = append(deferred, f) }

var deferred []func()

// A Runner refuses new work once stopped, and says so.
type Runner struct{ stopped bool }

var ErrStopped = errors.New("stopped")

func (r *Runner) Run(f func()) error {
	if r.stopped {
		return ErrStopped
	}
	go f()
	return nil
}

// Generate runs gen on a goroutine of its own with a channel it serves,
// and returns what gen sent once gen returns.
func Generate(gen func(out chan<- int)) []int {
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
