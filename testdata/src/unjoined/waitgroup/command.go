package waitgroup

import (
	"errors"
	"sync"

	"github.com/spf13/cobra"
)

// A command that gives up before its Wait ends the process when it
// returns: the framework returns to main, which exits, and the goroutines
// go with it.

// NewLoadCmd returns the load command.
func NewLoadCmd() *cobra.Command {
	return &cobra.Command{Use: "load", RunE: func(cmd *cobra.Command, args []string) error {
		return load(args)
	}}
}

func load(files []string) error {
	var wg sync.WaitGroup
	for _, f := range files {
		if f == "" {
			return errors.New("empty name")
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			read(f)
		}()
	}
	wg.Wait()
	return nil
}

func read(string) {}

// Twin: the same function called as a library is reported.

// Load reads files.
func Load(files []string) error {
	var wg sync.WaitGroup
	for _, f := range files {
		if f == "" {
			return errors.New("empty name") // want `Load returns without waiting for the goroutines wg.Add counts`
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			read(f)
		}()
	}
	wg.Wait()
	return nil
}
