// Package analyzer is the structlint suite: every analyzer with its
// documentation. The structlint command, the golangci-lint plugin and a
// gopls build all import it, so a check added here reaches every driver.
package analyzer

import (
	"golang.org/x/tools/go/analysis"

	"github.com/structlint/structlint/internal/checkdoc"
	"github.com/structlint/structlint/passes/ctxmissing"
	"github.com/structlint/structlint/passes/leakedgo"
	"github.com/structlint/structlint/passes/unjoined"
)

// Suite lists structlint's analyzers, in the order their docs are printed.
var Suite = []*analysis.Analyzer{
	leakedgo.Analyzer,
	unjoined.Analyzer,
	ctxmissing.Analyzer,
}

// Docs maps each analyzer in Suite to its structured documentation.
var Docs = map[*analysis.Analyzer]*checkdoc.Check{
	leakedgo.Analyzer:   leakedgo.Doc,
	unjoined.Analyzer:   unjoined.Doc,
	ctxmissing.Analyzer: ctxmissing.Doc,
}
