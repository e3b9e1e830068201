// The module of the tests that run fixed code (fixtest.Run): each package
// holds code a check reports, its golden file what the fixes make of it,
// and a test that runs both under testing/synctest with -race.
module structlint.test/run

go 1.26.0

require (
	github.com/structlint/structlint/runtime v0.0.0
	golang.org/x/sync v0.23.0
)

replace github.com/structlint/structlint/runtime => ../../runtime
