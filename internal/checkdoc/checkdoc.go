// Package checkdoc holds each check's documentation as data, so that the
// same text serves the analyzer's Doc, `structlint help <check>`, and the
// README. It is staticcheck's lint.Documentation, cut down to what
// structlint needs.
package checkdoc

import (
	"fmt"
	"strings"
)

// A Check documents one analyzer.
type Check struct {
	Name    string // analyzer name, e.g. "leakedgo"
	Title   string // one line: what it catches
	Text    string // what it reports, in a few paragraphs
	Why     string // why it matters
	Before  string // code that is reported
	After   string // the same code once the suggested fix is applied
	Options []Option
}

// An Option documents one analyzer flag. The flag itself is declared on the
// analyzer's FlagSet; the driver prefixes it with the analyzer name
// (e.g. -leakedgo.strict).
type Option struct {
	Name    string
	Default string
	Usage   string
}

// Doc renders the check as the text of analysis.Analyzer.Doc: the title on
// the first line (shown in short listings), then the body.
func (c *Check) Doc() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n\n%s\n", c.Title, strings.TrimSpace(c.Text))
	if c.Why != "" {
		fmt.Fprintf(&b, "\nWhy it matters: %s\n", strings.TrimSpace(c.Why))
	}
	if c.Before != "" {
		fmt.Fprintf(&b, "\nReported:\n\n%s\n", indent(c.Before))
	}
	if c.After != "" {
		fmt.Fprintf(&b, "\nAfter the suggested fix:\n\n%s\n", indent(c.After))
	}
	if len(c.Options) > 0 {
		b.WriteString("\nOptions:\n\n")
		for _, o := range c.Options {
			fmt.Fprintf(&b, "\t-%s.%s (default %s)\n\t\t%s\n", c.Name, o.Name, o.Default, o.Usage)
		}
	}
	return b.String()
}

func indent(code string) string {
	lines := strings.Split(strings.Trim(code, "\n"), "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = "\t" + l
		}
	}
	return strings.Join(lines, "\n")
}
