# structlint: targets beyond `go test ./...`.

# Where `make gopls` and `make golangci-lint` put the tools they build.
BIN ?= $(shell go env GOPATH)/bin

.PHONY: integration gopls golangci-lint

# The end-to-end tests of every driver (integration/): the structlint
# command, go vet and go fix, and a golangci-lint and a gopls built with
# structlint from the Go module proxy. Slow: they build both.
integration:
	go test -tags integration -count=1 -v -timeout 60m ./integration

# gopls with structlint's analyzers (gopls v0.24.0, built with Go 1.27.3).
gopls:
	bash integration/build-gopls.sh $(BIN)/gopls-structlint

# golangci-lint v2.15.0 with the structlint module plugin.
golangci-lint:
	bash integration/build-golangci-lint.sh $(BIN)/golangci-lint-structlint
