package engine

// Channels that go through a generic function of the package, as a T, are
// not followed there: they may come back from anywhere, so they are not
// taken for nil.

func fillWith[T any](xs []T, mk func() T) {
	for i := range xs {
		xs[i] = mk()
	}
}

func mapTo[T, U any](xs []T, f func(T) U) []U {
	out := make([]U, len(xs))
	for i, x := range xs {
		out[i] = f(x)
	}
	return out
}

func filledByGeneric() int {
	chs := make([]chan int, 3)
	fillWith(chs, func() chan int { return make(chan int, 1) })
	for _, c := range chs {
		go func() { c <- 1 }()
	}
	return <-chs[0]
}

func mappedByGeneric(ns []int) int {
	chs := mapTo(ns, func(n int) chan int { return make(chan int, n+1) })
	for _, c := range chs {
		go func() { c <- 1 }()
	}
	return <-chs[0]
}

// neverFilled is the twin: its slice of channels is only made, so every
// element is nil.
func neverFilled() int {
	chs := make([]chan int, 3)
	return <-chs[0] // want `neverFilled blocks forever receiving from chs\[0\] \(line \d+\): chs\[0\] is nil`
}

func firstAndRest[T any](xs []T) (T, []T) { return xs[0], xs[1:] }

func splitByGeneric() int {
	chs := []chan int{make(chan int, 1), make(chan int, 1)}
	first, rest := firstAndRest(chs)
	for _, c := range rest {
		go func() { c <- 1 }()
	}
	go func() { first <- 1 }()
	return <-first
}
