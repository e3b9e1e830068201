package ctxmissing_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/structlint/structlint/internal/fixtest"
	"github.com/structlint/structlint/internal/model"
	"github.com/structlint/structlint/passes/ctxmissing"
)

func Test(t *testing.T) {
	pkgs := []string{"ctxmissing/a", "ctxmissing/b", "ctxmissing/lattice", "ctxmissing/web", "ctxmissing/run",
		"ctxmissing/tlsdial", "ctxmissing/rpc", "ctxmissing/scope", "ctxmissing/fanout", "ctxmissing/mainpkg", "ctxmissing/cmdtable", "ctxmissing/command", "ctxmissing/kongcli", "ctxmissing/subcmd",
		"ctxmissing/webinit", "ctxmissing/twin", "ctxmissing/poller", "ctxmissing/examples/std", "ctxmissing/clash",
		"ctxmissing/clients", "ctxmissing/dropped", "ctxmissing/mail", "ctxmissing/internal/testutil", "ctxmissing/stopped",
		"ctxmissing/hooks", "ctxmissing/drivers/local", "ctxmissing/drivers/own", "ctxmissing/drivers/mixed", "ctxmissing/drivers/ownwire",
		"ctxmissing/wrapped/service", "ctxmissing/wrapped/plain", "ctxmissing/intercept/service", "ctxmissing/intercept/plain",
		"ctxmissing/store/v2/storetest", "ctxmissing/store/v2/client"}
	fixtest.Update(t, fixtest.Dir(), ctxmissing.Analyzer, pkgs...)
	analysistest.RunWithSuggestedFixes(t, fixtest.Dir(), ctxmissing.Analyzer, pkgs...)
}

// TestFlags checks main, test files and example packages with
// -ctxmissing.main and -ctxmissing.tests. It sets the flags for the
// package, so it does not run in parallel with Test.
func TestFlags(t *testing.T) {
	for _, flag := range []string{"main", "tests"} {
		if err := ctxmissing.Analyzer.Flags.Set(flag, "true"); err != nil {
			t.Fatal(err)
		}
		defer ctxmissing.Analyzer.Flags.Set(flag, "false")
	}
	analysistest.Run(t, fixtest.Dir(), ctxmissing.Analyzer, "ctxmissing/flags", "ctxmissing/flags/examples")
}

// TestFacts pins the facts that carry contexts across packages: request
// and command parameters and results, and the methods of a generated
// client's interface.
func TestFacts(t *testing.T) {
	t.Parallel()
	analysistest.Run(t, fixtest.Dir(), model.Analyzer, "ctxmissing/facts",
		"ctxmissing/drivers/embedded", "ctxmissing/drivers/bare", "ctxmissing/drivers/wire",
		"ctxmissing/wrapped/client", "ctxmissing/wrapped/plainwiring")
}

func TestFixesTypeCheck(t *testing.T) {
	t.Parallel()
	fixtest.Apply(t, fixtest.Dir(), ctxmissing.Analyzer, "ctxmissing/...")
}

// TestRelated pins the places a finding refers to, which editors show as
// links: where the context and the client are made, and the blocking call
// a helper reaches.
func TestRelated(t *testing.T) {
	t.Parallel()
	results := analysistest.Run(t, fixtest.Dir(), ctxmissing.Analyzer, "ctxmissing/clients")
	for _, r := range results {
		for _, d := range r.Diagnostics {
			if !strings.HasPrefix(d.Message, "clients.download can block forever") || r.Pass.Fset.Position(d.Pos).Line != 30 {
				continue
			}
			var got []string
			for _, rel := range d.Related {
				got = append(got, fmt.Sprintf("%d: %s", r.Pass.Fset.Position(rel.Pos).Line, rel.Message))
			}
			want := []string{"16: made here without a context", "20: (*http.Client).Do is called here", "29: made here, without a Timeout"}
			if !slices.Equal(got, want) {
				t.Errorf("related information of %q:\n got %q\nwant %q", d.Message, got, want)
			}
			return
		}
	}
	t.Error("no finding at clients.go:30")
}
