package engine

// A sender whose only receiver is a goroutine started in another file:
// the finding names that file with the lines it gives there.

type Relay struct{ in chan int }

func (r *Relay) Push(v int) {
	r.in <- v // want `Push blocks forever sending on r\.in \(line \d+\) when the goroutine receiving from it \(relayrun\.go:\d+\) returns at relayrun\.go:\d+ through <-stop`
}
