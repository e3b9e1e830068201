// Package cobra is a stand-in for github.com/spf13/cobra's Command, for
// structlint's fixtures: a CLI framework runs a command's Run or RunE for
// the life of the process.
package cobra

type Command struct {
	Use  string
	Run  func(cmd *Command, args []string)
	RunE func(cmd *Command, args []string) error
}

func (c *Command) AddCommand(cmds ...*Command) {}
func (c *Command) Execute() error               { return nil }
