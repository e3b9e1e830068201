// Package lib has a context type of its own that embeds context.Context,
// as caddy.Context does.
package lib

import "context"

type Context struct {
	context.Context
	Name string
}

// NewContext returns a Context cancelled by the function it returns.
func NewContext(parent Context) (Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(parent.Context)
	return Context{Context: ctx, Name: parent.Name}, cancel
}
