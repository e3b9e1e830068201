package count

// A buffer filled before anyone can have it, by a loop that counts from
// one up to n inclusive: n rounds for n slots (a pool of request ids).
// The near misses count one round too many.

type requestIDs chan int16

func newRequestIDs(size int16) requestIDs {
	b := make(chan int16, size)
	for i := int16(1); i <= size; i++ {
		b <- i
	}
	return b
}

func newTickets(first, n int) chan int {
	tickets := make(chan int, n)
	for i := 2; i < n+2; i++ {
		tickets <- first + i
	}
	return tickets
}

func newRequestIDsOver(size int16) requestIDs {
	b := make(chan int16, size)
	for i := int16(0); i <= size; i++ {
		b <- i // want `newRequestIDsOver blocks forever sending on b \(line \d+\): no other goroutine can have it yet \(made at line \d+\), and the loop can send more than its buffer holds`
	}
	return b
}

func newSlots() chan int {
	slots := make(chan int, 3)
	for i := 1; i <= 4; i++ {
		slots <- i // want `newSlots blocks forever sending on slots`
	}
	return slots
}
