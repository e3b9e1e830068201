// Package subcommands is a stand-in for github.com/maruel/subcommands:
// each command makes a CommandRun, whose Run the framework calls with the
// command line.
package subcommands

import "flag"

// An Env holds environment variables.
type Env map[string]string

// An Application is the program.
type Application interface {
	GetName() string
}

// A CommandRun runs one command.
type CommandRun interface {
	Run(a Application, args []string, env Env) int
	GetFlags() *flag.FlagSet
}

// CommandRunBase implements GetFlags.
type CommandRunBase struct{ Flags flag.FlagSet }

// GetFlags returns the flags.
func (c *CommandRunBase) GetFlags() *flag.FlagSet { return &c.Flags }

// A Command describes one command.
type Command struct {
	UsageLine  string
	CommandRun func() CommandRun
}

// Run runs the command the arguments name.
func Run(a Application, args []string) int { return 0 }
