// Package subcmd holds the commands of a maruel/subcommands CLI: the
// framework calls the Run method of each command's CommandRun, as main's
// sequence. A type with a Run method of the same shape that is no
// CommandRun (it has no GetFlags) is run by someone else, and checked.
package subcmd

import (
	"net/http"

	"github.com/maruel/subcommands"
)

// CmdPing pings a host.
var CmdPing = &subcommands.Command{
	UsageLine:  "ping <url>",
	CommandRun: func() subcommands.CommandRun { return &pingRun{} },
}

type pingRun struct {
	subcommands.CommandRunBase
}

func (r *pingRun) Run(a subcommands.Application, args []string, env subcommands.Env) int {
	if err := ping(args[0]); err != nil {
		return 1
	}
	return 0
}

func ping(url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Prober has Run, but is no CommandRun.
type Prober struct{ URL string }

func (p *Prober) Run(a subcommands.Application, args []string, env subcommands.Env) int {
	resp, err := http.Get(p.URL) // want `http.Get can block forever`
	if err != nil {
		return 1
	}
	resp.Body.Close()
	return 0
}
