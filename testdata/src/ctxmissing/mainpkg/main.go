// Command mainpkg pins what a program's own sequence is: main and what it
// calls are bounded by whoever runs the program; the handlers it
// registers are not.
package main

import (
	"context"
	"database/sql"
	"net/http"
	"sync"
)

func main() {
	db, _ := sql.Open("driver", "dsn")
	db.PingContext(context.Background())
	migrate(db)
	var wg sync.WaitGroup
	wg.Go(func() {
		db.ExecContext(context.Background(), "VACUUM")
	})
	wg.Wait()
	http.HandleFunc("/ping", func(w http.ResponseWriter, r *http.Request) {
		db.PingContext(context.Background()) // want `\(\*sql.DB\).PingContext can block forever`
	})
	s := &server{db}
	http.HandleFunc("/count", s.count)
	http.ListenAndServe(":8080", nil)
}

func migrate(db *sql.DB) {
	db.ExecContext(context.Background(), "CREATE TABLE t (x int)")
}

type server struct{ db *sql.DB }

func (s *server) count(w http.ResponseWriter, r *http.Request) {
	s.db.QueryRowContext(context.Background(), "SELECT count(*) FROM t") // want `\(\*sql.DB\).QueryRowContext can block forever`
}
