package drain

import "testing"

// --- Channels made in a loop, one per goroutine, and drained one after
// another by ranges in a loop over them: the loop ends only when every
// range has.

func fanOut(jobs []string, work func(string) string) []string {
	chans := make([]chan string, len(jobs))
	for i := range chans {
		chans[i] = make(chan string)
		go func(ch chan string, job string) {
			defer close(ch)
			ch <- work(job)
		}(chans[i], jobs[i])
	}
	var out []string
	for _, ch := range chans {
		for v := range ch {
			out = append(out, v)
		}
	}
	return out
}

// The same with a constant count.
func fanOutTen(work func() string) []string {
	n := 10
	chans := make([]chan string, n)
	for i := range chans {
		chans[i] = make(chan string)
		go func(ch chan string) {
			defer close(ch)
			ch <- work()
		}(chans[i])
	}
	var out []string
	for _, ch := range chans {
		for v := range ch {
			out = append(out, v)
		}
	}
	return out
}

// The bug: the first empty result stops the draining.
func fanOutShort(jobs []string, work func(string) string) []string {
	chans := make([]chan string, len(jobs))
	for i := range chans {
		chans[i] = make(chan string)
		go func(ch chan string, job string) { // want `goroutine blocks forever sending on ch \(line \d+\) when fanOutShort returns at line 61`
			defer close(ch)
			ch <- work(job)
		}(chans[i], jobs[i])
	}
	var out []string
	for _, ch := range chans {
		for v := range ch {
			if v == "" {
				return out
			}
			out = append(out, v)
		}
	}
	return out
}

func notEqual(t *testing.T, a, b string) bool {
	if a == b {
		t.Errorf("%q == %q", a, b)
		return false
	}
	return true
}

func testFanOut(t *testing.T) {
	t.Parallel()
	n := 10
	chans := make([]chan string, n)
	for i := range chans {
		chans[i] = make(chan string)
		go func(ch chan string) {
			defer close(ch)
			ch <- "x"
		}(chans[i])
	}
	for _, ch := range chans {
		for msg := range ch {
			notEqual(t, msg, "")
		}
	}
}
