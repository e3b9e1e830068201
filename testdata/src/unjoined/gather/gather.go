package gather

import (
	"context"
	"errors"
	"sync"
)

func fetch(ctx context.Context, url string) error { return nil }

func byHand(ctx context.Context, urls []string) error {
	var wg sync.WaitGroup
	errs := make([]error, len(urls))
	for i, url := range urls {
		wg.Add(1)
		go func() { // want `goroutines of this fan-out gather their errors by hand \(line 18\) and none cancels the others when it fails`
			defer wg.Done()
			errs[i] = fetch(ctx, url)
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

// Near misses.

func cancelsOthers(ctx context.Context, urls []string) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	errs := make([]error, len(urls))
	for i, url := range urls {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if errs[i] = fetch(ctx, url); errs[i] != nil {
				cancel()
			}
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

func noContext(paths []string, parse func(string) error) error {
	var wg sync.WaitGroup
	errs := make([]error, len(paths))
	for i, p := range paths {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = parse(p) // nothing to cancel
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}
