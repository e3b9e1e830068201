module github.com/structlint/structlint/runtime/internal/bench

go 1.26.0

require (
	github.com/structlint/structlint/runtime v0.0.0
	golang.org/x/sync v0.23.0
)

require (
	github.com/sourcegraph/conc v0.3.0
	go.uber.org/atomic v1.7.0 // indirect
	go.uber.org/multierr v1.9.0 // indirect
)

replace github.com/structlint/structlint/runtime => ../..
