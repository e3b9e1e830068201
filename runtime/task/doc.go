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
// the group was canceled are echoes of the cancellation, not failures; a
// task that fails on its own after the cancellation, with an error of its
// own, is still a failure (see [Group.Go] for the exact rule). A panic in a
// task is recovered, cancels the group, and is re-raised by Wait as a
// [*PanicError] carrying the task's stack and the group's other failures.
//
// [Group.Cancel] stops a group without a failure: its tasks are asked to
// stop, and Wait returns nil unless one of them really failed. If the
// context a group was made from is canceled, Wait reports that only if it
// cut a task short; a group whose tasks all finished their work succeeded.
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
//		// a timeout cut the calls short: this one, or one inside it
//	}
//
// errors.Is(err, [ErrTimeout]) holds for the error of a scope whose
// deadline expired, and for the error of every scope that passes it on, so
// an inner scope's expiry reads as a timeout in the outer ones too; an
// outer deadline that ends an inner scope is the outer one's timeout, not
// the inner one's. To know whether a particular scope's own deadline
// passed, run it with [WithDeadline], whose deadline can also be moved
// while it runs, and ask its handle: [Deadline.Expired].
//
// [MoveOnAfter] is trio's move_on_after: a deadline whose expiry is not an
// error, for work worth doing only for so long. [Shield] runs cleanup that
// must finish after the caller was canceled, under a deadline of its own.
//
// # Seeing the structure
//
// Tasks started with [Group.GoNamed] carry their name in pprof goroutine
// labels and in panics, and [WriteTree] prints the live tree of busy
// groups and named tasks of the process. The tree keeps nothing alive: a
// group dropped without Wait is garbage once its tasks have returned.
package task
