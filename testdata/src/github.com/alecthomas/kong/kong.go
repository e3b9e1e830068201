// Package kong is a stand-in for github.com/alecthomas/kong: it parses
// the command line into a grammar struct and calls the Run method of the
// command chosen, through reflection.
package kong

// A Context is the parsed command line.
type Context struct{ cmd any }

// Run calls the chosen command's Run method.
func (c *Context) Run(bindings ...any) error { return nil }

// An Option configures parsing.
type Option func(*Kong)

// Kong is a parser.
type Kong struct{ grammar any }

// New makes a parser for grammar, a pointer to a struct.
func New(grammar any, options ...Option) (*Kong, error) { return &Kong{grammar}, nil }

// Must is New that panics.
func Must(grammar any, options ...Option) *Kong { return &Kong{grammar} }

// Parse parses the command line into grammar.
func Parse(grammar any, options ...Option) *Context { return &Context{grammar} }

// Parse parses args.
func (k *Kong) Parse(args []string) (*Context, error) { return &Context{k.grammar}, nil }
