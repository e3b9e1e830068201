// Package checkdoc holds each check's documentation as data, so that the
// same text serves the analyzer's Doc, `structlint help <check>`, and the
// README's section on the check, which is generated from it. It is
// staticcheck's lint.Documentation, cut down to what structlint needs.
//
// The examples are tested (see analyzer's TestExamples): each runs as a
// fixture, and the finding and the fixed code must be what they show.
package checkdoc

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

// A Check documents one analyzer.
type Check struct {
	Name  string // analyzer name, e.g. "leakedgo"
	Title string // one line: the name, then what it catches
	// Summary is what the README says of the check before its example,
	// in Markdown: what it reports, in a paragraph or two.
	Summary  string
	Text     string // what it reports, in full, for help
	Why      string // why it matters
	Examples []Example
	Options  []Option
}

// An Example is code a check reports, and what its fixes make of it.
type Example struct {
	// Before is the code reported. The line reported ends with a comment
	// that is the finding's message as structlint prints it, but for its
	// line numbers, which count from Before's first line; no other line
	// ends with a comment.
	Before string
	// Fixes are what the finding's suggested fixes make of Before, in the
	// order they are offered.
	Fixes []Fix
}

// A Fix shows what one suggested fix does.
type Fix struct {
	Intro string // the sentence that introduces it, in Markdown, ending with a colon
	After string // lines of the fixed code, as indented there
}

// An Option documents one analyzer flag. The flag itself is declared on the
// analyzer's FlagSet; the driver prefixes it with the analyzer name
// (e.g. -leakedgo.strict).
type Option struct {
	Name    string
	Default string
	Usage   string
}

// Doc renders the check as the text of analysis.Analyzer.Doc and of
// `structlint help <check>`: the title on the first line (shown in short
// listings), then the body.
func (c *Check) Doc() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n\n%s\n", c.Title, strings.TrimSpace(c.Text))
	if c.Why != "" {
		fmt.Fprintf(&b, "\nWhy it matters: %s\n", strings.TrimSpace(c.Why))
	}
	for _, ex := range c.Examples {
		fmt.Fprintf(&b, "\nReported:\n\n%s\n", indent(ex.Before))
		for _, f := range ex.Fixes {
			fmt.Fprintf(&b, "\n%s\n\n%s\n", wrap(plain(f.Intro)), indent(f.After))
		}
	}
	if len(c.Options) > 0 {
		b.WriteString("\nOptions:\n\n")
		for _, o := range c.Options {
			fmt.Fprintf(&b, "\t-%s.%s (default %s)\n\t\t%s\n", c.Name, o.Name, o.Default, o.Usage)
		}
	}
	return b.String()
}

// Markdown renders the check's section of the README, its prose wrapped
// at 76 columns.
func (c *Check) Markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "### %s\n\n%s\n", c.Title, wrap(c.Summary))
	for _, ex := range c.Examples {
		fmt.Fprintf(&b, "\n```go\n%s\n```\n", strings.Trim(ex.Before, "\n"))
		for _, f := range ex.Fixes {
			fmt.Fprintf(&b, "\n%s\n\n```go\n%s\n```\n", wrap(f.Intro), strings.Trim(f.After, "\n"))
		}
	}
	return b.String()
}

// wrap fills the paragraphs of Markdown text md to 76 columns, breaking
// lines only at spaces outside `code`.
func wrap(md string) string {
	var paras []string
	for _, para := range strings.Split(strings.TrimSpace(md), "\n\n") {
		var words []string
		code := false
		start := 0
		for i, r := range para {
			switch {
			case r == '`':
				code = !code
			case (r == ' ' || r == '\n') && !code:
				words = append(words, para[start:i])
				start = i + 1
			}
		}
		words = append(words, para[start:])
		var lines []string
		line := ""
		for _, w := range words {
			switch {
			case w == "":
			case line == "":
				line = w
			case utf8.RuneCountInString(line)+1+utf8.RuneCountInString(w) > 76:
				lines = append(lines, line)
				line = w
			default:
				line += " " + w
			}
		}
		paras = append(paras, strings.Join(append(lines, line), "\n"))
	}
	return strings.Join(paras, "\n\n")
}

// Finding returns the line of Before that is reported, counting from 1,
// its code without the comment, and the message the comment holds.
func (e *Example) Finding() (line int, code, message string, err error) {
	for i, l := range strings.Split(strings.Trim(e.Before, "\n"), "\n") {
		c, msg, ok := strings.Cut(l, " // ")
		if !ok {
			continue
		}
		if line > 0 {
			return 0, "", "", fmt.Errorf("lines %d and %d end with a comment: which is the finding?", line, i+1)
		}
		line, code, message = i+1, c, msg
	}
	if line == 0 {
		return 0, "", "", fmt.Errorf("no line ends with the finding's message as a comment")
	}
	return line, code, message, nil
}

var backquoted = regexp.MustCompile("`([^`]*)`")

// plain turns Markdown into plain text: `code` loses its backquotes.
func plain(md string) string {
	return backquoted.ReplaceAllString(strings.TrimSpace(md), "$1")
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
