package model

import (
	"go/token"
	"go/types"
	"path/filepath"
	"regexp"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
)

// Test code kept out of test files. Besides _test.go files and functions
// that take a *testing.T (InTest), a package can be test code by where it
// lies (a harness, an example) and a file by its name (a mock, a fake):
// the checks leave their findings there to their -tests flags, as they do
// for tests.

// IsTestCode reports whether pos, in pass's package, is in test code: a
// _test.go file, a mock or fake, or a package that is a test harness (by
// where it lies, or by its API: see ServesTests) or an example.
func IsTestCode(pass *analysis.Pass, pos token.Pos) bool {
	path, filename := pass.Pkg.Path(), pass.Fset.Position(pos).Filename
	return strings.HasSuffix(filename, "_test.go") || IsMock(filename) || IsHarness(path) || IsExample(path) || ServesTests(pass)
}

// ServesTests reports whether pass's package is a test harness by its API:
// a function or method it exports outside its test files takes a
// *testing.T, *testing.B, *testing.F or a testing.TB, so tests are what
// call it (a cluster fixture, a test server). Its code runs under a test's
// deadline, as a test's own does.
func ServesTests(pass *analysis.Pass) bool {
	if v, ok := servesTests.Load(pass.Pkg); ok {
		return v.(bool)
	}
	v := exportsTestAPI(pass.Fset, pass.Pkg)
	servesTests.Store(pass.Pkg, v)
	return v
}

var servesTests sync.Map // *types.Package -> bool

func exportsTestAPI(fset *token.FileSet, pkg *types.Package) bool {
	api := func(fn *types.Func) bool {
		return fn.Exported() && takesTesting(fn) && !strings.HasSuffix(fset.Position(fn.Pos()).Filename, "_test.go")
	}
	scope := pkg.Scope()
	for _, name := range scope.Names() {
		switch obj := scope.Lookup(name).(type) {
		case *types.Func:
			if api(obj) {
				return true
			}
		case *types.TypeName:
			if !obj.Exported() {
				continue
			}
			if named, ok := types.Unalias(obj.Type()).(*types.Named); ok {
				for m := range named.Methods() {
					if api(m) {
						return true
					}
				}
			}
		}
	}
	return false
}

// takesTesting reports whether fn has a parameter of package testing's
// *T, *B, *F or TB.
func takesTesting(fn *types.Func) bool {
	for v := range fn.Signature().Params().Variables() {
		t := types.Unalias(v.Type())
		if p, ok := t.(*types.Pointer); ok {
			t = types.Unalias(p.Elem())
		}
		if n, ok := t.(*types.Named); ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "testing" {
			switch n.Obj().Name() {
			case "T", "B", "F", "TB":
				return true
			}
		}
	}
	return false
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
// the test package of the package it lies in, as httptest is net/http's
// (deploy/deploytest), whose localhost requests and fixtures a test
// bounds.
func IsHarness(path string) bool {
	elems := strings.Split(path, "/")
	for i, elem := range elems {
		if i > 0 && len(elems[i-1]) > 2 && elem == elems[i-1]+"test" {
			return true // deploy/deploytest: package deploy's test package
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
				"functional", "system", "smoke", "load", "fuzz", "bench", "conformance", "acceptance", "api", "perf", "stress":
				return true
			}
			if prefix != strings.TrimSuffix(elem, "test") {
				return true // foo_test, foo-test
			}
		}
	}
	return false
}
