package skipped

import (
	"context"
	"errors"
	"sync"

	"golang.org/x/sync/errgroup"
)

func work(ctx context.Context, s string) error { return nil }

func earlyReturn(items []string) error {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = it
		}()
		if it == "" {
			return errors.New("empty item") // want `earlyReturn returns without waiting for the goroutines wg\.Add counts \(line 16\): call wg\.Wait first`
		}
	}
	wg.Wait()
	return nil
}

func neverWaits(ctx context.Context, urls []string) {
	g, ctx := errgroup.WithContext(ctx)
	for _, u := range urls {
		g.Go(func() error { return work(ctx, u) }) // want `g.Go starts tasks that nothing waits for: neverWaits never calls g.Wait`
	}
}

func selectReturn(ctx context.Context, urls []string, stop chan struct{}) error {
	var g errgroup.Group
	for _, u := range urls {
		g.Go(func() error { return work(ctx, u) })
	}
	select {
	case <-stop:
		return errors.New("stopped") // want `selectReturn returns through <-stop without waiting for the tasks g\.Go starts \(line 39\): call g\.Wait first`
	default:
	}
	return g.Wait()
}

// Near misses.

func waits(items []string) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = it
		}()
	}
	wg.Wait()
}

func deferredWait(items []string) error {
	var wg sync.WaitGroup
	defer wg.Wait()
	for _, it := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = it
		}()
		if it == "" {
			return errors.New("empty item")
		}
	}
	return nil
}

func waitedByCloser(items []string) []string {
	var wg sync.WaitGroup
	out := make(chan string)
	for _, it := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out <- it
		}()
	}
	go func() {
		wg.Wait()
		close(out)
	}()
	var res []string
	for s := range out {
		res = append(res, s)
	}
	return res
}

type pool struct{ wg sync.WaitGroup }

func (p *pool) run(f func()) {
	p.wg.Add(1) // a field: the owner waits in its Close
	go func() {
		defer p.wg.Done()
		f()
	}()
}

func returned(ctx context.Context) *errgroup.Group {
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error { return work(ctx, "x") })
	return g // the caller waits
}

func goVersion(items []string) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Go(func() { _ = it })
	}
	wg.Wait()
}

func fanOut(wg *sync.WaitGroup, n int) {
	for range n {
		wg.Add(1)
		go func() { defer wg.Done() }()
	}
	wg.Wait()
}

func callsFanOut() {
	wg := &sync.WaitGroup{}
	for range 3 {
		fanOut(wg, 2) // adds and waits itself
	}
}

func literalNeverWaits(items []string) {
	wg := &sync.WaitGroup{}
	for range items {
		wg.Add(1) // want `wg.Add counts goroutines that nothing waits for: literalNeverWaits never calls wg.Wait`
		go func() { defer wg.Done() }()
	}
}

// ydb-go-sdk's coordination session: Add(2), then an early return before
// either goroutine starts, abandons a counter nothing decrements. Nothing
// runs unjoined, so nothing is reported.
func returnBeforeGo(send func() error) error {
	var wg sync.WaitGroup
	wg.Add(2)
	if err := send(); err != nil {
		return err
	}
	go pump(&wg)
	go pump(&wg)
	wg.Wait()
	return nil
}

func returnAfterGo(send func() error) error {
	var wg sync.WaitGroup
	wg.Add(2)
	go pump(&wg)
	if err := send(); err != nil {
		return err // want `returnAfterGo returns without waiting for the goroutines wg\.Add counts \(line 164\): call wg\.Wait first`
	}
	go pump(&wg)
	wg.Wait()
	return nil
}

func pump(wg *sync.WaitGroup) {
	defer wg.Done()
}

// ydb-go-sdk's pool test: Add comes first, the deferred stop-and-Wait
// after it, and the goroutines after that: every return waits.
func deferredWaitAfterAdd(stop chan struct{}, step func()) {
	var wg sync.WaitGroup
	wg.Add(2)
	defer func() {
		close(stop)
		wg.Wait()
	}()
	for range 2 {
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
					step()
				}
			}
		}()
	}
}

// ydb-go-sdk's session test: the WaitGroup only satisfies the loop's
// signature; a channel the goroutine closes is what the test waits on.
func joinedByChannel() {
	var wg sync.WaitGroup
	wg.Add(1)
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		pump(&wg)
	}()
	<-finished
}

// gopls's addFolders: diagnoses run in the background, and a goroutine
// started by a deferred function waits for them to report progress.
func waitedByDeferredGoroutine(folders []string, verbose bool, done func()) {
	var wg sync.WaitGroup
	if verbose {
		defer func() {
			go func() {
				wg.Wait()
				done()
			}()
		}()
	}
	for range folders {
		wg.Go(func() {})
	}
}

// A Wait under the same test as the Add (a flag read twice) joins on every
// path that started a goroutine; a Wait under another test does not.

var withAudit bool

func audited(items []string, audit func(string)) error {
	var wg sync.WaitGroup
	if withAudit {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, it := range items {
				audit(it)
			}
		}()
	}
	process(items)
	if withAudit {
		wg.Wait()
	}
	return nil
}

var withReport bool

func auditedOtherFlag(items []string, audit func(string)) error {
	var wg sync.WaitGroup
	if withAudit {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, it := range items {
				audit(it)
			}
		}()
	}
	process(items)
	if withReport {
		wg.Wait()
	}
	return nil // want `auditedOtherFlag returns without waiting for the goroutines wg\.Add counts \(line \d+\): call wg\.Wait first`
}

func process([]string) {}

// A variable declared nil after the go statement is nil on the paths from
// it too: the loop it guards runs, and its early return skips the Wait.

func copyUntilDone(src func() error, signals <-chan bool) error {
	var wg sync.WaitGroup
	errc := make(chan error, 1)
	wg.Add(1)
	go func() {
		defer wg.Done()
		errc <- src()
	}()
	var copyErr error
	for copyErr == nil {
		select {
		case copyErr = <-errc:
		case broken := <-signals:
			if broken {
				return errors.New("connection broken") // want `copyUntilDone returns through <-signals without waiting for the goroutines wg\.Add counts \(line \d+\): call wg\.Wait first`
			}
		}
	}
	wg.Wait()
	return copyErr
}
