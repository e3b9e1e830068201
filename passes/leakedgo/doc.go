// Package leakedgo defines an Analyzer that reports goroutines that can
// block forever, that nothing joins or can stop, or that outlive what their
// spawner releases. Its documentation is Doc.
package leakedgo

import "github.com/structlint/structlint/internal/checkdoc"

// Doc documents the check; it is the Analyzer's Doc, `structlint help
// leakedgo`, and the README's section.
var Doc = &checkdoc.Check{
	Name:  "leakedgo",
	Title: "leakedgo: goroutines that block forever or outlive their spawner",
	Summary: "A goroutine that can block forever, never return, or outlive what its spawner " +
		"releases is reported at its `go` statement, with what it blocks on or outlives " +
		"and where: a send its spawner may return without receiving (an early return, a " +
		"`ctx.Done()` or `time.After` case, one receive for two sends, the first error of " +
		"an n-goroutine fan-out), a range over a channel left open, a receive nothing " +
		"satisfies, a loop with no way out (a `range ticker.C`), a `defer f.Close()` " +
		"or `defer mu.Unlock()` of something the goroutine still uses, and " +
		"a `Start` called without the `Stop` that ends its goroutine. A function that blocks " +
		"itself is reported at the operation: a send or receive on a channel it has not yet " +
		"handed to anyone (`errc <- err` before `return errc`), one whose only partner is " +
		"itself, further on, and a call of a loop that ends only when a context is done that " +
		"only the caller cancels, in a `defer`. It reports goroutines that " +
		"block forever on locks too: a `Lock` taken again by the goroutine that holds it, a lock " +
		"held across an operation whose partner needs it, a lock left held on one return; " +
		"lock-order inversions only with `-leakedgo.lockorder`. Test code (`_test.go` files, " +
		"test harness and example packages, mocks and fakes) is left alone unless " +
		"`-leakedgo.tests`. `-leakedgo.strict` " +
		"reports every goroutine its spawner does not join (trio's rule), with a fix that " +
		"runs it in a `task.Group`, loops working for a value whose type has no `Close` or `Stop`, " +
		"and goroutines whose work a `defer cancel()` cuts short.",
	Text: `
leakedgo reports, at its go statement, a goroutine that can block forever,
that nothing can stop, or that outlives what its spawner releases, and
says what it blocks on or outlives, and where:

  - It sends on a channel its spawner made, and a path of the spawner
    returns after fewer receives than it sends: an early error return, a
    ctx.Done() or time.After case (premature return), or one receive for
    two sends (double send); a send made only while recovering from a
    panic (if r := recover(); r != nil { done <- … }) is on a way that
    panicked, not one more send of a normal return. A receive from
    another channel on which the goroutine sends instead (its result on
    one, its error on the other, never both) counts as the receive. A
    channel made afresh each round of the loop that starts the goroutine
    is that round's alone, and judged so (a reply abandoned on a timer).
    The fix gives the channel the buffer its sends need.
  - It is one of n goroutines started in a loop that each send once, and
    the loop receiving their results returns from inside (the first error,
    a ctx.Done() case) before receiving from them all. The fix buffers the
    channel for all of them: make(chan error, len(urls)).
  - It ranges over a channel its spawner leaves open on some path: the
    loop never ends. The fix closes it when the spawner is the only
    sender: defer close(ch). The channel may come from a call (out, err
    := w.stream()); a return on that call's failure is no such path when
    the call fails only before it starts the goroutine.
  - It receives from a channel its spawner may return without sending on
    or closing. A goroutine started for the life of the process (a pool
    that init starts) is not left behind by a function that runs per
    call and returns: the next call may send to it.
  - It can never return at all: a loop with no way out, a range over a
    time.Ticker's channel (which is never closed), select {}. Goroutines
    meant to live as long as the process (started in main, init or a
    sync.Once, or by what only those run: a command's RunE that a CLI
    framework gets from a package variable), goroutines that wait for
    the process's signals (a channel os/signal.Notify delivers to), loops
    started by a function that has nothing of its callers' to serve (no
    receiver, no parameters, no results but errors and plain values: a
    log purger, a metrics ticker, which calling twice would be the bug),
    loops working for a value whose type has no end (started by its
    constructor, or by a method that takes nothing but its receiver and a
    context, when the package never makes such values per request, and
    the type has no Close, Stop, Shutdown or the like: a janitor meant to
    run as long as the process holds the cache; -leakedgo.strict reports
    them), loops working for a value the package keeps in a package
    variable (go limiter.bleed() on a package-level limiter, a cache
    whose constructor's result is stored in one: made once, held for the
    life of the process), and goroutines in tests are left alone. When the type has such
    a method, the finding names it: the loop outlives it. A range over a channel nobody
    closes whose body returns (for range ticker.C { if done() { return } })
    ends there; a loop left only when a receive sees its channel closed
    (v, ok := <-ch; if !ok { return }) is such a range. A function handed
    to what a go statement runs (go wait.Until(p.process, time.Second,
    stop)) is that goroutine's loop: its range over a queue nothing
    closes is the goroutine's life, not a call that blocks its caller.
    A context kept in another package's struct (caddy.Context embeds
    one) or in an exported field is cancelled by whoever made it, so a
    case on its Done is a way out.
  - It waits on something nothing can ever release: a nil channel (one
    only nil reaches, unless a nil test guards the operation; channels
    received from a channel other packages can send on, or sent on one they
    can receive from, are theirs to answer on), a
    channel nobody else sends on or closes (a loop counting to len(ch)
    takes only what the buffer holds, and waits for nobody), a context
    nothing cancels, a WaitGroup.Wait with no Done, a Cond.Wait nothing
    signals. A WaitGroup kept in a field whose Add (a constant) counts
    more goroutines than the function starts to call Done, when no other
    code calls Done on it, is never counted down (a local one is
    unjoined's to report, at its Add). An operation no run reaches is no
    partner and no leak: one after a call that never returns, after a
    loop that never ends (for ; true; <-tick { … }; a range over a
    channel os/signal.Notify fills, which nothing closes), or on a way no
    run takes (a select case
    nothing can ready, a nil test of a value never nil). A select case
    that can never proceed (a receive from the Done channel of a context
    nothing cancels, such as context.Background(); an operation on a
    channel only nil reaches; a receive from a field that the object
    holding the channel waited on leaves nil, when one constructor makes
    the channels of exclusive modes: if prio { q.signal = make(…) } else
    { q.fifo = make(…) }) is no way out: a select whose other cases
    are all such waits on its one live case alone. A daemon's
    routines that each send on fail when they end, but cannot end, leave
    nobody blocked, and the finding says why its waiter waits for ever.
  - What releases it can stop first: the goroutine receiving from it can
    return early (on an error, a ctx.Done() case; a buffer only delays
    this for sends made more often than it holds: again and again on a
    channel kept in a struct field, or in a loop whose count the capacity
    does not cover, as make(chan T, len(xs)) covers a range over xs (so
    does len(xs)+len(ys), or n+int(k) a loop of n rounds for an unsigned
    k), and
    the jobs a worker pool's broker is fed by a range over xs (one send
    per job taken); a loop that sends on another channel each round, forgets the channel
    once it sent (ch = nil), sends only while a flag it then sets says it
    has not (if !sent { sent = true; ch <- v }), or gives a semaphore's
    token back in the goroutine it starts does not overfill it), the
    function that made the channel and handed it over (a reply channel in a request, a
    promise-style helper's result) can return without receiving, or the
    goroutines that could release it are started only after it (and
    nothing else, such as a constructor putting a token in, can). A stop
    given by message (Close sends once, the loop returns on receiving it)
    is given once, as a channel is closed once: a second Close is not
    assumed. A receiver's return taken only on finding the channel
    closed (v, ok := <-ch, also as a select case, then if !ok { return })
    leaves no sender waiting: a send on a closed channel panics, and so
    is a return through a stop channel that is closed only after the
    channel sent on (close(t.reset); close(t.stop)), or right before it
    with nothing between that can block (close(t.stop); close(t.reset)). A receive that
    proceeds on a channel nothing sends on has found it closed, so the
    close-once idiom (select { case <-done: default: close(done) })
    releases its waiters on both ways. Nor is a
    way that has seen the goroutine end (a receive from
    the done channel it closes as it returns, which a scheduler then
    forgets: case <-done: stop = nil, or a message it sends as the last
    thing it does: errc <- err; return, or the Done of a context only it
    cancels, as the last thing it does or deferred), nor one that has seen it
    ready on a way that excludes its sends (it either sends a failure and
    returns, or closes ready, never both), nor one that finds nil a field
    its spawner used before starting it, when the field is set to nil only
    after its message was taken
    (if p.proc != nil { p.exit <- p.proc.Wait() }). A goroutine serving
    commands, each a struct with constant fields and a reply channel, or
    the reply channel alone (p.flushRequest <- done; <-done), answers the
    command it took before it returns or takes another when every way
    from its receive (or its select case) does, by a send on the reply
    channel or its close, the branches on those fields going the way the
    command's constants say: the reply receive waits for nobody else.
    A client that keeps one request in flight and tracks it in a flag
    (requests <- r; reading = true, and reading = false only after a
    reply comes), with a server that replies at most once to each
    request it takes, owes a reply only while the flag is set: a
    shutdown that takes the reply if reading, and skips it if not,
    leaves no server blocked; and when the server also replies to every
    request before it takes another and returns only on finding the
    request channel closed, that shutdown's receive is answered. A spawner that counts the goroutines it starts (running++
    next to the go statement, running-- at each receive) and returns only
    when the count is zero has received every result, also when each
    goroutine answers once on one of the channels a select receives from
    (a failure on one, a result on the other). So has a goroutine
    that counts the partners checking in on one channel and out on another
    (n++ on each, n-- on the other) and drains as many check-outs as are
    outstanding, when every partner checks out only after it checked in: a
    partner that never checked in owes it nothing. A goroutine takes only
    the ways its go statement's constant arguments allow (go listen(l,
    false, errc) never takes if isUnixSocket's return), so its partner's
    first receive has its send; a second receive still waits for the
    goroutines that may stop first, as each sends once. A channel a
    function makes on each call is released only by goroutines it starts
    or that what it calls does, not by another function's go statement of
    the same body, and the finding names a goroutine of its own.

A goroutine left blocked when a function returns goes with the process
when that return ends it: main.main, a command that a CLI framework runs
(cobra's Run and RunE, urfave/cli's Action, kingpin's and fisk's Action,
ffcli's Exec, however the command is built; the Run methods of a kong
grammar's commands and of maruel/subcommands' CommandRuns), and a function only those
call, as the last thing they do before they return (return run(args)).
None of them is reported for such a return. Nor is a return of a failure
that the function's callers pass on to such a return, or answer with
os.Exit, doing nothing else on the way (if err := migrate(); err != nil
{ return fmt.Errorf("migrate: %w", err) }): that failure ends the
process too. A caller that tries again, or goes on after the failure,
keeps it an ordinary return.

Channels, sync objects and contexts are followed wherever the package
keeps them: variables, closures, parameters and results, struct fields
(of every instance of the type), channels of channels, and through
other packages' functions by facts. An operation is released by the
matching operations on the same objects made anywhere in the package, on
whichever goroutine, and a function that itself blocks (a receive more
than its goroutines send, a send before any receiver exists, a receive
from a channel nil on some path, an operation on an unbuffered channel
it has not yet handed to anyone, or whose only partners are its own
and wait for it on the same goroutine) is reported at the operation. So
is a call of a loop that returns only once its context is done, when
only the caller cancels that context, deferred or after the call. A channel
the analysis cannot follow (kept behind an unsafe.Pointer, handed on by
its variable's address) is neither nil nor without partners, and one
other packages can reach has partners there too, except a channel that
an exported function makes afresh and returns (a promise): each caller
gets its own, and other packages cannot release the one a caller in the
package drops. A loop
that receives ends at its condition only once it has what it waits for
(for !(readDone && writeDone), pending-- … if pending == 0 { break }); a
test of a received error is a way out before that. A receive that sees
the channel closed by the one goroutine that sends on it, after its
sends, comes after them, as does a return through <-done where the
goroutine closes done as it returns. A signal only tests give (a close()
that only tests call) never comes in the program. A send on a channel
its maker closes at every return (defer close(results)) is not left
waiting: left over, it panics. A loop that releases each member of a map
or slice the package fills (for _, f := range h.feeds { f.stop() })
releases every member, even when it runs no iteration. A channel a
caller makes and puts in a map or slice a struct field keeps
(c.pending[id] = ch) is handed to whoever takes it from there, as a
reply channel sent in a message is. A consumer's return on a producer's
last message (io.EOF, after which the producer sends no more) leaves
nothing behind. An exported method of an unexported type that no value
can carry out of the package runs only as the package calls it; and a
buffered send made once per call is made again and again when a caller
calls it in a loop that runs until told to stop.
  - Its spawner defers a release of something it still uses, and returns
    without waiting for it: defer f.Close() of a file it reads, defer
    mu.Unlock() of the lock guarding a field it touches, and, with
    -leakedgo.strict only, defer cancel() of the context it does work
    under (cancelling is how Go stops a goroutine, and on real code such a
    goroutine was nearly always meant to stop there: sets 11 to 17 judged
    none of seven such findings TRUE). Waiting counts when it is relayed
    (go func() { wg.Wait(); close(done) }(), then <-done on every way
    out), and when a loop that receives the goroutines' results ends by
    its count (for i := 0; i < 2; i++ { select { … } }). A Close of
    the package's own type releases what its body reads: a field it never
    touches (the command's context, beside the log it closes) is as
    usable after it as before. Closing a connection or listener is
    how such goroutines are told to stop, and is not reported, nor is
    closing a source of events the goroutine only reads (ranging over a
    subscription's Events(), a method that returns a receive-only
    channel), which the Close ends, nor closing what a goroutine uses
    to work for a result it hands back to the spawner (uploaded <-
    upload(f), or a done channel it closes, which the spawner receives
    on some way and gives up on on another, -leakedgo.strict reports
    it): the spawner took the result where it wanted it, and where it
    did not, the Close stops the work, as a cancel would. Nor is a
    context the goroutine only reads values from (log.G(ctx)), which the
    cancel does not change, nor one it serves events under until it is
    done (a loop it leaves on <-ctx.Done(), its own or that of a function
    of another package it runs, whose facts say so), which the cancel is
    meant to stop, nor one under which it works for a result it hands back
    to the spawner (a send the spawner receives, a channel it is handed
    that the spawner receives from: go req(ctx, results), or the cancel of
    a context whose Done the spawner waits on: a hedged ping), which is
    not wanted once the spawner returns, nor one the spawner also cancels itself
    after starting it (cancel() once the command's output is read), which
    is that cancel's purpose. A field the spawner stores before the go
    statement is the goroutine's to read when only constructors run the
    spawner, on values they have just made: no other call can change it;
    so is one the spawner gives a default once (if h.idle == 0 { h.idle =
    time.Minute }), when nothing but constructors stores it otherwise.
    The fix runs the goroutine in a task.Group:
    joined after a Close or cancel, which is what stops it, and offered
    only when the goroutine visibly returns once that happens (so the
    spawner still returns at once on cancellation); joined before an
    Unlock, under the lock, and offered only when the goroutine waits for
    nothing (no loop, channel operation or call outside the package): it
    might otherwise wait for the lock's next holder.

It reports, at the operation that blocks, a goroutine that can block
forever on a sync.Mutex, RWMutex or Cond, naming the lock, where it was
taken, and the path (the places also as related positions):

  - A lock taken again by the goroutine that holds it: Lock twice on a
    path with no Unlock between, directly or through calls and methods
    that lock the same receiver's mutex (a locked method calling a method
    that locks); Lock after RLock of the same RWMutex; RLock twice, which
    deadlocks once a writer is waiting in between, unless the first is
    taken by a method on a value its callers have just made, which no
    other goroutine has yet (l := newList(); l.count()). A function that all
    its callers in the package call with the lock held is judged as
    holding it; what tests hold when they call it counts only when
    nothing else calls it, and is then test code. A callback runs with the locks held by the callee that
    calls it back (Each read-locks the set while it calls f: an f that
    removes an item locks it again). Locking each member of a
    collection in one loop and unlocking each in a later loop over the
    same collection leaves none locked. A lock taken only under a boolean
    field of a parameter (if !opts.AlreadyLocked, if !s.nodeScope) is
    judged in its own function but not against a caller holding it: the
    mode may be the very one the caller comes in.
  - A lock held across an operation whose partners all take it first: a
    send on a channel whose receiver locks it before receiving, a receive
    whose senders do, a WaitGroup.Wait for goroutines that lock it once
    counted (one that takes the lock only to Add is not counted while it
    waits for it), a Cond.Wait on another lock. A partner that lists its
    channel under the lock (through a helper too) and lets it go before
    it waits needs it no more; a lock taken behind another package's
    interface is one of the types it may hold, a guess, and is not
    counted. A send on a buffered channel whose capacity covers its
    senders is not reported, nor one made only where len(ch) == cap(ch)
    was found false under a lock that every send on the channel holds
    (nobody can fill the buffer in between), nor one that puts back what
    the same round took from the channel while holding such a lock since
    before the take (a queue drained and partly parked again), nor a
    receive or range after the function closed the channel itself. When
    the channel and the value sent are local (or fields nothing
    reassigns), the fix moves the send after the unlock.
  - With -leakedgo.lockorder: two locks taken in both orders by code
    that can run on two goroutines (the pair is reported with both
    acquisitions), and two locks of one type locked in the order of a
    function's arguments (transfer(a, b) against transfer(b, a)). Locks
    ordered by a comparison (by ID or address), or sorted before they are
    taken, are not reported, nor are locks taken in one global order. This
    kind is off by default: on large modules it had not been tuned on,
    none of its findings was a real deadlock (two methods confined to one
    goroutine, different instances of a type, an outer lock that orders
    both paths are not yet told apart).
  - A lock released on some paths of a function and left held on another
    that returns (an early return, a continue), so that its next Lock
    blocks forever. A function that returns holding it on every path hands
    it to its caller, as does one whose result (a bool, a nil error) tells
    when, or that returns the locked object itself; keeping the locked
    object where other code finds it (a slice, a map, a field, a channel,
    a sync.Pool, also through a function of the package that puts it
    there) hands the lock over too, and so does a path that lets it go
    and tries again by a call that returns holding one like it (a keyed
    lock that locked a stale mutex calls itself); the fix defers the unlock right after the Lock when
    every unlock comes right before a return. A test that decided to take
    the lock (if remote { mu.Lock() }) decides the same way at the unlock,
    in the same turn of a loop, as do the tests the path makes after the
    Lock (if a == nil && b == nil { return } … if a != nil { … } else if
    b != nil { … }), and a variable that holds the lock or nil
    (if mu != nil { mu.Unlock() }). A field set while the lock is held
    (a flag, or a pointer: c.pending = &comp) that the functions releasing
    it test first hands it over. An error its function never returns
    (every return gives nil) never takes the caller's early return. A
    deferred Lock or Unlock registered
    on some ways only (if !atomic { mu.Unlock(); defer mu.Lock() }) runs
    on those ways only. A lock the function makes itself is another one on
    each call: only what it hands the lock to can block on it. A Lock that
    takes back the caller's lock, which the function gave up first, is the
    caller's to release.
  - A Cond.Wait whose condition a function changes without signalling the
    Cond, or changes for another waiter before waiting itself without
    waking it. A change that only moves further from the way out of the
    Wait's loop (n++ while it waits for n to drain to zero; available -=
    amount while it waits for available to rise above a limit it was
    given) needs no signal.

Locks are followed through struct fields (embedded mutexes too),
pointers, closures and parameters; TryLock never blocks. A lock handed
to a goroutine that unlocks it, or to a callback that releases it when
its work is done, goes with it, as does one whose release is handed over
as a function value (cleanup.Make(mu.Unlock), t.Cleanup,
context.AfterFunc); the function sync.OnceFunc returns runs the unlock
it was given. A function that gives its caller's lock up around a wait
and takes it back (directly, or with a deferred Lock) leaves its callers
holding it, once. What functions of other packages do to their
parameters' locks (take them, return holding them, release them for
their callers) is known through facts, so a lock handed over across
packages is judged as it is within one. A lock handed to the object a
function returns is released by that object's methods: QueryDB(ctx, db)
read-locks db and returns a query that keeps db in a field, so the
query's ForEach, releasing q.db's lock (if q.db != nil, once), releases
the lock QueryDB took. A send that is the one send on the channel its
function makes, in a loop whose count the buffer holds (make(chan T, n+1)
and a loop from n down to 0), blocks no one, whatever lock it holds.

A call of a method (or a constructor) that starts a goroutine only
another method ends (a Start whose loop runs until Stop closes a channel
or cancels its context, directly or through another method) is reported
when the value it is called on (or returns) is created and kept by the
calling function and a path returns without the other call or handing
the value on (returning it, storing it, passing it to a call; handed on
before it starts, as a manager keeps a worker in its map and then starts
it, it is its new owner's on every path). A method that itself runs
until another ends it (a Run whose loop waits for Close), started on its
own (go w.Run()), is judged the same way at its go statement. A stop
deferred, registered with t.Cleanup (a closure or a method value,
t.Cleanup(s.Close)), or made from a closure or a goroutine the function
runs counts, and so does closing a connection handed to the call
(quic.Listen(conn, …) with defer conn.Close()): that ends what serves
it, as closing a connection ends its reader. The fix defers it, unless
the function stops the value another way on some path (a Stop that calls
the stopper) or hands it on on some path (its new owner stops it) or the
call is its last statement (a Serve that runs until stopped, after which
a deferred stop would come too late). A method that calls such a method
on its receiver (a Start or Done calling a lazy init) starts the
goroutine too; a method the starting method runs itself (a walk that
starts the scan whose close ends its other goroutine) is part of the
start, not a stop. A constructor that starts such a goroutine itself (or
through a helper it hands the value's stop channel) owes the stop where
it does not hand the value back: a failure after the start that returns
nil is reported there, unless it stops the goroutine first, by a stopper
or by what the stopper does (close(s.shutdownCh)); its callers, who got
nil, are not blamed. A function that stops what it starts on every way
out (a Serve that starts its worker pool and stops it before it returns,
a helper that closes its collector's channel and waits), or that
registers the stop with t.Cleanup, starts nothing its callers must stop;
nor does one that returns the function that stops it (an AddListener
that returns its remove function): its callers must call that, as they
must call context.WithCancel's cancel. A caller that drops it (assigns
it to _, or never uses it) is reported at the call, like a lost cancel:
the goroutine runs until something else ends it (a join of two contexts
made per task, each waiting for the process to shut down). A stopper
that returns without stopping when a call it makes first fails (a Close
that returns the error of closing its election participant before it
closes the shutdown channel) is reported at the go statement: its caller
called it, will not call it again, and the goroutine runs on. A stop
made before the call, deferred before it, or skipped only because it was
made already (if s.closed { return nil }) is no such way, nor is one the
stop does not follow when the call succeeds either (the stop was skipped
before it: if s.workers != nil { close(s.workers) }); and a stopper the
type has others besides (a Reset that shuts down, beside Shutdown)
leaves the goroutine to them. A returned function stops the goroutine
when the goroutine can return only through it, or when it closes or
sends on a channel the goroutine receives from (a joined context's
cancel). A method that stops the goroutine on every way out but a
failing one (a Close that starts the writer when nothing was written,
and returns early if that failed) is a stop, not a starter. Paths on
which the call returned an error, or said by its result that it started
nothing (a Start of this package whose every way out after its go
statement returns OpResultOk, or true, tested by if r != OpResultOk or
if !ok), or that called the other method first, are not reported;
neither are the type's own methods, nor values taken from a map or a
message, which their owner stops, nor values a getter or a cache
returns: only a fresh one, made on the call and kept nowhere else (facts
say so of other packages' constructors), is the caller's to stop; nor a
function that lives as long as the process (main, or a command's RunE):
when it returns, the process ends. Handing the value to other code hands
on the duty to stop it, and a deferred call that does so (defer
services.StopAndAwait(ctx, svc)) does it at every return after it.
Storing it in a struct field of the package's hands the duty to the
field, which only the package can reach unless it is exported: when
nothing in the package calls the stopper on a value loaded from that
field (an owner's Close that forgets it), the duty is dropped, and the
call is reported, naming the owner's Close. A value stored in a field
and started from there (s.w = newWorker(); s.w.Start()) is the value
stored. An owner made once per value (see the loops working for a value
above) whose type has no end of its own (no Close, Stop or the like)
keeps the value for as long as the process keeps it: nothing was meant
to stop it, and only -leakedgo.strict reports it.

A path on which its function has given up is not a way out that
anything is owed on: after a call that never returns (os.Exit,
log.Fatal, t.Fatal) or that marks a test failed or skipped (t.Errorf,
t.Skip, assert.Fail), a goroutine left blocked is one symptom of a failure
already reported. A receive that takes back a token its own side put in
first (a buffered channel used as a counting semaphore: sem <- token
before each go statement, <-sem when the goroutine ends) cannot block.

Test code is left alone unless -leakedgo.tests is set: _test.go files,
packages under a directory that names a test harness or examples (test,
testutil, e2e, endtoend, integration, examples…, as ctxmissing's
documentation lists them), files named mock… or fake…, and helpers
that take a test's handle (*testing.T, or a T of another package named
testing, as go-testing-interface's). So are goroutines that block only
when a test (or such a helper) returns: a test's goroutines end
with its binary, and tests take shortcuts on purpose (fixtures never
stopped, a timeout branch that fails the test).

Channels and groups that escape (stored in a field, returned, passed to
code the analysis cannot see) belong to someone else and are not judged.
An exported field of an unexported type that no value carries out of the
package (no exported signature, variable or field names it, nothing
converts it to an interface) is the package's alone; builtins that keep
nothing (delete, clear, print) are no escape. The channels in a slice,
array or map belong to that container: those of a container the caller
hands in are the caller's too, those of one the function makes and fills
are its own. A channel passed through a type parameter of a generic
function (as a T) is not followed there, and escapes. A function value
given to a helper that runs it on a goroutine of its own (runAsync(func()
{ ch <- v }), where runAsync does go f(), or wraps f in a closure that
recovers) is a goroutine of the caller's, named by the helper ("the
goroutine runAsync starts"), for helpers of the package and, through
facts, of others; a method value (runAsync(s.loop)) is the method run
there, and a goroutine whose function only calls a method of the package
(func() { s.loop() }) is judged as that method's. A helper that can
return without starting it (a pool that refuses work once closed) may
leave a receive of the caller's with no sender, unless the caller reads
its answer (an ok, or an error it returns only before starting); and a
WaitGroup kept in a field that counts such a goroutine before the helper
refuses it is never counted down, unless the caller calls Done in its
place: the Wait on it, in whichever method, blocks forever (a local one
is unjoined's to report, at its Add).
What functions of other packages do with their channel parameters
(including which operations they make only as one case of a select with
others, as a lister's goroutine watches its done channel while it sends,
and so never wait on alone), and which of their methods start goroutines
another method stops, is known through facts.

With -leakedgo.strict, every go statement whose goroutine its spawner does
not wait for on every path is reported (trio's rule: a goroutine's
lifetime should be a visible scope), with a fix that runs it in a
task.Group joined at return. A goroutine counts as joined when it signals
(Done, send, close) what its spawner waits on, or a struct field another
method waits on (started in Start, joined in Close). Strict mode also
reports loops working for a value whose type has no end, and goroutines
whose work their spawner's deferred cancel cuts short.`,
	Why: `
A leaked goroutine is never collected. Each call that takes the early path
leaks one more, with its stack and everything it references, until the
process runs out of memory or file descriptors. A goroutine that outlives
what it uses reads a closed file, works under a cancelled context, or
races on data its spawner no longer guards. A goroutine blocked on a lock
is leaked the same way, and usually takes every other user of the lock
with it: nearly half of the blocking bugs found in real Go code involve
locks.`,
	Examples: []checkdoc.Example{{
		Before: `
func fetch(ctx context.Context, url string) (*Result, error) {
	results := make(chan *Result)
	go func() { // goroutine blocks forever sending on results (line 4) when fetch returns at line 10 through <-ctx.Done()
		results <- get(url)
	}()
	select {
	case r := <-results:
		return r, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}`,
		Fixes: []checkdoc.Fix{{
			Intro: "The fix gives the channel the buffer its senders need:",
			After: "\tresults := make(chan *Result, 1)",
		}},
	}, {
		Before: `
func (m *Manager) reload() {
	m.mu.Lock() // reload returns at line 6 with m.mu still locked (line 2): the next lock of it (Stop, line 14) blocks forever; unlock it before that return
	for name, cfg := range m.targets {
		if _, ok := m.configs[name]; !ok {
			log.Printf("unknown job %s", name)
			return
		}
		m.pools[name] = cfg
	}
	m.mu.Unlock()
}

func (m *Manager) Stop() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.pools = nil
}`,
		Fixes: []checkdoc.Fix{{
			Intro: "The fix defers the unlock, when every unlock of it comes right before a return (a send under a lock its receiver needs is moved after the unlock, when what it sends does not need the lock):",
			After: "\tm.mu.Lock()\n\tdefer m.mu.Unlock()",
		}},
	}},
	Options: []checkdoc.Option{
		{Name: "strict", Default: "false", Usage: "also report every go statement whose goroutine its spawner does not join before returning, and offer to run it in a task.Group; loops working for a value whose type has no Close or Stop, and what such a value keeps in a field; and goroutines whose work a deferred cancel cuts short"},
		{Name: "lockorder", Default: "false", Usage: "also report locks taken in both orders by code that can run on two goroutines (lock-order inversion); off by default, as on code it was not tuned on most of these findings were false"},
		{Name: "tests", Default: "false", Usage: "also report goroutines and locks in test code (_test.go files, harness and example packages, mocks), and goroutines that block only when a test returns"},
	},
}
