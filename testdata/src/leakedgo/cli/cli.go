// Package cli is a command's package that is not main: a CLI framework
// runs its commands, whose goroutines live as long as the process.
package cli

import (
	"time"

	"github.com/spf13/cobra"
)

var rootCmd = &cobra.Command{Use: "app"}

var serveCmd = &cobra.Command{
	Use:  "serve",
	RunE: runServe,
}

func init() { rootCmd.AddCommand(serveCmd) }

// Execute runs the command line.
func Execute() error { return rootCmd.Execute() }

func runServe(cmd *cobra.Command, args []string) error {
	startReporter(time.Minute)
	select {}
}

func startReporter(every time.Duration) {
	go func() {
		for range time.Tick(every) {
			report()
		}
	}()
}

func report() {}

// A library function that starts the same goroutine is judged as usual.

// StartReporter starts a reporter nothing can stop.
func StartReporter(every time.Duration) {
	go func() { // want `goroutine never returns: its range over a ticker's channel`
		for range time.Tick(every) {
			report()
		}
	}()
}
