package a

import (
	"context"
	"database/sql"
	"testing"

	itesting "github.com/mitchellh/go-testing-interface"
)

// A test helper outside a test file is test code.
func pingForTest(t *testing.T, db *sql.DB) {
	if err := db.PingContext(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// So is one that takes a test's handle through an interface of its
// methods, from another package named testing.
func pingForIfaceTest(t itesting.T, db *sql.DB) {
	if err := db.PingContext(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// The twin takes another interface of the same methods: it is no test.
type fataler interface {
	Fatal(args ...any)
	Helper()
}

func pingOrDie(f fataler, db *sql.DB) {
	if err := db.PingContext(context.Background()); err != nil { // want `\(\*sql\.DB\)\.PingContext can block forever`
		f.Fatal(err)
	}
}
