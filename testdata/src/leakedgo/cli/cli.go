// Package cli is a command's package that is not main: a CLI framework
// runs its commands, whose goroutines live as long as the process.
package cli

import (
	"errors"
	"time"

	"github.com/spf13/cobra"

	"leakedgo/contract/worker"
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

var watchCmd = &cobra.Command{
	Use:  "watch",
	RunE: runWatch,
}

func init() { rootCmd.AddCommand(watchCmd) }

// A command that starts a worker only Stop ends, and returns without
// stopping it, ends the process with it: there is no one left to leak to.
// (contract.go's earlyReturn is the same in a library function.)
func runWatch(cmd *cobra.Command, args []string) error {
	w := worker.New()
	w.Start()
	if len(args) == 0 {
		return errors.New("nothing to watch")
	}
	for range args {
		w.Do(report)
	}
	return nil
}

// A library function that starts the same goroutine is judged as usual.

// StartReporter starts a reporter nothing can stop.
func StartReporter(every time.Duration) {
	go func() { // want `goroutine never returns: its range over a ticker's channel`
		for range time.Tick(every) {
			report()
		}
	}()
}
