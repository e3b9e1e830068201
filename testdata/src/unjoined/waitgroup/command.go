package waitgroup

import (
	"errors"
	"fmt"
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

// A function whose failure a command passes on ends the process when it
// fails: its goroutines go with it. Its success is an ordinary return.

// NewMigrateCmd returns the migrate command.
func NewMigrateCmd() *cobra.Command {
	return &cobra.Command{Use: "migrate", RunE: func(cmd *cobra.Command, args []string) error {
		if err := migrate(args); err != nil {
			return fmt.Errorf("migration failed: %w", err)
		}
		if err := migrateLogged(args); err != nil {
			return err
		}
		return verify(args)
	}}
}

func migrate(files []string) error {
	var wg sync.WaitGroup
	for _, f := range files {
		if f == "" {
			return errors.New("empty name")
		}
		if f == "-" {
			return nil // want `migrate returns without waiting for the goroutines wg.Add counts`
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

// With a deferred call, the function returns its result through a
// variable the deferred calls could change; the failure is still the one
// it set.
func migrateLogged(files []string) error {
	defer fmt.Println("migrated")
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

func verify([]string) error { return nil }

// Twin: a command that goes on after the failure.

// NewSyncCmd returns the sync command.
func NewSyncCmd() *cobra.Command {
	return &cobra.Command{Use: "sync", RunE: func(cmd *cobra.Command, args []string) error {
		if err := migrateAll(args); err != nil {
			fmt.Println(err)
			return verify(args)
		}
		return nil
	}}
}

func migrateAll(files []string) error {
	var wg sync.WaitGroup
	for _, f := range files {
		if f == "" {
			return errors.New("empty name") // want `migrateAll returns without waiting for the goroutines wg.Add counts`
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
