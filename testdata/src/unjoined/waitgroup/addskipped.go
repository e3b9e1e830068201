package waitgroup

import (
	"errors"
	"sync"
)

// Adds made before a check that can skip the goroutine they count: the
// count never gets back to zero, and Wait blocks forever.

type host struct {
	name string
	up   bool
}

func resolve(name string) (*host, error) {
	if name == "" {
		return nil, errors.New("no name")
	}
	return &host{name: name, up: true}, nil
}

func probeAll(names []string) []string {
	var (
		mu  sync.Mutex
		out []string
		wg  sync.WaitGroup
	)
	for _, n := range names {
		wg.Add(1) // want `wg.Add\(1\) counts the goroutine started at line 35, but a way from it reaches wg.Wait \(line 42\) without starting it or calling Done`
		h, err := resolve(n)
		if err != nil {
			continue
		}
		go func() {
			defer wg.Done()
			mu.Lock()
			out = append(out, h.name)
			mu.Unlock()
		}()
	}
	wg.Wait()
	return out
}

// The same through a helper that decides, and a WaitGroup in a struct.
type prober struct {
	wg   sync.WaitGroup
	seen []string
}

func usable(h *host) bool { return h != nil && h.up }

func probeHosts(hosts []*host) {
	var wg sync.WaitGroup
	wg.Add(1) // want `wg.Add\(1\) counts the goroutine started at line 58`
	if usable(hosts[0]) {
		go func() {
			defer wg.Done()
			_ = hosts[0].name
		}()
	}
	wg.Wait()
}

// Fixed twins: the Add right before the go statement, or a Done on the
// way that skips it.
func probeAllFixed(names []string) {
	var wg sync.WaitGroup
	for _, n := range names {
		h, err := resolve(n)
		if err != nil {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = h
		}()
	}
	wg.Wait()
}

func probeAllSettled(names []string) {
	var wg sync.WaitGroup
	for _, n := range names {
		wg.Add(1)
		h, err := resolve(n)
		if err != nil {
			wg.Done()
			continue
		}
		go func() {
			defer wg.Done()
			_ = h
		}()
	}
	wg.Wait()
}

// A return before the go statement leaves nothing to wait for: Wait is
// never reached on that way.
func probeFirst(names []string) error {
	var wg sync.WaitGroup
	wg.Add(1)
	h, err := resolve(names[0])
	if err != nil {
		return err
	}
	go func() {
		defer wg.Done()
		_ = h
	}()
	wg.Wait()
	return nil
}

// An Add after the go statement counts the goroutine already started (too
// late, but not this hang): not reported as skipped.
func dispatchAll(n int, work chan func()) {
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		go func() {
			defer wg.Done()
			for f := range work {
				f()
			}
		}()
		wg.Add(1)
	}
	close(work)
	wg.Wait()
}
