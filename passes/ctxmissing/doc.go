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
		"done: a dead peer hangs the call forever. A function that passes its context " +
		"parameter on to such a call is judged at its callers, across packages.\n\n" +
		"The blocking calls are database/sql's `…Context` methods, `http.Client.Do` with a " +
		"client that has no `Timeout` (and `http.Get`, `Post`…), os/exec's " +
		"`CommandContext` commands, crypto/tls dials and handshakes, and gRPC unary calls, " +
		"including generated clients, through facts.",
	Text: `
A call such as (*sql.DB).QueryContext or a gRPC invocation waits until its
context is done. ctxmissing reports such a call when its context provably
has no deadline: the context derives only from context.Background or
context.TODO, through any chain of WithCancel, WithValue and the like, or
passed through context.WithoutCancel.

The calls it knows: database/sql's *Context methods (and BeginTx, Conn);
net/http's Client.Do, whose request carries the context (http.NewRequest
gives it context.Background()), and http.Get, Head, Post and PostForm and
the same Client methods, which use no context, when the client provably
has no Timeout (http.DefaultClient, or one the function makes without
Timeout or Transport); os/exec's Run, Output, CombinedOutput and Wait on a
command made by CommandContext; crypto/tls's Dialer.DialContext and
Conn.HandshakeContext, unless a NetDialer timeout or a connection deadline
may bound them; gRPC's Invoke, and generated clients through their
interfaces. Left out, because the OS or the resolver bounds them: net's
dials, lookups and listens. Left out, because a deadline would end them:
gRPC streams. exec.Command has no context to miss.

A context parameter is the caller's responsibility, and so is a request or
command parameter. A function that passes one on to a blocking call without
a deadline on the way is judged at its callers, in its own package and in
others (through facts), so the finding lands where the deadline-less
context is made.

It also reports a fan-out whose tasks take turns (SetLimit, or a semaphore
channel) and each derive their own deadline from a context that has none:
each task is bounded, the whole is not.

The suggested fix derives a deadline right before the call, or before the
call that puts the context into its request or command; puts the calls
that end a function returning an error under one task.Timeout when several
share the context; rewrites http.Get and friends to a request with a
deadline; and gives a fan-out one deadline where its context is made.

Not reported: the form without a context of an XContext twin (Query
calling QueryContext with context.Background()), whose callers chose no
deadline; tests (test files, helpers that take a *testing.T, and example
packages, under a directory named example or examples), unless
-ctxmissing.tests is set; and a program's own sequence, unless
-ctxmissing.main is set: the main function of package main and the
functions of the package it calls (a handler it registers is not called by
it, and is checked). Whoever runs a program bounds it; whoever calls a
handler does not.`,
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
	}},
	Options: []checkdoc.Option{
		{Name: "timeout", Default: "30s", Usage: "the deadline the suggested fix gives a call"},
		{Name: "main", Default: "false", Usage: "also report in the main function of package main and the functions it calls"},
		{Name: "tests", Default: "false", Usage: "also report in test files, test helpers and example packages"},
	},
}
