// Package golangci is structlint's golangci-lint v2 module plugin.
//
// Importing it registers the plugin "structlint" with
// github.com/golangci/plugin-module-register. Build a golangci-lint that
// includes it with `golangci-lint custom` and a .custom-gcl.yml:
//
//	version: v2.15.0
//	plugins:
//	  - module: github.com/structlint/structlint
//	    import: github.com/structlint/structlint/plugin/golangci
//	    path: /path/to/structlint # or: version: <a released version>
//
// and enable it in .golangci.yml:
//
//	linters:
//	  enable: [structlint]
//	  settings:
//	    custom:
//	      structlint:
//	        type: module
//	        settings:
//	          checks:
//	            leakedgo: {strict: true}
//	            unjoined: false
//	            ctxmissing: {timeout: 10s, main: true}
//
// Every check runs unless its entry is false or has enabled: false; the
// other keys of an entry are the check's flags, as the structlint command
// takes them (-leakedgo.strict, -ctxmissing.timeout: `structlint help
// <check>` lists them). A flag left out has its default. A setting that
// names no check or no flag is an error, so a typo is not silently
// ignored.
package golangci

import (
	"flag"
	"fmt"
	"sort"
	"strings"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/structlint/structlint/analyzer"
)

// Name is the plugin's name: the key of its entry under
// linters.settings.custom, and the linter golangci-lint reports findings
// under.
const Name = "structlint"

func init() {
	register.Plugin(Name, New)
}

// Settings is the plugin's configuration, the settings key of its entry
// in .golangci.yml.
type Settings struct {
	// Checks configures each check by name. A check left out runs with
	// its defaults. The value is false to disable the check, true to
	// enable it with its defaults, or a map of its flags, with the extra
	// key "enabled".
	Checks map[string]any `json:"checks"`
}

// A plugin is structlint configured by one Settings.
type plugin struct {
	analyzers []*analysis.Analyzer
}

// New returns the plugin configured by conf, the raw settings that
// golangci-lint read from its configuration. It sets the analyzers' flags:
// a flag that the settings leave out is reset to its default.
func New(conf any) (register.LinterPlugin, error) {
	s, err := register.DecodeSettings[Settings](conf)
	if err != nil {
		return nil, fmt.Errorf("%s: settings: %v (the only setting is %q, a map from check name to its options)", Name, err, "checks")
	}
	analyzers, err := configure(s)
	if err != nil {
		return nil, fmt.Errorf("%s: settings: %v", Name, err)
	}
	return &plugin{analyzers: analyzers}, nil
}

// configure sets the flags of every analyzer in the suite from s and
// returns the analyzers that s leaves enabled.
func configure(s Settings) ([]*analysis.Analyzer, error) {
	byName := make(map[string]*analysis.Analyzer)
	for _, a := range analyzer.Suite {
		byName[a.Name] = a
	}
	for name := range s.Checks {
		if byName[name] == nil {
			return nil, fmt.Errorf("checks: unknown check %q (the checks are %s)", name, strings.Join(checkNames(), ", "))
		}
	}

	var enabled []*analysis.Analyzer
	for _, a := range analyzer.Suite {
		on, opts, err := checkSettings(a.Name, s.Checks[a.Name])
		if err != nil {
			return nil, err
		}
		for key := range opts {
			if a.Flags.Lookup(key) == nil {
				return nil, fmt.Errorf("checks.%s: unknown option %q (%s)", a.Name, key, optionList(a))
			}
		}
		var setErr error
		a.Flags.VisitAll(func(f *flag.Flag) {
			value := f.DefValue
			if v, ok := opts[f.Name]; ok {
				value = fmt.Sprint(v)
			}
			if err := a.Flags.Set(f.Name, value); err != nil && setErr == nil {
				setErr = fmt.Errorf("checks.%s.%s: invalid value %q: %v", a.Name, f.Name, value, err)
			}
		})
		if setErr != nil {
			return nil, setErr
		}
		if on {
			enabled = append(enabled, a)
		}
	}
	if len(enabled) == 0 {
		return nil, fmt.Errorf("checks: every check is disabled (to run none, disable the %s linter instead)", Name)
	}
	return enabled, nil
}

// checkSettings interprets the settings value of one check: nil (left
// out), a bool, or a map of options with an optional "enabled".
func checkSettings(name string, v any) (enabled bool, opts map[string]any, err error) {
	switch v := v.(type) {
	case nil:
		return true, nil, nil
	case bool:
		return v, nil, nil
	case map[string]any:
		opts = make(map[string]any, len(v))
		enabled = true
		for key, value := range v {
			if key != "enabled" {
				opts[key] = value
				continue
			}
			b, ok := value.(bool)
			if !ok {
				return false, nil, fmt.Errorf("checks.%s.enabled: want true or false, not %v", name, value)
			}
			enabled = b
		}
		return enabled, opts, nil
	default:
		return false, nil, fmt.Errorf("checks.%s: want true, false or a map of options, not %v", name, v)
	}
}

func checkNames() []string {
	var names []string
	for _, a := range analyzer.Suite {
		names = append(names, a.Name)
	}
	return names
}

// optionList describes the options a check takes, for an error message.
func optionList(a *analysis.Analyzer) string {
	opts := []string{"enabled"}
	a.Flags.VisitAll(func(f *flag.Flag) { opts = append(opts, f.Name) })
	sort.Strings(opts[1:])
	return "its options are " + strings.Join(opts, ", ")
}

// BuildAnalyzers returns the enabled analyzers. golangci-lint runs the
// analyzers they require (structlint's model, buildssa) too.
//
// Each reports only the first of a diagnostic's suggested fixes:
// golangci-lint's --fix applies every fix a diagnostic offers, while
// structlint's are alternatives (defer wg.Done(), or rewrite the fan-out
// onto task.Group), and the first is the one go fix and gopls apply. And
// none reports related information: golangci-lint turns each related
// position into an issue of its own, which no fix removes; the places
// stay named in the message.
func (p *plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	as := make([]*analysis.Analyzer, len(p.analyzers))
	for i, a := range p.analyzers {
		as[i] = forGolangci(a)
	}
	return as, nil
}

// forGolangci returns a copy of a whose diagnostics keep only their first
// suggested fix and no related information.
func forGolangci(a *analysis.Analyzer) *analysis.Analyzer {
	b := *a
	b.Run = func(pass *analysis.Pass) (any, error) {
		report := pass.Report
		pass.Report = func(d analysis.Diagnostic) {
			d.SuggestedFixes = d.SuggestedFixes[:min(len(d.SuggestedFixes), 1)]
			d.Related = nil
			report(d)
		}
		return a.Run(pass)
	}
	return &b
}

// GetLoadMode asks for type information: the analyzers build SSA and
// exchange facts across packages.
func (p *plugin) GetLoadMode() string {
	return register.LoadModeTypesInfo
}
