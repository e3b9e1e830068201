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
	Text: `
leakedgo reports a go statement whose goroutine can block forever because
the function that started it returns without doing its part: the goroutine
sends on a channel the function created, and some path of the function
returns (an early error return, a ctx.Done() or time.After case of a select)
without receiving. Nothing else can receive, so the goroutine, and
everything it holds, is never freed.

The channel must be one the function made and kept: a channel stored in a
field, returned, or passed to code the analysis cannot see belongs to
someone else and is not judged. A send inside a select with another case
(a ctx.Done() or stop channel) is not blocking, nor is a send that fits in
the channel's buffer.

The suggested fix gives the channel the buffer its senders need, so the
goroutine finishes even when nobody receives.`,
	Options: []checkdoc.Option{
		{Name: "strict", Default: "false", Usage: "also report every go statement whose goroutine its spawner does not join before returning, and offer to run it in a task.Group"},
	},
	Why: `
A leaked goroutine is never collected. Each call that takes the early path
leaks one more, with its stack and everything it references, until the
process runs out of memory or file descriptors.`,
	Before: `
func fetch(ctx context.Context, url string) (*Result, error) {
	results := make(chan *Result)
	go func() {
		results <- get(url)
	}()
	select {
	case r := <-results:
		return r, nil
	case <-ctx.Done():
		return nil, ctx.Err() // the goroutine blocks forever on its send
	}
}`,
	After: `
func fetch(ctx context.Context, url string) (*Result, error) {
	results := make(chan *Result, 1)
	go func() {
		results <- get(url)
	}()
	select {
	case r := <-results:
		return r, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}`,
}
