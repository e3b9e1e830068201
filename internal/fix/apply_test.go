package fix

import "testing"

// TestTidy checks that Tidy drops the imports fixes left unused, and only
// those.
func TestTidy(t *testing.T) {
	const old = `package p

import (
	"strings"
	"sync"

	"golang.org/x/sync/errgroup"
	yaml "gopkg.in/yaml.v3"
)

var wg1, wg2 sync.WaitGroup

var _ = strings.ToUpper("a") + strings.ToLower("b")

var _, _ = yaml.Marshal, errgroup.WithContext
`
	const fixed = `package p

import (
	"strings"
	"sync"

	"golang.org/x/sync/errgroup"
	yaml "gopkg.in/yaml.v3"
)

var g1, g2 = 1, 2

var _ = strings.ToUpper("a")   + "b"

var _, _ = yaml.Marshal, errgroup.WithContext
`
	const want = `package p

import (
	"strings"

	"golang.org/x/sync/errgroup"
	yaml "gopkg.in/yaml.v3"
)

var g1, g2 = 1, 2

var _ = strings.ToUpper("a") + "b"

var _, _ = yaml.Marshal, errgroup.WithContext
`
	got, err := Tidy([]byte(old), []byte(fixed))
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}
