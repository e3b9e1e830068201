package engine

import "sync/atomic"

// Workers that count themselves out: the last one to leave closes the
// results, on every way out, interrupt included.

func hashAll(rows []int, interrupt chan struct{}) int {
	sum := 0
	for h := range hashed(rows, interrupt) {
		sum += h
	}
	return sum
}

func hashed(rows []int, interrupt chan struct{}) <-chan int {
	in, out := make(chan int), make(chan int)
	go func() {
		defer close(in)
		for _, r := range rows {
			select {
			case in <- r:
			case <-interrupt:
				return
			}
		}
	}()
	var alive atomic.Int32
	alive.Store(4)
	for range 4 {
		go func() {
			defer func() {
				if alive.Add(-1) == 0 {
					close(out)
				}
			}()
			for r := range in {
				select {
				case out <- r * 31:
				case <-interrupt:
					return
				}
			}
		}()
	}
	return out
}

// The same count, kept after the loop: a worker interrupted returns
// without counting itself out, and the results are never closed.

func sizeAll(rows []string, interrupt chan struct{}) int {
	n := 0
	for s := range sized(rows, interrupt) { // want `sizeAll blocks forever in its range over sized\(rows, interrupt\) \(line \d+\) when the goroutine closing it \(line \d+\) returns at line \d+`
		n += s
	}
	return n
}

func sized(rows []string, interrupt chan struct{}) <-chan int {
	in, out := make(chan string), make(chan int)
	go func() {
		defer close(in)
		for _, r := range rows {
			select {
			case in <- r:
			case <-interrupt:
				return
			}
		}
	}()
	var alive int32 = 4
	for range 4 {
		go func() {
			for r := range in {
				select {
				case out <- len(r):
				case <-interrupt:
					return
				}
			}
			if atomic.AddInt32(&alive, -1) == 0 {
				close(out)
			}
		}()
	}
	return out
}
