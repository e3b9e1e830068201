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
	Text: `
A call such as (*sql.DB).QueryContext, (*net.Dialer).DialContext or a gRPC
invocation waits until its context is done. ctxmissing reports such a call
when its context provably has no deadline: the context derives only from
context.Background or context.TODO, through any chain of WithCancel,
WithValue and the like, or passed through context.WithoutCancel.

A context parameter is the caller's responsibility. A function whose context
parameter reaches a blocking call without gaining a deadline is judged at
its callers, in its own package and in others (through facts), so the
finding lands where the deadline-less context is made.

Test files are skipped unless -ctxmissing.tests is set, and so is a
program's own sequence, unless -ctxmissing.main is set: the main function
of package main and the functions of the package it calls (a handler it
registers is not called by it, and is checked). Whoever runs a program
bounds it; whoever calls a handler does not.`,
	Why: `
Nothing ever cancels a context with no deadline: a dead peer, a lost packet
or a stuck query hangs the call, and everything waiting on it, forever.`,
	Before: `
func count(db *sql.DB) (int, error) {
	var n int
	err := db.QueryRowContext(context.Background(), "SELECT count(*) FROM t").Scan(&n)
	return n, err
}`,
	After: `
func count(db *sql.DB) (int, error) {
	var n int
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	err := db.QueryRowContext(ctx, "SELECT count(*) FROM t").Scan(&n)
	return n, err
}`,
	Options: []checkdoc.Option{
		{Name: "timeout", Default: "30s", Usage: "the deadline the suggested fix gives a call"},
		{Name: "main", Default: "false", Usage: "also report in the main function of package main and the functions it calls"},
		{Name: "tests", Default: "false", Usage: "also report in test files"},
	},
}
