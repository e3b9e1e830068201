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
