package origin

// --- A channel handed on by its variable's address: the model does not
// follow the address, so the channel is neither nil nor unreceived.

// Correct: each goroutine's channel comes back through the pointer, and
// the function receives from it.
func capture(read func() float64) (a, b float64) {
	start := func() *chan float64 {
		ch := make(chan float64)
		go func() {
			ch <- read()
		}()
		return &ch
	}
	x, y := start(), start()
	return <-*x, <-*y
}

// The bug: the variable's address never leaves, and nothing receives.
func captureNone(read func() float64) {
	ch := make(chan complex64)
	go func() { // want `goroutine blocks forever sending on ch \(line \d+\) when captureNone returns at line \d+`
		ch <- complex(float32(read()), 0)
	}()
}
