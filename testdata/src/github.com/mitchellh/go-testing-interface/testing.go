// Package testing stands in for github.com/mitchellh/go-testing-interface:
// an interface of *testing.T's methods, so that helpers kept in non-test
// files (testing.go) can be given a test's handle without importing the
// standard testing package.
package testing

type T interface {
	Fatal(args ...any)
	Helper()
}
