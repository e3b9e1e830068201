// Package fisk is a stand-in for github.com/choria-io/fisk (a kingpin
// fork), for structlint's fixtures: the application runs the Action of
// the command the command line names, then returns to main.
package fisk

type ParseContext struct{}

type Action func(*ParseContext) error

type Application struct{}

type CmdClause struct{}

func New(name, help string) *Application                    { return &Application{} }
func (a *Application) Command(name, help string) *CmdClause { return &CmdClause{} }
func (a *Application) Parse(args []string) (string, error)  { return "", nil }
func (c *CmdClause) Command(name, help string) *CmdClause   { return &CmdClause{} }
func (c *CmdClause) Action(action Action) *CmdClause        { return c }
