package main

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/chorus-dev/chorus/content"
)

// report is the outcome of one check run, ready to be written in any of
// the output formats.
type report struct {
	// findings are the findings to report, sorted with content.SortFindings.
	findings []content.Finding
	// files are the files the run checked, '/'-separated and relative to
	// the workspace, sorted.
	files []string
	// failOn is the least severe finding that fails the run.
	failOn content.Severity
	// baselined counts the findings left out because the baseline lists them.
	baselined int
	// prefix is the workspace folder as seen from the repository root
	// ("site/" for `chorus check site`, "" for the root). The formats that
	// CI resolves against the repository root (github, sarif) put it in
	// front of every path; the others keep paths relative to the workspace.
	prefix string
	// lineText returns the text of a line of a workspace file, or "" when
	// the file or line does not exist. It feeds fingerprints; nil means no
	// file text is at hand.
	lineText func(file string, line int) string
}

// format is one output format of `chorus check`.
type format struct {
	name  string
	write func(w io.Writer, r *report) error
}

// formats is the one table of output formats; --format takes these names.
var formats = []format{
	{"text", writeText},
	{"json", writeJSON},
	{"sarif", writeSARIF},
	{"github", writeGitHub},
	{"junit", writeJUnit},
}

// lookupFormat finds a format by name. An unknown name gets an error that
// lists the known ones.
func lookupFormat(name string) (format, error) {
	for _, f := range formats {
		if f.name == name {
			return f, nil
		}
	}
	return format{}, fmt.Errorf("unknown format %q (known: %s)", name, strings.Join(formatNames(), ", "))
}

// formatNames lists the format names, sorted.
func formatNames() []string {
	names := make([]string, len(formats))
	for i, f := range formats {
		names[i] = f.name
	}
	sort.Strings(names)
	return names
}

// failing reports whether f is at or above the run's threshold.
func (r *report) failing(f content.Finding) bool { return f.Severity.AtLeast(r.failOn) }

// failed reports whether any finding is at or above the threshold.
func (r *report) failed() bool {
	for _, f := range r.findings {
		if r.failing(f) {
			return true
		}
	}
	return false
}

// summary is the one-line tally printed after the findings:
// "3 errors, 1 warning, 0 suggestions in 27 files".
func (r *report) summary() string {
	e, w, s := content.Count(r.findings)
	line := fmt.Sprintf("%s, %s, %s in %s", plural(e, "error"), plural(w, "warning"), plural(s, "suggestion"), plural(len(r.files), "file"))
	if r.baselined > 0 {
		line += fmt.Sprintf(" (%s hidden by the baseline)", plural(r.baselined, "known finding"))
	}
	return line
}

// plural writes n with word, adding an s unless n is 1.
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// line returns the text of the finding's line, or "".
func (r *report) line(f content.Finding) string { return textOf(r.lineText, f) }

// writeText writes one finding per line in the text contract:
// file:line:col: severity rule-id: message. Line breaks and other control
// characters in a message are written as escapes so that every finding
// stays on one line.
func writeText(w io.Writer, r *report) error {
	var b []byte
	for _, f := range r.findings {
		b, _ = f.Pos.AppendText(b)
		b = append(append(b, ": "...), f.Severity.String()...)
		b = append(append(append(b, ' '), f.Rule...), ": "...)
		b = append(appendOneLine(b, f.Message), '\n')
		if len(b) >= 64<<10 {
			if _, err := w.Write(b); err != nil {
				return err
			}
			b = b[:0]
		}
	}
	_, err := w.Write(b)
	return err
}

// oneLine escapes control characters (other than tab) so s fits on one
// line: a newline becomes the two characters \n.
func oneLine(s string) string {
	if !strings.ContainsFunc(s, isControl) {
		return s
	}
	return string(appendOneLine(nil, s))
}

// appendOneLine appends s to b escaped as oneLine does.
func appendOneLine(b []byte, s string) []byte {
	if !strings.ContainsFunc(s, isControl) {
		return append(b, s...)
	}
	for _, c := range s {
		switch {
		case c == '\n':
			b = append(b, `\n`...)
		case c == '\r':
			b = append(b, `\r`...)
		case isControl(c):
			b = fmt.Appendf(b, `\u%04x`, c)
		default:
			b = utf8.AppendRune(b, c)
		}
	}
	return b
}

func isControl(c rune) bool { return c != '\t' && (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) }

// jsonReport is the JSON contract of `chorus check --format json`.
type jsonReport struct {
	Findings []content.Finding `json:"findings"`
	Summary  jsonSummary       `json:"summary"`
}

// jsonSummary tallies the reported findings and the files checked.
type jsonSummary struct {
	Errors      int `json:"errors"`
	Warnings    int `json:"warnings"`
	Suggestions int `json:"suggestions"`
	Files       int `json:"files"`
	Baselined   int `json:"baselined,omitempty"`
}

// writeJSON writes the findings and a summary as one indented JSON object.
func writeJSON(w io.Writer, r *report) error {
	out := jsonReport{Findings: r.findings, Summary: jsonSummary{Files: len(r.files), Baselined: r.baselined}}
	if out.Findings == nil {
		out.Findings = []content.Finding{}
	}
	out.Summary.Errors, out.Summary.Warnings, out.Summary.Suggestions = content.Count(r.findings)
	return encodeJSON(w, out)
}

// encodeJSON writes v indented by two spaces, without escaping <, > and &
// beyond what the values' own marshalers do.
func encodeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
