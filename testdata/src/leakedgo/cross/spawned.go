package cross

import (
	"errors"

	"leakedgo/cross/lib"
)

// A closure given to a function of another package that runs it on a
// goroutine of its own is judged as a goroutine of the caller's.

func lookup(fail bool) (string, error) {
	ch := make(chan string)
	lib.GoSafe("lookup", func() { ch <- "x" }) // want `the goroutine lib.GoSafe starts blocks forever sending on ch \(line \d+\) when lookup returns at line \d+`
	if fail {
		return "", errors.New("fail")
	}
	return <-ch, nil
}

// The twins: a buffer of one, and a function that keeps the closure, whose
// channel the model then cannot follow.
func lookupBuffered(fail bool) (string, error) {
	ch := make(chan string, 1)
	lib.GoSafe("lookup", func() { ch <- "x" })
	if fail {
		return "", errors.New("fail")
	}
	return <-ch, nil
}

func lookupLater(fail bool) (string, error) {
	ch := make(chan string)
	lib.Defer(func() { ch <- "x" })
	if fail {
		return "", errors.New("fail")
	}
	return <-ch, nil
}

// A helper that may refuse the function reports it by its error: a caller
// that drops the error waits for a goroutine that may not exist.
func sampleRun(r *lib.Runner) int {
	ch := make(chan int)
	_ = r.Run(func() { ch <- 1 })
	return <-ch // want `sampleRun blocks forever receiving from ch \(line \d+\): Run can return without starting the goroutine sending on it \(line \d+\)`
}

// The twin checks it.
func sampleRunChecked(r *lib.Runner) (int, error) {
	ch := make(chan int)
	if err := r.Run(func() { ch <- 1 }); err != nil {
		return 0, err
	}
	return <-ch, nil
}

// A helper that runs the function with a channel of its own: the
// function's parameter is that channel, not nil.
func cubes(n int) []int {
	return lib.Generate(func(out chan<- int) {
		for i := range n {
			out <- i * i * i
		}
	})
}
