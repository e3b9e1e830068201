// Package ctxmissing defines an Analyzer that reports blocking calls
// reached with a context that provably has no deadline. Its documentation
// is Doc.
package ctxmissing

import "github.com/structlint/structlint/internal/checkdoc"

// Doc documents the check; it is the Analyzer's Doc, `structlint help
// ctxmissing`, and the README's section.
var Doc = &checkdoc.Check{
	Name:  "ctxmissing",
	Title: "ctxmissing: blocking calls reached with a context that has no deadline",
	Summary: "A query, a dial or an RPC waits until its context is done. A context derived " +
		"only from `context.Background()` or `context.TODO()` (through any chain of " +
		"`WithCancel`, `WithValue`…), or passed through `context.WithoutCancel`, is never " +
		"done: a dead peer hangs the call forever. A context whose cancel function something " +
		"can call while the call waits (a goroutine waiting for a stop signal, a `Close` " +
		"method, `time.AfterFunc`) is its owner's stop signal, and is not reported. A " +
		"function that passes its context parameter (or its client) on to such a call is " +
		"judged at its callers, across packages.\n\n" +
		"The blocking calls are database/sql's `…Context` methods (unless every driver the " +
		"package's imports register is an embedded one, such as SQLite, that never touches " +
		"the network), `http.Client.Do` with a " +
		"client that has no `Timeout` (and `http.Get`, `Post`…), os/exec's " +
		"`CommandContext` commands, crypto/tls dials and handshakes (`tls.Dial` and " +
		"`Handshake` too, which take no context), net/smtp's `Dial` and `SendMail`, and gRPC " +
		"unary calls, including generated clients, through facts (unless the program links a " +
		"wrapper of the client's interface that adds a timeout, and the client called was not " +
		"made in plain sight, or a unary client interceptor that adds one). Clients and contexts are " +
		"followed where real code keeps them: passed to helpers, made by constructors, kept " +
		"in struct fields (judged by what the package stores there), reached through the " +
		"package's interfaces and function fields.\n\n" +
		"A function that was given a context (a `ctx` parameter, or `r.Context()`) and makes " +
		"its blocking call with a fresh `context.Background()`, with none (`http.NewRequest`, " +
		"`exec.Command`, `tls.Dial`), or with a context kept from setup, drops its caller's " +
		"cancellation; that is reported even when a deadline is set on the fresh context. In " +
		"a goroutine, a defer, or on the path where something failed, a context of its own " +
		"can be the intent, and so is `context.WithoutCancel` followed by a deadline.\n\n" +
		"Tests, examples, test harnesses (`testutil`, `e2etest`…), mocks and fakes are left " +
		"alone unless `-ctxmissing.tests`, and so is a program's own sequence (`main`, the " +
		"commands a CLI framework such as cobra runs, and what they call) unless `-ctxmissing.main`.",
	Text: `
A call such as (*sql.DB).QueryContext or a gRPC invocation waits until its
context is done. ctxmissing reports such a call when its context provably
has no deadline: the context derives only from context.Background or
context.TODO, through any chain of WithCancel, WithValue and the like, or
passed through context.WithoutCancel. It does not report a context whose
cancel function can run while the call waits: one that a goroutine calls
(go func() { <-stop; cancel() }()), that is kept in a struct field that a
method of the package calls (Close, Stop), or that is handed to a function
that may call it later (time.AfterFunc, a registry of stop hooks). That
context has no deadline, but it is its owner's stop signal: the call waits
until the stop, not forever. The same holds of a context derived with
WithCancel from one the function was given and cancelled that way (a
Start that keeps the cancel function for Stop): whatever context its
callers pass, its calls end at Stop. A cancel function that the function
only calls or defers itself runs once the call has returned, and bounds
nothing.

A function that passes its context to such a call in a goroutine it
starts is said to start a goroutine that can block forever, and gets no
fix: a deadline its caller cancels as it returns would cut the goroutine
off.

The calls it knows: database/sql's *Context methods (and BeginTx, Conn),
unless the drivers registered (sql.Register) by the package and its imports
are all embedded ones, whose packages do not import net: such a driver
(SQLite) waits on local work and its own lock timeouts, not on a server, so
only a dropped caller's context is reported there, and a package that
registers no driver at all leaves the choice to its importer;
net/http's Client.Do, whose request carries the context (http.NewRequest
gives it context.Background()), and http.Get, Head, Post and PostForm and
the same Client methods, which use no context, when the client provably
has no Timeout; os/exec's Run, Output, CombinedOutput and Wait on a
command made by CommandContext, unless the function kills it
(cmd.Process.Kill after a timer); crypto/tls's Dialer.DialContext and
Conn.HandshakeContext, and Dial, DialWithDialer and Conn.Handshake, which
take no context, unless a net.Dialer's Timeout or a deadline on the
connection may bound them (one the function sets, or one a dial function
it is handed or a function that sets deadlines may have set, or one the
callers may have set on a connection they hand it: callers the package
does not see, as gRPC's before a ServerHandshake, may have, the package's
own are judged by what they pass, and a hook or handler it calls through
a function value by the deadline in force where it calls one, set or
cleared with time.Time{}); net/smtp's
Dial and SendMail, which set no deadline; gRPC's Invoke, and generated
clients through their interfaces, unless the program links a wrapper of
the interface that adds a timeout (a retrying client handed to its users
by dependency injection) and the client called was not made by the
interface's package in plain sight, or installs on its connections a
unary client interceptor that does (grpc.WithUnaryInterceptor). Left out, because the OS or the resolver
bounds them: net's dials, lookups and listens. Left out, because a
deadline would end them: gRPC streams.

A client provably has no Timeout when it is http.DefaultClient, or is made
without one (by the function, by a constructor of the package, or by a
function of another package that says so through a fact) and nobody can
set one later, also when it is kept in a struct field: a field is judged
by the values the package stores there, unless other packages can store
into it too (an exported field of an exported type). Its Transport bounds
the wait only as an http.Transport with a ResponseHeaderTimeout, or a
RoundTripper of the package that derives a deadline; a RoundTripper of
unknown type wraps a transport and does not count. A context kept in a
field is judged the same way.

A context parameter is the caller's responsibility, and so is a request or
command parameter, and a client parameter. A function that passes one on
to a blocking call without a deadline on the way is judged at its callers,
in its own package and in others (through facts), also through the methods
of an interface the package declares and implements and through functions
kept in struct fields, so the finding lands where the deadline-less
context or the client without Timeout is made.

A function that was given a context (a context.Context parameter, or an
*http.Request, whose Context() it is) drops it when its blocking call uses
a context it makes afresh with context.Background() or TODO(), none at all
(http.NewRequest, exec.Command, tls.Dial, Handshake), or one kept in a
struct field from setup: its caller's cancellation does not reach the
call. A field is not kept from setup when the function stored it just
before (s.ctx = ctx; use(s.ctx)), or when it belongs to a struct that a
function of the package made afresh for this call and returned (a request
built with the caller's context, wrapped in a struct of the package's):
its context is what was stored there. Nor is it when the context a
function literal was given is that field: a function of the package that
calls the literal with the context its own caller passed (DoApp(c.Ctx,
func(ctx context.Context) error { … c.Ctx … })) gives it that context.
This is reported even when a deadline is set on the fresh context, and a
command made by exec.Command is reported only where a context was given to
drop, and not where the function kills it itself (a Signal, then a Kill
after a while: that is how it ends the command). A call in a go or defer statement, under time.AfterFunc, or on the
path where something failed (if err != nil, a case on ctx.Done(), after
<-ctx.Done()) is reported only if it can block forever: there, a context
of its own is how cleanup outlives the failure. Deliberate detachment is
not a drop: context.WithoutCancel, followed by a deadline of its own, or
task.Shield and task.MoveOnAfter; nor is a parameter named _.

It also reports a fan-out whose tasks take turns (SetLimit, or a semaphore
channel) and each derive their own deadline from a context that has none:
each task is bounded, the whole is not.

The suggested fix passes the context a function was given where it drops
it: context.Background() becomes ctx, http.NewRequest and exec.Command
become their forms that take it, Handshake() becomes
HandshakeContext(ctx), a context field becomes ctx. Otherwise it derives a
deadline right before the call, or before the call that puts the context
into its request or command; puts the calls that end a function returning
an error under one task.Timeout when several share the context; rewrites
http.Get and friends to a request with a deadline (or with the given
context); and gives a fan-out one deadline where its context is made. A
client passed to a helper gets no fix: its Timeout is set where it is
made.

The message names the lines the finding refers to, which are also its
related positions: where the context is made, the blocking call a function
reaches, the client made without a Timeout, and the context dropped.

Not reported: the form without a context of an XContext (or XCtx) twin
(Query calling QueryContext with context.Background()), whose callers
chose no deadline; tests (test files, helpers that take a *testing.T
or a T of another package named testing, as go-testing-interface's,
example packages, under a directory named example or examples, and test
harnesses, under a directory named test, tests, testing, e2e, endtoend,
testutil, testhelpers or integration (or …_integration), or a compound
of test such as e2etest, systest or integration_test, or the test
package of a package it lies in, such as dgraph/v25/dgraphtest), and mocks and fakes: packages named mock… or fake…, files named mock… or
…_mock…), unless -ctxmissing.tests is set; and a program's own sequence,
unless -ctxmissing.main is set: the main function of package main, the
commands a CLI framework runs (cobra's RunE, urfave/cli's Action, the Run
methods of kong's and maruel/subcommands' commands, in any package), and the functions of the package they call, also through an
interface the package declares and implements, or a
struct field of the package's own (a command table: main runs c.fn(c),
and fn holds each command, or what the callers of a function that fills
it hand in: register("ls", ls)), while a handler they register is not called
by them, and is checked. Whoever runs a program
or a command bounds it; whoever calls a handler does not.`,
	Why: `
Nothing ever cancels a context with no deadline: a dead peer, a lost packet
or a stuck query hangs the call, and everything waiting on it, forever.`,
	Examples: []checkdoc.Example{{
		Before: `
func count(db *sql.DB) (int, error) {
	var n int
	err := db.QueryRowContext(context.Background(), "SELECT count(*) FROM t").Scan(&n) // (*sql.DB).QueryRowContext can block forever: its context comes from context.Background() at line 3, and no deadline is set on the way
	return n, err
}`,
		Fixes: []checkdoc.Fix{{
			Intro: "The fix derives a deadline right before the call (`-ctxmissing.timeout`, " +
				"default 30s); where several calls share the context, it puts one " +
				"`task.Timeout` over them, and it rewrites `http.Get` and friends into a " +
				"request with a deadline:",
			After: `
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	err := db.QueryRowContext(ctx, "SELECT count(*) FROM t").Scan(&n)`,
		}},
	}, {
		Before: `
func (c *Client) Store(ctx context.Context, req *http.Request) error {
	ctx, cancel := context.WithTimeout(context.Background(), c.timeout)
	defer cancel()
	resp, err := c.client.Do(req.WithContext(ctx)) // (*http.Client).Do drops ctx, the context Store was given: its request's context comes from context.Background() at line 2; a deadline is set on the way, but cancelling ctx does not stop the call: derive the deadline from ctx
	if err != nil {
		return err
	}
	return resp.Body.Close()
}`,
		Fixes: []checkdoc.Fix{{
			Intro: "Where a function drops the context it was given, the fix passes that " +
				"context instead (`http.NewRequestWithContext(ctx, …)`, " +
				"`exec.CommandContext(ctx, …)` for the forms that take none):",
			After: `
	ctx, cancel := context.WithTimeout(ctx, c.timeout)`,
		}},
	}},
	Options: []checkdoc.Option{
		{Name: "timeout", Default: "30s", Usage: "the deadline the suggested fix gives a call"},
		{Name: "main", Default: "false", Usage: "also report in the main function of package main, the commands a CLI framework runs, and the functions they call"},
		{Name: "tests", Default: "false", Usage: "also report in test files, test helpers and example packages"},
	},
}
