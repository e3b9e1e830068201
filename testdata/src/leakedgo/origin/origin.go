package origin

import (
	"sync"
	"sync/atomic"
	"unsafe"
)

// --- Channels the model cannot follow are not nil: a channel kept
// behind an unsafe.Pointer, or as the key of a map, comes from wherever it
// was made.

// A broadcast built on closing a channel that is swapped through an
// unsafe.Pointer: wait receives from a channel newBroadcast made.
type broadcast struct {
	mu sync.Mutex
	ch unsafe.Pointer // *chan struct{}
}

func newBroadcast() *broadcast {
	b := &broadcast{}
	n := make(chan struct{})
	b.ch = unsafe.Pointer(&n)
	return b
}

func (b *broadcast) current() chan struct{} {
	return *(*chan struct{})(atomic.LoadPointer(&b.ch))
}

func (b *broadcast) wait() {
	n := b.current()
	b.mu.Unlock()
	<-n
	b.mu.Lock()
}

func (b *broadcast) notifyAll() {
	n := make(chan struct{})
	old := atomic.SwapPointer(&b.ch, unsafe.Pointer(&n))
	close(*(*chan struct{})(old))
}

// Receivers registered as the keys of a map, each made by subscribe, and
// fed by a goroutine that ranges over the map.
type feed struct {
	mu   sync.Mutex
	subs map[chan string]int // receiver -> how many it still wants
}

func (f *feed) subscribe(n int) chan string {
	ch := make(chan string, n)
	f.mu.Lock()
	f.subs[ch] = n
	f.mu.Unlock()
	return ch
}

func (f *feed) publish(v string) {
	go func() {
		f.mu.Lock()
		defer f.mu.Unlock()
		for ch, rem := range f.subs {
			if rem > 0 {
				ch <- v
				f.subs[ch] = rem - 1
			}
		}
	}()
}

// The bug: the only key ever put in the map is a nil channel. (Maps of
// one type share their keys in the model: this one holds chan int.)
type deadFeed struct {
	subs map[chan int]bool
}

func (f *deadFeed) subscribe() {
	var ch chan int
	f.subs[ch] = true
}

func (f *deadFeed) publish(v int) {
	go func() { // want `goroutine blocks forever sending on ch \(line \d+\): ch is nil`
		for ch := range f.subs {
			ch <- v
		}
	}()
}
