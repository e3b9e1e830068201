package engine

// The consumer stops early only with an error it has checked is not nil,
// and drains the channel when it has one: every way out that leaves the
// producer sending drains it first.

func consume(ns []int, apply func(int) error) error {
	out := make(chan int)
	go func() {
		defer close(out)
		for _, n := range ns {
			out <- n
		}
	}()
	var firstErr error
	for n := range out {
		if err := apply(n); err != nil {
			firstErr = err
			break
		}
	}
	if firstErr != nil {
		for range out {
		}
		return firstErr
	}
	return nil
}

// Twin: a second way out of the loop sets no error, and skips the drain.

func consumeUpTo(ns []int, limit int, apply func(int) error, skip func(int)) error {
	out := make(chan int)
	go func() { // want `goroutine blocks forever sending on out \(line 37\) when consumeUpTo returns at line 57`
		defer close(out)
		for _, n := range ns {
			out <- n
		}
	}()
	var firstErr error
	seen := 0
	for n := range out {
		if seen++; seen > limit {
			skip(n)
			break
		}
		if err := apply(n); err != nil {
			firstErr = err
			break
		}
	}
	if firstErr != nil {
		for range out {
		}
		return firstErr
	}
	return nil
}
