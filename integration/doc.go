// Package integration runs every structlint driver for real on the module
// in fixture/: the structlint command, go vet -vettool, go fix -fixtool, a
// golangci-lint built with the structlint module plugin, and a gopls built
// with structlint's analyzers. It is slow (it builds golangci-lint and
// gopls from the module proxy) and runs only with the integration tag:
//
//	make integration
//	go test -tags integration -count=1 -v -timeout 60m ./integration
//
// STRUCTLINT_INTEGRATION_BIN names a directory for the built tools that is
// kept between runs: a tool already there is not built again (delete it
// after changing the analyzers). Without it the tools are built in a
// temporary directory.
//
// The expected output is in testdata/: findings.txt, every finding as
// "file:line:col: check: message"; fix.diff, the fixes as a diff; and
// fixed/, the fixture's files once fixed.
package integration
