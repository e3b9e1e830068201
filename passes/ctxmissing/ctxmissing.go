package ctxmissing

import (
	"golang.org/x/tools/go/analysis"

	"github.com/structlint/structlint/internal/checkdoc"
)

// Doc documents the check.
var Doc = &checkdoc.Check{Name: "ctxmissing", Title: "ctxmissing: TODO"}

// Analyzer reports TODO.
var Analyzer = &analysis.Analyzer{
	Name: "ctxmissing",
	Doc:  Doc.Doc(),
	URL:  "https://pkg.go.dev/github.com/structlint/structlint/passes/ctxmissing",
	Run:  run,
}

func run(pass *analysis.Pass) (any, error) { return nil, nil }
