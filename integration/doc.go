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
// kept between runs: golangci-lint and gopls already there are not built
// again (delete them after changing the analyzers; structlint is always
// rebuilt). Without it the tools are built in a temporary directory.
//
// The expected output is in testdata/: findings.txt, every finding as
// "file:line:col: check: message"; quickfixes.txt, the title of each
// finding's first fix; fix.diff, the fixes as a diff; and fixed/, the
// fixture's files once fixed. Every driver is held to the same files.
// When a check's messages or fixes change on purpose, regenerate them from
// the structlint command and review the diff:
//
//	go test -tags integration ./integration -run Standalone -update
package integration
