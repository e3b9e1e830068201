package engine

// The elements of a container belong to that container: channels in a
// map that callers fill are theirs to send on and close, while the
// channels of a slice a function makes and fills itself are its own,
// even when both hold chan int.

// FanIn forwards what arrives on the channels of ins, which its caller
// made and closes when done: each range ends then.
func FanIn(ins map[string]chan int, out chan<- int) {
	for _, in := range ins {
		go func() {
			for v := range in {
				out <- v
			}
		}()
	}
}

// FirstOf takes a value from each channel of a slice handed in by its
// caller, through a helper.
func FirstOf(chs []chan int) []int { return firstOf(chs) }

func firstOf(chs []chan int) []int {
	res := make(chan int, len(chs))
	for _, ch := range chs {
		go func() { res <- <-ch }()
	}
	out := make([]int, len(chs))
	for i := range out {
		out[i] = <-res
	}
	return out
}

// waitersOwn makes its own slice of channels and never sends on them:
// its goroutines block forever, whatever other containers of chan int
// hold.
func waitersOwn() {
	chs := make([]chan int, 3)
	for i := range chs {
		chs[i] = make(chan int)
	}
	for _, c := range chs {
		go func() { <-c }() // want `goroutine blocks forever receiving from c \(line \d+\): nothing sends on it or closes it`
	}
}

// waitersAppended builds its slice with append and hands it to a helper
// that ranges over a copy: still its own, still never sent on.
func waitersAppended() {
	var chs []chan int
	for range 3 {
		chs = append(chs, make(chan int))
	}
	startWaiters(chs[:2])
}

func startWaiters(chs []chan int) {
	for _, c := range chs {
		go func() { <-c }() // want `goroutine blocks forever receiving from c \(line \d+\): nothing sends on it or closes it`
	}
}
