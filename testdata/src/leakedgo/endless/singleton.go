package endless

import "time"

// A value the package keeps in a package variable is the package's own:
// made once and held for the life of the process. A loop that works for
// it works for the package, as PurgeLogs's does, even when the function
// that starts it is given something (dgraph's worker.Init and
// posting.Init, which set up the process's rate limiter and cache).

type limiter struct{ n int }

func (l *limiter) bleed() {
	for range time.Tick(time.Second) {
		l.n--
	}
}

var lim limiter

// InitLimits is given the limit, but its goroutine works on lim alone.
func InitLimits(max int) {
	lim = limiter{n: max}
	go lim.bleed()
}

type Layer struct{ hits int }

func newLayer() *Layer {
	l := &Layer{}
	go func() {
		for range time.Tick(time.Second) {
			l.hits = 0
		}
	}()
	return l
}

var layer *Layer

// InitLayer keeps what newLayer makes in a package variable.
func InitLayer(size int) {
	layer = newLayer()
	layer.hits = size
}

type node struct{ ticks int }

func (n *node) start() { go n.monitor() }

func (n *node) monitor() {
	for range time.Tick(time.Second) {
		n.ticks++
	}
}

type groups struct{ node *node }

var gr = &groups{node: &node{}}

// StartNodes starts the node the package keeps.
func StartNodes(bindAll bool) {
	if bindAll {
		gr.node.start()
	}
}

// Twins: a value made for a caller, once per call, and a goroutine given
// something of its spawner's besides the package's value.

func newCounter() *Layer {
	l := &Layer{}
	go func() { // want `goroutine never returns: its range over a ticker's channel \(line \d+\) never ends`
		for range time.Tick(time.Second) {
			l.hits = 0
		}
	}()
	return l
}

// Hits makes a counter for each call and drops it.
func Hits(size int) int {
	l := newCounter()
	return l.hits + size
}

func (l *limiter) bleedEvery(d time.Duration) {
	for range time.Tick(d) {
		l.n--
	}
}

// Bleed starts a goroutine for each call, given its caller's interval.
func Bleed(every time.Duration) {
	go lim.bleedEvery(every) // want `goroutine never returns: its range over a ticker's channel \(line \d+\) never ends`
}
