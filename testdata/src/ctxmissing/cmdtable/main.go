// Command cmdtable runs its subcommands from a table, as CLIs without a
// framework do (mox, reva): main dispatches through a struct field that
// holds each command, copied into the commands it runs, so the commands
// are the program's own sequence. The hooks an HTTP handler runs through
// a field of the same kind are not.
package main

import (
	"context"
	"database/sql"
	"net/http"
	"os"
)

var db *sql.DB

type entry struct {
	name string
	fn   func(c *cmd)
}

var commands = []entry{
	{"migrate", cmdMigrate},
	{"ping", func(c *cmd) {
		db.PingContext(context.Background())
	}},
}

type cmd struct {
	args []string
	fn   func(c *cmd)
}

func cmdMigrate(c *cmd) {
	db.ExecContext(context.Background(), "CREATE TABLE t (x int)")
}

type hook struct{ run func() }

var hooks = []hook{{run: purge}}

func purge() {
	db.ExecContext(context.Background(), "DELETE FROM t") // want `\(\*sql.DB\).ExecContext can block forever`
}

// A registry filled through a function that stores what it is given
// (gomote's registerCommand): what its callers hand in are commands too.
type command struct {
	des string
	run func(args []string) error
}

var registry = map[string]command{}

func register(name, des string, run func([]string) error) {
	registry[name] = command{des: des, run: run}
}

func cmdVacuum(args []string) error {
	_, err := db.ExecContext(context.Background(), "VACUUM")
	return err
}

// The twin: hooks added through a function, run by a handler.
var late []hook

func addHook(run func()) { late = append(late, hook{run: run}) }

func prune() {
	db.ExecContext(context.Background(), "DELETE FROM u") // want `\(\*sql.DB\).ExecContext can block forever`
}

// A command that runs a strategy through an interface the package
// declares: its implementations run in the command's sequence.
type installer interface{ install() error }

type systemd struct{}

func (systemd) install() error {
	_, err := db.ExecContext(context.Background(), "INSERT INTO units VALUES (1)")
	return err
}

func cmdInstall(args []string) error {
	var s installer = systemd{}
	return s.install()
}

// The twin: an interface a handler runs.
type purger interface{ purge() }

type sweeper struct{}

func (sweeper) purge() {
	db.ExecContext(context.Background(), "DELETE FROM v") // want `\(\*sql.DB\).ExecContext can block forever`
}

func main() {
	register("vacuum", "reclaim space", cmdVacuum)
	register("install", "install the units", cmdInstall)
	addHook(prune)
	if len(os.Args) > 1 {
		if c, ok := registry[os.Args[1]]; ok {
			c.run(os.Args[2:])
			return
		}
	}
	for _, e := range commands {
		if len(os.Args) > 1 && e.name == os.Args[1] {
			c := &cmd{args: os.Args[2:], fn: e.fn}
			c.fn(c)
			return
		}
	}
	http.HandleFunc("/purge", func(w http.ResponseWriter, r *http.Request) {
		for _, h := range hooks {
			h.run()
		}
		for _, h := range late {
			h.run()
		}
		var p purger = sweeper{}
		p.purge()
	})
	http.ListenAndServe(":8080", nil)
}
