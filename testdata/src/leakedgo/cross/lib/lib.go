// Package lib has helpers whose use of their channel parameters callers in
// other packages know through facts.
package lib

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
