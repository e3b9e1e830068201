// Package task brings structured concurrency to Go: goroutines that have an
// owner, are joined, report their errors, and stop when their work is no
// longer wanted.
//
// # The problem with a bare go statement
//
// A goroutine started with go has no owner. Nothing waits for it, its error
// has nowhere to go, a panic in it kills the process, and it can outlive
// the function that started it and everything that function releases:
// the connection it closes on return, the context it cancels, the lock it
// unlocks. sync.WaitGroup and errgroup add the join, but each caller has to
// remember it on every path.
//
// # Groups: the nursery
//
// Trio's nursery, and asyncio's TaskGroup after it, make the join a scope.
// Tasks are started in a [Group]; the scope that created the group does not
// end until every task has returned. The first failure cancels the group's
// context so the other tasks stop early, and all failures come back
// together when the group is joined. A goroutine's lifetime is then visible
// in the code, as a block, like any other variable's.
//
//	err := task.Run(ctx, func(ctx context.Context, g *task.Group) error {
//		for _, url := range urls {
//			g.Go(func(ctx context.Context) error {
//				return fetch(ctx, url) // the first error cancels ctx for the others
//			})
//		}
//		return nil
//	}) // every fetch has returned here; err lists every real failure
//
// [Run] is the scoped form; [NewGroup] and [Group.Wait] split it for code
// that must hand the group around. A task may start more tasks in its own
// group, and Wait waits for those too. Tasks that return ctx.Err() because
// the group was canceled are not counted as failures. A panic in a task is
// recovered, cancels the group, and is re-raised by Wait as a [*PanicError]
// carrying the task's stack.
//
// [Spawn] returns a [Future] for a task's result; [Start] waits until a
// task (a server, say) signals that it is ready.
//
// # Timeouts: one deadline over a block
//
// [Timeout] puts a single deadline over everything a function does,
// however many calls it makes, and waits for the function to return. Two
// calls that take 5 s each fail under a 4 s timeout apiece, but succeed
// concurrently under one 8 s timeout over both:
//
//	err := task.Timeout(ctx, 8*time.Second, func(ctx context.Context) error {
//		return task.Run(ctx, func(ctx context.Context, g *task.Group) error {
//			g.Go(func(ctx context.Context) error { return callA(ctx) })
//			g.Go(func(ctx context.Context) error { return callB(ctx) })
//			return nil
//		})
//	})
//	if errors.Is(err, task.ErrTimeout) {
//		// this scope's 8 s passed; an outer deadline would not match
//	}
//
// [WithDeadline] is a timeout whose deadline can be moved while it runs.
//
// # Seeing the structure
//
// Tasks started with [Group.GoNamed] carry their name in pprof goroutine
// labels and in panics, and [WriteTree] prints the live tree of groups and
// named tasks of the process.
package task
