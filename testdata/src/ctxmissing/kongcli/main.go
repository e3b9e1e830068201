// Command kongcli runs its commands through kong, which calls the Run
// method of the command the command line chose, by reflection: those
// methods, however deep in the grammar, are the program's own sequence
// as main is, and so is what they call. A Run method of a type outside
// the grammar is not: here a job an HTTP handler runs.
package main

import (
	"context"
	"database/sql"
	"net/http"

	"github.com/alecthomas/kong"
)

var db *sql.DB

type cli struct {
	Migrate migrateCmd `cmd:"" help:"Migrate the schema."`
	Admin   struct {
		Vacuum *vacuumCmd `cmd:"" help:"Reclaim space."`
	} `cmd:""`
}

type migrateCmd struct{ Steps int }

func (c *migrateCmd) Run() error {
	_, err := db.ExecContext(context.Background(), "MIGRATE")
	return err
}

type vacuumCmd struct{}

func (vacuumCmd) Run(k *kong.Context) error { return vacuum() }

func vacuum() error {
	_, err := db.ExecContext(context.Background(), "VACUUM")
	return err
}

type job struct{}

func (job) Run() error {
	_, err := db.ExecContext(context.Background(), "DELETE FROM t") // want `\(\*sql.DB\).ExecContext can block forever`
	return err
}

func main() {
	var c cli
	ctx := kong.Parse(&c)
	http.HandleFunc("/purge", func(w http.ResponseWriter, r *http.Request) { job{}.Run() })
	go http.ListenAndServe(":8080", nil)
	ctx.Run()
}
