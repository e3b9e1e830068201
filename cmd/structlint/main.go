// Command structlint TODO.
package main

import (
	"golang.org/x/tools/go/analysis/multichecker"

	"github.com/structlint/structlint/analyzer"
)

func main() { multichecker.Main(analyzer.Suite...) }
