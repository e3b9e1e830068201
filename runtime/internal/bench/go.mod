module github.com/structlint/structlint/runtime/internal/bench

go 1.26.0

require (
	github.com/structlint/structlint/runtime v0.0.0
	golang.org/x/sync v0.23.0
)

replace github.com/structlint/structlint/runtime => ../..
