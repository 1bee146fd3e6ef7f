package content

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Severity ranks a finding. The zero value is Error, the most severe, so a
// finding built without thought is never silently downgraded.
type Severity int

// Severities, most severe first.
const (
	Error Severity = iota
	Warning
	Suggestion
)

var severityNames = [...]string{Error: "error", Warning: "warning", Suggestion: "suggestion"}

// String returns the lowercase name used in every output format.
func (s Severity) String() string {
	if s < 0 || int(s) >= len(severityNames) {
		return fmt.Sprintf("severity(%d)", int(s))
	}
	return severityNames[s]
}

// ParseSeverity turns "error", "warning" or "suggestion" into a Severity.
func ParseSeverity(s string) (Severity, error) {
	for i, n := range severityNames {
		if n == s {
			return Severity(i), nil
		}
	}
	return Error, fmt.Errorf("unknown severity %q (known: %s)", s, strings.Join(severityNames[:], ", "))
}

// AtLeast reports whether s is as severe as t or more.
func (s Severity) AtLeast(t Severity) bool { return s <= t }

// MarshalText implements encoding.TextMarshaler.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// Position is a place in a workspace file. Line and Column are 1-based;
// Column counts Unicode characters (code points), not bytes. Offset is the
// byte offset in the file, or -1 when the place has no exact byte.
type Position struct {
	File   string
	Line   int
	Column int
	Offset int
}

// IsValid reports whether the position names a line.
func (p Position) IsValid() bool { return p.Line > 0 }

// String formats the position as file:line:col, the form editors jump to.
func (p Position) String() string {
	return string(p.appendTo(make([]byte, 0, len(p.File)+12)))
}

// AppendText implements encoding.TextAppender: it appends the String
// form to b, for reports that format tens of thousands of positions.
func (p Position) AppendText(b []byte) ([]byte, error) { return p.appendTo(b), nil }

// appendTo appends the String form without fmt: a large workspace formats
// tens of thousands of positions for every snapshot.
func (p Position) appendTo(b []byte) []byte {
	switch {
	case p.File == "":
		return strconv.AppendInt(append(strconv.AppendInt(b, int64(p.Line), 10), ':'), int64(p.Column), 10)
	case !p.IsValid():
		return append(b, p.File...)
	}
	b = append(append(b, p.File...), ':')
	return strconv.AppendInt(append(strconv.AppendInt(b, int64(p.Line), 10), ':'), int64(p.Column), 10)
}

// Fix is a safe, mechanical repair: replace the bytes [Offset, End) of the
// finding's file with Replace.
type Fix struct {
	Offset  int
	End     int
	Replace string
}

// Finding is one problem found in a workspace: a schema error, a style rule
// hit, a channel limit overrun or a fact that disagrees with its source.
type Finding struct {
	Pos      Position
	Severity Severity
	Rule     string // stable, dotted, lowercase: "terms.email", "limits.x.length"
	Message  string
	Channel  string // set for variant-level findings
	Item     string // the item id, when the finding belongs to one
	Fix      *Fix
	// Excerpt is the text the finding is about as it stands in the text
	// that was checked (a banned phrase, a misspelt name, a wrong price),
	// for pointing at it; empty when the finding is about no particular
	// words. It is not part of the output contract.
	Excerpt string
}

// String formats the finding in the text contract:
// file:line:col: severity rule-id: message.
func (f Finding) String() string {
	b := make([]byte, 0, len(f.Pos.File)+len(f.Rule)+len(f.Message)+32)
	b = append(f.Pos.appendTo(b), ": "...)
	b = append(append(b, f.Severity.String()...), ' ')
	b = append(append(b, f.Rule...), ": "...)
	return string(append(b, f.Message...))
}

// findingJSON is the JSON contract for a finding.
type findingJSON struct {
	File     string   `json:"file"`
	Line     int      `json:"line"`
	Column   int      `json:"column"`
	Severity Severity `json:"severity"`
	Rule     string   `json:"rule"`
	Message  string   `json:"message"`
	Channel  string   `json:"channel,omitempty"`
	Item     string   `json:"item,omitempty"`
	Fix      string   `json:"fix,omitempty"`
}

// MarshalJSON writes the documented JSON fields; fix is the replacement text.
func (f Finding) MarshalJSON() ([]byte, error) {
	j := findingJSON{
		File: f.Pos.File, Line: f.Pos.Line, Column: f.Pos.Column,
		Severity: f.Severity, Rule: f.Rule, Message: f.Message,
		Channel: f.Channel, Item: f.Item,
	}
	if f.Fix != nil {
		j.Fix = f.Fix.Replace
	}
	return json.Marshal(j)
}

// SortFindings orders findings by file, line, column, rule and message so
// that every run reports them in the same order.
func SortFindings(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		if c := strings.Compare(a.Pos.File, b.Pos.File); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Pos.Line, b.Pos.Line); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Pos.Column, b.Pos.Column); c != 0 {
			return c
		}
		if c := strings.Compare(a.Rule, b.Rule); c != 0 {
			return c
		}
		if c := strings.Compare(a.Channel, b.Channel); c != 0 {
			return c
		}
		return strings.Compare(a.Message, b.Message)
	})
}

// Count tallies findings by severity.
func Count(fs []Finding) (errors, warnings, suggestions int) {
	for _, f := range fs {
		switch f.Severity {
		case Error:
			errors++
		case Warning:
			warnings++
		default:
			suggestions++
		}
	}
	return
}
