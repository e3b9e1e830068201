package locks

import (
	"context"
	"sync"

	"leakedgo/locks/catalog"
)

// A lock handed to the object a function returns is released by that
// object's methods: catalog.Select read-locks the catalog and returns a
// selection whose Each releases it, through a field that holds the
// catalog and a guard that skips the release once it forgot it (bstore's
// QueryDB and its Query, as mox uses them). After Each, nothing holds
// the lock, so goroutines that read-lock it again cannot deadlock with a
// Define waiting in between.

type row struct{ dest string }

func notifyDests(ctx context.Context, c *catalog.Catalog) {
	sel := catalog.Select[row](ctx, c)
	sel.Where("dest")
	dests := map[string]bool{}
	if err := sel.Each(func(r row) error {
		dests[r.dest] = true
		return nil
	}); err != nil {
		return
	}
	var wg sync.WaitGroup
	for d := range dests {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = c.View(func() error { _ = d; return nil })
		}()
	}
	wg.Wait()
}

// One finishes the selection too, here after a Where that returns the
// selection it was called on, and through a helper.
func findOne(ctx context.Context, c *catalog.Catalog) (row, error) {
	return catalog.Select[row](ctx, c).Where("key").One()
}

func findAll(ctx context.Context, c *catalog.Catalog, keys []string) {
	var rows []row
	for range keys {
		r, err := findOne(ctx, c)
		if err != nil {
			return
		}
		rows = append(rows, r)
	}
	var wg sync.WaitGroup
	for _, r := range rows {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = c.View(func() error { _ = r; return nil })
		}()
	}
	wg.Wait()
}

// The chain itself, before a goroutine reads the catalog and is waited
// for.
func purgeThenCheck(ctx context.Context, c *catalog.Catalog) {
	_, _ = catalog.Select[row](ctx, c).Where("stale").One()
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		_ = c.View(func() error { return nil })
	}()
	wg.Wait()
}

// The bug twin: the selection runs only after the goroutines, so its read
// lock is held while they read-lock again, and a Define waiting in
// between blocks them all.
func notifyLate(ctx context.Context, c *catalog.Catalog) {
	sel := catalog.Select[row](ctx, c)
	var wg sync.WaitGroup
	for range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = c.View(func() error { return nil })
		}()
	}
	wg.Wait() // want `notifyLate blocks forever in wg\.Wait \(line \d+\) while it holds c\.schemaMu \(read-locked by its call of Select\[leakedgo/locks\.row\] at line \d+\)`
	_, _ = sel.One()
}

// The same in the package: a cursor made by open keeps the lock it was
// given in a field, and its close releases it under a nil guard.

type passbook struct {
	mu      sync.RWMutex
	entries []int
}

type cursor struct {
	l    *passbook
	seen int
}

func (l *passbook) open() *cursor {
	l.mu.RLock()
	return &cursor{l: l}
}

func (r *cursor) close() {
	if r.l == nil {
		return
	}
	r.l.mu.RUnlock()
	r.l = nil
}

func (l *passbook) append(v int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.entries = append(l.entries, v)
}

func (l *passbook) total() (n int) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	for _, e := range l.entries {
		n += e
	}
	return n
}

func (l *passbook) count() int {
	r := l.open()
	n := len(r.l.entries)
	r.close()
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		n += l.total()
	}()
	wg.Wait()
	return n
}

// The bug twin: close comes after the goroutine's read lock.
func (l *passbook) countLate() int {
	r := l.open()
	n := len(r.l.entries)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		n += l.total()
	}()
	wg.Wait() // want `countLate blocks forever in wg\.Wait \(line \d+\) while it holds l\.mu`
	r.close()
	return n
}
