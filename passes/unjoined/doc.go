// Package unjoined defines an Analyzer that reports errgroups, WaitGroups
// and task groups that are not joined right. Its documentation is Doc.
package unjoined

import "github.com/structlint/structlint/internal/checkdoc"

// Doc documents the check; it is the Analyzer's Doc, `structlint help
// unjoined`, and the README's section.
var Doc = &checkdoc.Check{
	Name:  "unjoined",
	Title: "unjoined: groups whose Wait is skipped or whose error is dropped",
	Text: `
unjoined reports a call of Wait on an errgroup.Group or a task.Group whose
error is dropped in a function that returns an error: g.Wait() as a
statement, or deferred, when a task can fail; and _ = g.Wait() when a task
of the group visibly returns an error. Wait's error is the only place a
failing task is reported: dropping it turns every failure into silent
partial success. (In a function with no error to return, dropping it is
a choice: a test, a best-effort cleanup.)

The suggested fix returns Wait's error from the enclosing function.`,
	Why: `
errgroup and task.Group exist to carry the first failure back to the
caller. A dropped Wait error means a failed download, write or RPC looks
exactly like a successful one.`,
	Before: `
func fetchAll(ctx context.Context, urls []string) error {
	g, ctx := errgroup.WithContext(ctx)
	for _, url := range urls {
		g.Go(func() error { return fetch(ctx, url) })
	}
	g.Wait()
	return nil
}`,
	After: `
func fetchAll(ctx context.Context, urls []string) error {
	g, ctx := errgroup.WithContext(ctx)
	for _, url := range urls {
		g.Go(func() error { return fetch(ctx, url) })
	}
	if err := g.Wait(); err != nil {
		return err
	}
	return nil
}`,
}
