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

func main() {
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
	})
	http.ListenAndServe(":8080", nil)
}
