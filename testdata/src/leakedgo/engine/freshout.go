package engine

import "context"

// A channel that an exported function makes afresh and returns belongs to
// each caller: outside code gets channels of its own, and cannot release
// the one a caller in the package dropped (moby's utils.Go).

// Async runs f and returns a channel that gets its result.
func Async(f func() int) <-chan int {
	ch := make(chan int)
	go func() { ch <- f() }() // want `goroutine blocks forever sending on ch \(line 12\) when Await, which got it from Async at line 18, returns at line 21 through <-ctx\.Done\(\)`
	return ch
}

func Await(ctx context.Context, f func() int) int {
	select {
	case v := <-Async(f):
		return v
	case <-ctx.Done():
		return 0
	}
}

// Twins: a promise only outside code uses, and one whose callers in the
// package always receive; and a channel that also escapes otherwise (a
// field of an exported type), which outside code can release.

func Later(f func() int) <-chan int {
	ch := make(chan int)
	go func() { ch <- f() }()
	return ch
}

func Eventually(f func() int) chan int {
	ch := make(chan int)
	go func() { ch <- f() }()
	return ch
}

func Sum(f, g func() int) int {
	return <-Eventually(f) + <-Eventually(g)
}

type Pending struct{ C chan int }

func Spawn(f func() int) chan int {
	ch := make(chan int)
	go func() { ch <- f() }()
	return ch
}

func Park(ctx context.Context, f func() int) *Pending {
	p := &Pending{C: Spawn(f)}
	select {
	case v := <-p.C:
		_ = v
		return nil
	case <-ctx.Done():
		return p // the caller may still receive from p.C
	}
}

// Reassigned's variable gets a channel of the package's from a closure:
// callers outside may share it, so it is not made afresh.
var shared = make(chan int)

func Reassigned(f func() int) <-chan int {
	ch := make(chan int)
	reset := func() { ch = shared }
	reset()
	go func() { ch <- f() }()
	return ch
}

func AwaitReassigned(ctx context.Context, f func() int) int {
	select {
	case v := <-Reassigned(f):
		return v
	case <-ctx.Done():
		return 0
	}
}

// Subscribe's channel is a named result that its goroutine captures:
// returning it stores into the variable what it already holds, which
// changes nothing (coderd's ServerSentEventSender).
func Subscribe(f func() int) (events chan int, err error) {
	events = make(chan int)
	go func() { events <- f() }() // want `goroutine blocks forever sending on events \(line 90\) when First, which got it from Subscribe at line 95, returns at line 103 through <-ctx\.Done\(\)`
	return events, nil
}

func First(ctx context.Context, f func() int) int {
	events, err := Subscribe(f)
	if err != nil {
		return 0
	}
	select {
	case v := <-events:
		return v
	case <-ctx.Done():
		return 0
	}
}
