package a

import (
	"context"
	"errors"
	"time"

	"github.com/structlint/structlint/runtime/task"
	"golang.org/x/sync/errgroup"
)

func fetch(ctx context.Context, url string) error { return nil }

func fetchAll(ctx context.Context, urls []string) error {
	g, ctx := errgroup.WithContext(ctx)
	for _, url := range urls {
		g.Go(func() error { return fetch(ctx, url) })
	}
	g.Wait() // want `the error of g.Wait is dropped, so a failing task goes unnoticed \(the task at line 17 can fail\)`
	return nil
}

func results(ctx context.Context, urls []string) ([]string, time.Time, error) {
	var g errgroup.Group
	out := make([]string, len(urls))
	for i, url := range urls {
		g.Go(func() error {
			if url == "" {
				return errors.New("empty")
			}
			out[i] = url
			return nil
		})
	}
	_ = g.Wait() // want `the error of g.Wait is dropped`
	return out, time.Now(), nil
}

func inClosure(urls []string) func() error {
	return func() error {
		g := new(errgroup.Group)
		g.Go(func() error { return errors.New("x") })
		g.Wait() // want `the error of g.Wait is dropped`
		return nil
	}
}

func deferred(ctx context.Context) error {
	var g errgroup.Group
	defer g.Wait() // want `deferred g.Wait\(\) drops its error`
	g.Go(func() error { return fetch(ctx, "u") })
	return nil
}

type server struct{ g *errgroup.Group }

func (s *server) Close() error {
	s.g.Wait() // want `the error of s.g.Wait is dropped`
	return nil
}

func rangeFunc(ctx context.Context, urls func(yield func(string) bool)) error {
	var g errgroup.Group
	for url := range urls {
		g.Go(func() error { return fetch(ctx, url) })
	}
	g.Wait() // want `the error of g.Wait is dropped, so a failing task goes unnoticed \(the task at line 65 can fail\)`
	return nil
}

// Near misses.

func noErrorResult(ctx context.Context) []string {
	var g errgroup.Group
	g.Go(func() error { return fetch(ctx, "u") })
	g.Wait() // nowhere to return it: a choice, not a slip
	return nil
}

func joinThenCheck(ctx context.Context, urls []string) error {
	g, ctx := errgroup.WithContext(ctx)
	c := make(chan string)
	for _, url := range urls {
		g.Go(func() error { c <- url; return fetch(ctx, url) })
	}
	go func() {
		g.Wait() // joins only; the error is checked below
		close(c)
	}()
	for range c {
	}
	return g.Wait()
}

func kept(ctx context.Context) error {
	var g errgroup.Group
	g.Go(func() error { return fetch(ctx, "u") })
	return g.Wait()
}

func neverFails(xs []int) {
	var g errgroup.Group
	for i := range xs {
		g.Go(func() error { xs[i]++; return nil })
	}
	g.Wait()
}

func blankNeverFails(ctx context.Context) {
	var g errgroup.Group
	g.Go(func() error { return nil })
	_ = g.Wait()
}

func (s *server) blankUnknown() {
	_ = s.g.Wait() // the tasks are not visible here: a deliberate discard
}

func suppressed(ctx context.Context) {
	var g errgroup.Group
	g.Go(func() error { return fetch(ctx, "u") })
	g.Wait() //lint:ignore unjoined best effort: fetch errors are logged by fetch
}

func taskGroup(ctx context.Context, urls []string) error {
	g := task.NewGroup(ctx)
	for _, url := range urls {
		g.Go(func(ctx context.Context) error { return fetch(ctx, url) })
	}
	g.Wait() // want `the error of g.Wait is dropped`
	return nil
}

func taskGroupKept(ctx context.Context) error {
	g := task.NewGroup(ctx)
	g.Go(func(ctx context.Context) error { return fetch(ctx, "u") })
	return g.Wait()
}

func joinOnErrorPath(ctx context.Context, urls []string) error {
	var g errgroup.Group
	for _, url := range urls {
		g.Go(func() error { return fetch(ctx, url) })
	}
	if len(urls) > 10 {
		_ = g.Wait()
		return errors.New("too many")
	}
	return g.Wait()
}
