package endless

import "time"

// A function with no parameters, receiver or results that carry state has
// nothing of its callers' to serve: it does the same on every call, so a
// loop it starts works for the package, for the life of the process
// (vitess's PurgeLogs and initMetrics).

var purged, recorded int

// PurgeLogs purges old logs every hour.
func PurgeLogs() {
	go func() {
		for range time.Tick(time.Hour) {
			purged++
		}
	}()
}

func startMetrics() error {
	for range 4 {
		go func() {
			for {
				recorded++
				time.Sleep(time.Minute)
			}
		}()
	}
	return nil
}

// Twins: a goroutine that only blocks serves nothing, and a function
// given something (a parameter, a receiver) or returning something that
// holds state may serve that instead, once per call.

func Orphan() {
	go func() { // want `goroutine blocks forever receiving from make\(chan int\) \(line 39\): nothing sends on it or closes it`
		<-make(chan int)
	}()
}

type Recorder struct{ n int }

// A Recorder has no method that ends its life: what its constructor and
// its Start (which takes nothing but its receiver) start works for it as
// long as the process holds it, as PurgeLogs works for the package.
func NewRecorder() *Recorder {
	r := &Recorder{}
	go func() {
		for {
			r.n++
			time.Sleep(time.Minute)
		}
	}()
	return r
}

func (r *Recorder) Start() {
	go func() {
		for range time.Tick(time.Minute) {
			r.n++
		}
	}()
}

// A method given something of its caller's may serve that, once per call.
func (r *Recorder) Watch(every time.Duration) {
	go func() { // want `goroutine never returns: its range over a ticker's channel \(line \d+\) never ends`
		for range time.Tick(every) {
			r.n++
		}
	}()
}
