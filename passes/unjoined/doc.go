// Package unjoined defines an Analyzer that reports errgroups, WaitGroups
// and task groups that are not joined right. Its documentation is Doc.
package unjoined

import "github.com/structlint/structlint/internal/checkdoc"

// Doc documents the check; it is the Analyzer's Doc, `structlint help
// unjoined`, and the README's section.
var Doc = &checkdoc.Check{
	Name:  "unjoined",
	Title: "unjoined: groups and WaitGroups not joined on every path, errors dropped, contexts misused",
	Text: `
unjoined judges every sync.WaitGroup, errgroup.Group, task.Group and
conc.WaitGroup a function creates and keeps. A group that escapes (stored
in a field, returned, passed to code the analysis cannot see) belongs to
its owner and is judged there. It reports:

  - Wait skipped: a path returns after Go, or after Add and a go
    statement, without waiting (an early return, a select case), or
    nothing calls Wait at all. A return between Add and the go statements
    leaves nothing running and is not reported. A Wait made by another
    goroutine (go func() { wg.Wait(); close(done) }()) counts, and so does
    a channel that joins the goroutines of a WaitGroup nothing waits on.
    The fix waits right before the early return, when every Add counts
    the go statements that follow it (else the Wait could hang).
  - Wait's error dropped, in a function that returns an error: g.Wait()
    as a statement or deferred when a task can fail, _ = g.Wait() when a
    task visibly returns an error (but not right before returning another
    error). The fix returns it.
  - A task of an errgroup.WithContext group (or a task.Group task ignoring
    its ctx) that passes the outer context to a call: a failing sibling
    cancels the group's context, not that one. The fix passes the group's.
  - An errgroup's context used after Wait returned (g, ctx :=
    errgroup.WithContext(ctx) followed by more work under ctx): it is
    always cancelled by then.
  - A goroutine counted in a WaitGroup that can return without Done: Wait
    then hangs forever. The fix defers Done at the top of the goroutine.
  - wg.Add called inside the goroutine it counts: Wait may run first and
    return early. The fix moves the Add before the go statement.
  - wg.Add(n) followed by a different number of goroutines that call Done
    (Add(2) with one go statement per iteration): Wait hangs, or returns
    early.
  - A task of a group with SetLimit that calls Go on the same group: once
    every running task waits there, the group deadlocks.

For WaitGroup fan-outs, a second fix rewrites the whole fan-out onto
task.Group: goroutines become tasks, the first failure (or panic) is
propagated by Wait instead of lost or crashing the process. WaitGroup.Go,
which Go 1.26's go fix introduces, is understood.

With -unjoined.gather, a WaitGroup fan-out whose goroutines do work under a
context and gather their errors by hand, none cancelling the others when it
fails (asyncio's gather), is reported as a hint. It is off by default: whether the others should be cancelled is
a design choice (a sharded pipeline wants every shard's own result).`,
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
	Options: []checkdoc.Option{
		{Name: "gather", Default: "false", Usage: "also hint at WaitGroup fan-outs that gather errors by hand without cancelling the others on the first failure"},
	},
}
