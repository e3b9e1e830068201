package waitgroup

import (
	"context"
	"errors"
	"sync"

	"golang.org/x/sync/errgroup"
)

func process(s string) error { return nil }

func missingDone(items []string) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func() { // want `goroutine can return at line 19 without calling wg.Done, and wg.Wait \(line 25\) then waits forever`
			if it == "" {
				return
			}
			process(it)
			wg.Done()
		}()
	}
	wg.Wait()
}

func addInside(items []string) {
	var wg sync.WaitGroup
	for _, it := range items {
		go func() {
			wg.Add(1) // want `wg.Add runs inside the goroutine it counts, so wg.Wait \(line 37\) may return before it: call it before the go statement`
			defer wg.Done()
			process(it)
		}()
	}
	wg.Wait()
}

func recursive(ctx context.Context, roots []string, children func(string) []string) error {
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(4)
	var walk func(string) error
	walk = func(n string) error {
		for _, c := range children(n) {
			g.Go(func() error { return walk(c) })
		}
		return nil
	}
	for _, r := range roots {
		g.Go(func() error {
			for _, c := range children(r) {
				g.Go(func() error { return process(c) }) // want `a task of g calls g.Go, which blocks while the group is at its limit \(SetLimit at line 42\)`
			}
			return ctx.Err()
		})
	}
	return g.Wait()
}

// Near misses.

func deferredDone(items []string) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if it == "" {
				return
			}
			process(it)
		}()
	}
	wg.Wait()
}

func doneOnEveryPath(items []string) error {
	var wg sync.WaitGroup
	errs := make([]error, len(items))
	for i, it := range items {
		wg.Add(1)
		go func() {
			if it == "" {
				errs[i] = errors.New("empty")
				wg.Done()
				return
			}
			errs[i] = process(it)
			wg.Done()
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

func tryGoUnderLimit(ctx context.Context, roots []string) error {
	var g errgroup.Group
	g.SetLimit(4)
	for _, r := range roots {
		g.Go(func() error {
			g.TryGo(func() error { return process(r) })
			return nil
		})
	}
	return g.Wait()
}

func addTwo(items []string) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(2) // want `wg.Add\(2\) counts 2 goroutines, but 1 goroutine calling wg.Done is started after it: wg.Wait \(line 118\) waits forever`
		go func() {
			defer wg.Done()
			process(it)
		}()
	}
	wg.Wait()
}

func addTwoStartTwo(a, b string) {
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); process(a) }()
	go func() { defer wg.Done(); process(b) }()
	wg.Wait()
}

func addOneEach(a, b string) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); process(a) }()
	wg.Add(1)
	go func() { defer wg.Done(); process(b) }()
	wg.Wait()
}

func donePerIteration(clients, reqs int) {
	var wg sync.WaitGroup
	wg.Add(clients * reqs)
	for range clients {
		go func() {
			for range reqs {
				process("x")
				wg.Done()
			}
		}()
	}
	wg.Wait()
}

func call(wg *sync.WaitGroup, s string) {
	if wg != nil {
		defer wg.Done()
	}
	process(s)
}

func nilGuarded(items []string) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go call(&wg, it)
	}
	wg.Wait()
}

func nestedAdd(items [][]string) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for _, group := range items {
			wg.Add(1) // the outer goroutine still counts: Wait cannot return yet
			go func() {
				defer wg.Done()
				_ = group
			}()
		}
	}()
	wg.Wait()
}

// logrus's hook test: Add(1) for a hundred goroutines, one of which, the
// one picked, calls Done.
func onePicked(picked int, log func()) {
	var wg sync.WaitGroup
	wg.Add(1)
	for i := range 100 {
		go func() {
			log()
			if i == picked {
				wg.Done()
			}
		}()
	}
	wg.Wait()
}

// A closure that counts itself, started by two go statements: one Add per
// go statement, or the second Done drives the counter negative.
func startedTwice(a, b string) {
	var wg sync.WaitGroup
	start := func(s string) {
		wg.Add(1) // want `wg.Add runs inside the goroutine it counts, so wg.Wait \(line 211\) may return before it: call it before the go statement`
		defer wg.Done()
		process(s)
	}
	go start(a)
	go start(b)
	wg.Wait()
}

// The same closure called directly too: the call needs its Add, so there
// is no fix.
func startedAndCalled(a, b string) {
	var wg sync.WaitGroup
	start := func(s string) {
		wg.Add(1) // want `wg.Add runs inside the goroutine it counts`
		defer wg.Done()
		process(s)
	}
	go start(a)
	start(b)
	wg.Wait()
}
