// Package unjoined defines an Analyzer that reports errgroups, WaitGroups
// and task groups that are not joined right. Its documentation is Doc.
package unjoined

import "github.com/structlint/structlint/internal/checkdoc"

// Doc documents the check; it is the Analyzer's Doc, `structlint help
// unjoined`, and the README's section.
var Doc = &checkdoc.Check{
	Name:  "unjoined",
	Title: "unjoined: groups and WaitGroups not joined on every path, errors dropped, contexts misused",
	Summary: "Every WaitGroup, errgroup and `task.Group` a function creates must be waited for " +
		"on every path, its Wait error kept, and its tasks must use the group's context (not " +
		"the outer one, and not after Wait, when it is cancelled). A goroutine counted in a " +
		"WaitGroup must call Done on every path, and Add must come before the go statement. " +
		"Wait's error is the only place a group reports a failed task: dropping it turns " +
		"every failure into silent partial success. Test code (`_test.go` files, test harness " +
		"and example packages, mocks and fakes) is left alone unless `-unjoined.tests`.",
	Text: `
unjoined judges every sync.WaitGroup, errgroup.Group, task.Group and
conc.WaitGroup a function creates and keeps. A group that escapes (stored
in a field, returned, passed to code the analysis cannot see) belongs to
its owner and is judged there. Test code (_test.go files, test
harness and example packages, mocks and fakes) is left alone unless
-unjoined.tests is set. It reports:

  - Wait skipped: a path returns after Go, or after Add and a go
    statement, without waiting (an early return, a select case), reported
    at that return; or nothing calls Wait at all, reported at the Add. A return between Add and the go statements
    leaves nothing running and is not reported, nor is a path the way to
    the Add rules out (if audit { wg.Add(1); go … } … if audit {
    wg.Wait() }), nor one a flag set next to the Add rules out (wait =
    true next to each wg.Add, then if wait { wg.Wait() }). A Wait made by
    another
    goroutine (go func() { wg.Wait(); close(done) }()) counts, and so does
    a channel that joins the goroutines of a WaitGroup nothing waits on.
    A WaitGroup whose goroutines call Done first thing only waits for
    them to start, joins no work, and is not reported. Nor is the failure
    branch after a call that starts the work (if err := start(); err !=
    nil { return err }) when that call returns a nil error on every way
    out after it started it: when it fails, it started nothing. Nor are
    goroutines that all run under contexts whose cancel functions the
    function keeps for later (in a field a Close calls): they are meant to
    outlive it (a connection's read loop), and their owner stops them.
    Nor are goroutines that a WaitGroup kept in a struct field counts as
    well (s.wg.Add(1) before the go statement, Done on every way) when the
    package waits on that field (Stop closes, then s.wg.Wait()): their
    owner joins them, and the local WaitGroup is only a barrier (if once
    { defer first.Wait() }). Nor is a return that ends the process: main.main's, a CLI command's
    (cobra's RunE, kingpin's Action…), or one of a function only those
    call as the last thing they do; nor a return of a failure that its
    callers only pass on to such a return (or answer with os.Exit). Nor
    is a way out through the Done of an errgroup's context made from
    context.Background() when one task was started before: only that
    task's failure cancels it, and it has returned.
    Nor is a return after receiving the message that the one goroutine
    the WaitGroup counts sends as the last thing it does: it is over but
    for its deferred Done.
    The fix waits right before the early return, when every Add counts
    the go statements that follow it (else the Wait could hang), and the
    return does not answer a signal (case <-ctx.Done(), <-stop), where
    the function is meant to return at once.
  - Wait's error dropped, in a function that returns an error: g.Wait()
    as a statement or deferred when a task can fail, _ = g.Wait() when a
    task visibly returns an error (but not right before returning another
    error, nor when another Wait of the group checks the error, which is
    the same for every Wait). A task that returns only nil or
    context.Canceled (saying it was cancelled) does not fail; a task a
    function of the package makes (g.Go(m.loop(ctx))) is what that
    function returns. The fix returns it.
  - A task of an errgroup.WithContext group (or a task.Group task ignoring
    its ctx) that passes the outer context to a call: a failing sibling
    cancels the group's context, not that one. The fix passes the group's.
    Not when no sibling can fail: every other task returns only nil (it
    logs its errors), or the task is the group's only one (a group made,
    given one task and waited for on each turn of a loop).
  - An errgroup's context used after Wait returned (g, ctx :=
    errgroup.WithContext(ctx) followed by more work under ctx): it is
    always cancelled by then. Not after a Wait that runs once the context
    is done already (case <-ctx.Done(): … g.Wait() … ctx.Err()): what
    cancelled it then is what its Err says.
    Neither is reported unless the call observes the cancellation: it
    waits on the context's Done, asks its Err or Cause, or hands the
    context on to what does (a context derived from it, a blocking API,
    a request that carries it, a function of the package that observes
    it, or one of another package whose facts say so). A logger, a clock
    or a metric that takes the context for its values does not: cancelled
    or not, the context gives it the same. Nor is a call the model cannot
    see into (a function value, an interface method with no implementation
    in its package): the check reports what it can show.
  - A goroutine counted in a WaitGroup that can return without Done: Wait
    then hangs forever (the end of a range over a Ticker's channel, which
    never comes, is no way out). The fix defers Done at the top of the
    goroutine. A Done handed over in a function value (a closure given to
    a cleanup object whose deferred Clean runs it) is owed no more from
    the hand-over on, nor after a call of a function that calls Done once
    on every way through it (r.execute(job), which ends in
    job.done.Done()). An idempotent method's early return owes nothing:
    when it tests a field of its receiver (if d.isClosed() { return })
    that it writes before every Done (d.closed.Store(true)), the return
    comes on a later call, after the first one called Done. A way that
    tests a captured value the other way from the test the spawner's Add
    was made under (if ctx != nil { wg.Add(1) } … go func() { if ctx !=
    nil { defer wg.Done() } … }()) was not counted, and owes nothing.
    This is judged for WaitGroups kept in struct fields too (a type that
    starts its goroutines in one method and waits for them in another).
  - wg.Add called inside the goroutine it counts: Wait may run first and
    return early. The fix moves the Add before the go statement, before
    each of them when several start the same function literal. For a
    WaitGroup kept in a struct field (s.wg.Add(1); defer s.wg.Done() at
    the top of a method started with go s.loop(), and a Close that waits)
    it is reported without a fix. An Add on a goroutine that counts the
    goroutines it starts in turn (a watcher that adds one per event) is
    reported the same way, without a fix: moving it would count the
    watcher too.
  - wg.Add(1) from which a way reaches Wait without the go statement it
    counts and without a Done (wg.Add(1) before a check that continues
    the loop, or a branch that skips the go statement): the count never
    gets back to zero, and Wait blocks forever. A Done on that way
    (inline, through a call, or by a goroutine started there) settles it.
    So does a helper that runs the counted function on a goroutine of its
    own but can return without starting it (if !s.running { return
    false }; go f()): reported unless the caller reads its answer.
  - wg.Add(n) followed by a different number of goroutines that call Done
    (Add(2) with one go statement per iteration): Wait hangs, or returns
    early. A goroutine that makes Adds of its own counts its own Done
    only: the Dones of goroutines it starts are theirs, matched by those
    Adds.
  - A task of a group with SetLimit that calls Go on the same group: once
    every running task waits there, the group deadlocks. A plain goroutine
    that feeds the group waits there for a slot, as the limit means, and
    is not reported.

For WaitGroup and errgroup fan-outs, a second fix rewrites the whole
fan-out onto task.Group: goroutines become tasks, and Wait reports every
failure, and a panic, instead of losing them or crashing the process.
WaitGroup.Go, which Go 1.26's go fix introduces, is understood.

With -unjoined.gather, a WaitGroup fan-out whose goroutines do work under a
context and gather their errors by hand, none cancelling the others when it
fails (asyncio's gather), is reported as a hint. It is off by default:
whether the others should be cancelled is a design choice (a sharded
pipeline wants every shard's own result).`,
	Why: `
errgroup and task.Group exist to carry the first failure back to the
caller. A dropped Wait error means a failed download, write or RPC looks
exactly like a successful one.`,
	Examples: []checkdoc.Example{{
		Before: `
func fetchAll(ctx context.Context, urls []string) error {
	g, ctx := errgroup.WithContext(ctx)
	for _, url := range urls {
		g.Go(func() error { return fetch(ctx, url) })
	}
	g.Wait() // the error of g.Wait is dropped, so a failing task goes unnoticed (the task at line 4 can fail)
	return nil
}`,
		Fixes: []checkdoc.Fix{{
			Intro: "The fix returns it:",
			After: `
	if err := g.Wait(); err != nil {
		return err
	}`,
		}, {
			Intro: "A second fix rewrites the fan-out onto `task.Group` (a WaitGroup fan-out gets " +
				"it too), whose Wait reports every failure, and a task's panic, to its caller:",
			After: `
	g := task.NewGroup(ctx)
	for _, url := range urls {
		g.Go(func(ctx context.Context) error { return fetch(ctx, url) })
	}
	if err := g.Wait(); err != nil {
		return err
	}`,
		}},
	}},
	Options: []checkdoc.Option{
		{Name: "gather", Default: "false", Usage: "also hint at WaitGroup fan-outs that gather errors by hand without cancelling the others on the first failure"},
		{Name: "tests", Default: "false", Usage: "also report groups and WaitGroups in test code (_test.go files, harness and example packages, mocks)"},
	},
}
