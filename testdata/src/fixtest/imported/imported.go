// Package imported imports the packages suggested fixes may add imports
// of. fixtest.Apply loads it with the fixtures, so that a fixed file
// type-checks against the same packages as the rest of its package.
package imported

import (
	_ "context"
	_ "net/http"
	_ "strings"
	_ "sync"
	_ "time"

	_ "github.com/structlint/structlint/runtime/task"
)
