package model

import (
	"go/token"
	"path/filepath"
	"regexp"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// Test code kept out of test files. Besides _test.go files and functions
// that take a *testing.T (InTest), a package can be test code by where it
// lies (a harness, an example) and a file by its name (a mock, a fake):
// the checks leave their findings there to their -tests flags, as they do
// for tests.

// IsTestCode reports whether pos, in pass's package, is in test code: a
// _test.go file, a mock or fake, or a package that is a test harness or an
// example.
func IsTestCode(pass *analysis.Pass, pos token.Pos) bool {
	path, filename := pass.Pkg.Path(), pass.Fset.Position(pos).Filename
	return strings.HasSuffix(filename, "_test.go") || IsMock(filename) || IsHarness(path) || IsExample(path)
}

// IsMock reports whether a file is a mock or a fake kept for tests
// (mock_server.go, rqlite_mock_server.go, fake.go): it talks to servers
// the tests start.
func IsMock(filename string) bool {
	return mockFile.MatchString(strings.ToLower(filepath.Base(filename)))
}

var mockFile = regexp.MustCompile(`(^|[_.-])(mock|fake)`)

// IsExample reports whether the package at path is example code: it lies
// under a directory named example or examples, whose code shows an API
// briefly (context.Background(), goroutines nobody stops).
func IsExample(path string) bool {
	for _, elem := range strings.Split(path, "/") {
		if elem == "example" || elem == "examples" {
			return true
		}
	}
	return false
}

// IsHarness reports whether the package at path is test code kept out of
// test files: it lies under a directory named test, tests, testing, e2e,
// endtoend, testutil, testhelpers or integration (flight_integration; not
// the integrations of a product with others), or a compound of test such
// as e2etest, integration_test or servertest (not latest or attest), or
// the test package of a package it lies in, as httptest is net/http's
// (deploy/deploytest, dgraph/v25/dgraphtest: the module's), whose
// localhost requests and fixtures a test bounds.
func IsHarness(path string) bool {
	elems := strings.Split(path, "/")
	for i, elem := range elems {
		for _, up := range elems[:i] {
			if len(up) > 2 && elem == up+"test" {
				return true // deploy/deploytest: package deploy's test package
			}
		}
		switch elem {
		case "test", "tests", "testing", "integration", "e2e", "endtoend":
			return true
		}
		if strings.HasSuffix(elem, "_integration") || strings.HasSuffix(elem, "-integration") {
			return true // flight_integration: an integration-test harness
		}
		if strings.HasPrefix(elem, "testutil") || strings.HasPrefix(elem, "testhelper") ||
			strings.HasPrefix(elem, "mock") || strings.HasPrefix(elem, "fake") {
			return true
		}
		if prefix, ok := strings.CutSuffix(elem, "test"); ok {
			prefix = strings.TrimRight(prefix, "_-")
			switch prefix {
			case "e2e", "integration", "http", "io", "fs", "net", "server", "grpc", "unit", "func",
				"functional", "system", "sys", "smoke", "load", "fuzz", "bench", "conformance", "acceptance", "api", "perf", "stress":
				return true
			}
			if prefix != strings.TrimSuffix(elem, "test") {
				return true // foo_test, foo-test
			}
		}
	}
	return false
}
