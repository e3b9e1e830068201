package a

import (
	"io"

	"golang.org/x/sync/errgroup"
)

// A task that waits on the build's group only to let its printing end
// drops nothing: the build checks the error that Wait gives every caller.
// The metrics group's only task, which closes its file in a defer, returns
// nil on every path.

func buildWithMetrics(build, trace func() error, out io.WriteCloser) error {
	var eg errgroup.Group
	eg.Go(build)
	eg.Go(trace)
	var meg errgroup.Group
	meg.Go(func() error {
		defer out.Close()
		eg.Wait()
		return nil
	})
	err := eg.Wait()
	meg.Wait()
	return err
}

// The same with no Wait that checks the build's error.

func buildUnchecked(build, trace func() error, out io.WriteCloser) error {
	var eg errgroup.Group
	eg.Go(build)
	eg.Go(trace)
	var meg errgroup.Group
	meg.Go(func() error {
		defer out.Close()
		eg.Wait() // want `the error of eg\.Wait is dropped, so a failing task goes unnoticed`
		return nil
	})
	eg.Wait() // want `the error of eg\.Wait is dropped, so a failing task goes unnoticed`
	meg.Wait()
	return nil
}
