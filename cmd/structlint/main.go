// Command structlint finds goroutines that escape structured
// concurrency: leaked, unjoined, or running without a deadline.
//
// Usage:
//
//	structlint [flags] packages...   # analyze packages, e.g. ./...
//	structlint help                  # list the checks
//	structlint help <check>          # a check's documentation and flags
//	go vet -vettool=$(which structlint) packages...
//	go fix -fixtool=$(which structlint) packages...
//
// Standalone, it prints each diagnostic to stderr as
// "file:line:col: message (check)", with file relative to the current
// directory; -json prints go vet's JSON instead. -fix applies the first
// suggested fix of each diagnostic, says how many it applied to how many
// files, analyzes the packages again (applying fixes that conflicted with
// others the first time), and prints the diagnostics that remain; when
// the fixes import the runtime into a module that does not require it, it
// says how to add it instead. -diff prints the fixes as a unified diff
// and writes nothing. -test=false leaves test files out. -NAME runs only
// the named checks, -NAME=false skips one, and -NAME.FLAG sets a check's
// flag.
//
// Exit status: 0 when there is nothing to report (after -fix: nothing
// remains), 3 when diagnostics were reported (or -diff printed a diff), 1
// on errors (a package that does not load or type-check, an analyzer that
// failed or panicked, a fix that could not be written, fixed code that
// needs the runtime its module does not require yet), 2 for a bad command
// line. With -json the status is 0 unless a package had errors, since
// analyzer failures are in the JSON.
//
// Invoked by go vet or go fix, it speaks their protocol instead
// (golang.org/x/tools/go/analysis/unitchecker).
package main

import (
	"github.com/structlint/structlint/analyzer"
	"github.com/structlint/structlint/internal/driver"
)

func main() { driver.Main(analyzer.Suite, analyzer.Docs) }
