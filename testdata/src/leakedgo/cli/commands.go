package cli

import (
	"errors"
	"fmt"
	"log"

	"github.com/alecthomas/kong"
	"github.com/choria-io/fisk"
	"github.com/spf13/cobra"
)

// Commands that a function builds, rather than a package variable, end
// the process as well when they return: the framework returns to main,
// which exits. Goroutines a command leaves blocked when it gives up go
// with the process.

// NewBenchCmd returns the bench command.
func NewBenchCmd() *cobra.Command {
	return &cobra.Command{Use: "bench", RunE: func(cmd *cobra.Command, args []string) error {
		return bench(args)
	}}
}

func bench(servers []string) error {
	trigger := make(chan struct{})
	for _, s := range servers {
		c, err := connect(s)
		if err != nil {
			return err // the publishers started so far wait on trigger until the process ends
		}
		go publish(c, trigger)
	}
	close(trigger)
	return nil
}

type conn struct{ addr string }

func connect(addr string) (*conn, error) {
	if addr == "" {
		return nil, errors.New("no address")
	}
	return &conn{addr}, nil
}

func (c *conn) send()  {}
func (c *conn) Close() {}

func publish(c *conn, trigger chan struct{}) {
	<-trigger
	c.send()
}

// A kingpin-style application takes its commands' actions as method
// values.
type benchCmd struct{ servers []string }

// Configure adds the bench commands to app.
func Configure(app *fisk.Application) {
	c := &benchCmd{}
	app.Command("pub", "publish").Action(c.pubAction)
	app.Command("serve", "serve").Action(c.serveAction)
}

func (c *benchCmd) pubAction(_ *fisk.ParseContext) error {
	return bench(c.servers)
}

// Twins: the same function run as a library call, and one a command calls
// before it goes on, are reported.

// Bench runs the benchmark.
func Bench(servers []string) error {
	trigger := make(chan struct{})
	for _, s := range servers {
		c, err := connect(s)
		if err != nil {
			return err
		}
		go func() { // want `goroutine blocks forever receiving from trigger`
			<-trigger
			c.send()
		}()
	}
	close(trigger)
	return nil
}

func (c *benchCmd) subAction(_ *fisk.ParseContext) error {
	if err := warmUp(c.servers); err != nil {
		log.Print(err) // and go on: the goroutines warmUp left wait as the benchmark runs
	}
	return bench(c.servers)
}

func warmUp(servers []string) error {
	trigger := make(chan struct{})
	for _, s := range servers {
		c, err := connect(s)
		if err != nil {
			return err
		}
		go func() { // want `goroutine blocks forever receiving from trigger`
			<-trigger
			c.send()
		}()
	}
	close(trigger)
	return nil
}

// ConfigureSub adds the sub command.
func ConfigureSub(app *fisk.Application) {
	c := &benchCmd{}
	app.Command("sub", "subscribe").Action(c.subAction)
}

// A command runs for the life of the process: it may serve until it is
// killed, and what its early return closes goes with the process.
func (c *benchCmd) serveAction(_ *fisk.ParseContext) error {
	for _, s := range c.servers {
		cn, err := connect(s)
		if err != nil {
			return err
		}
		defer cn.Close()
		go serve(cn)
	}
	select {}
}

func serve(c *conn) {
	c.send()
	<-make(chan struct{}) // until the process is killed
}

// Twin: the same as a library function.

// Serve serves on every server.
func Serve(servers []string) error {
	for _, s := range servers {
		cn, err := connect(s)
		if err != nil {
			return err
		}
		defer cn.Close()
		go func() { // want `goroutine may still use cn`
			cn.send()
		}()
	}
	select {}
}

// A function whose failure the command passes on, and so ends the
// process, leaves nothing behind when it fails; only its success is an
// ordinary return.
func (c *benchCmd) loadAction(_ *fisk.ParseContext) error {
	if err := preload(c.servers); err != nil {
		return fmt.Errorf("preload: %w", err)
	}
	return bench(c.servers)
}

func preload(servers []string) error {
	trigger := make(chan struct{})
	for _, s := range servers {
		c, err := connect(s)
		if err != nil {
			return err
		}
		go func() {
			<-trigger
			c.send()
		}()
	}
	close(trigger)
	return nil
}

// ConfigureLoad adds the load command.
func ConfigureLoad(app *fisk.Application) {
	c := &benchCmd{}
	app.Command("load", "load").Action(c.loadAction)
}

// Twin: a command that tries again after a failure. Its goroutine's body
// is bench's too, but bench's channel is bench's own: the process's end
// when bench returns does not release this one.
func (c *benchCmd) retryAction(_ *fisk.ParseContext) error {
	for range 3 {
		if err := preloadAgain(c.servers); err == nil {
			return bench(c.servers)
		}
	}
	return errors.New("no server")
}

func preloadAgain(servers []string) error {
	trigger := make(chan struct{})
	for _, s := range servers {
		c, err := connect(s)
		if err != nil {
			return err
		}
		go publish(c, trigger) // want `goroutine blocks forever receiving from trigger \(line \d+\) when preloadAgain returns`
	}
	close(trigger)
	return nil
}

// ConfigureRetry adds the retry command.
func ConfigureRetry(app *fisk.Application) {
	c := &benchCmd{}
	app.Command("retry", "retry").Action(c.retryAction)
}

// kong finds its commands by type: it calls the Run method of the one
// the command line chose, by reflection, and returns to main, which
// exits. A goroutine such a command leaves blocked goes with the process.
type kongCLI struct {
	Bench kongBench `cmd:""`
}

type kongBench struct{ Servers []string }

func (c *kongBench) Run() error { return bench(c.Servers) }

type kongServe struct{ Servers []string }

// Run of a type outside the grammar: whoever calls it goes on after it.
func (c *kongServe) Run() error {
	trigger := make(chan struct{})
	for _, s := range c.Servers {
		cn, err := connect(s)
		if err != nil {
			return err
		}
		go func() { // want `goroutine blocks forever receiving from trigger`
			<-trigger
			cn.send()
		}()
	}
	close(trigger)
	return nil
}

// ParseKong parses the command line into the grammar.
func ParseKong() *kong.Context { return kong.Parse(&kongCLI{}) }
