package content

import (
	"encoding/json"
	"fmt"
	"sort"
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
	switch {
	case p.File == "":
		return fmt.Sprintf("%d:%d", p.Line, p.Column)
	case !p.IsValid():
		return p.File
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Column)
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
}

// String formats the finding in the text contract:
// file:line:col: severity rule-id: message.
func (f Finding) String() string {
	return fmt.Sprintf("%s: %s %s: %s", f.Pos, f.Severity, f.Rule, f.Message)
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
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.Pos.File != b.Pos.File {
			return a.Pos.File < b.Pos.File
		}
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line < b.Pos.Line
		}
		if a.Pos.Column != b.Pos.Column {
			return a.Pos.Column < b.Pos.Column
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		if a.Channel != b.Channel {
			return a.Channel < b.Channel
		}
		return a.Message < b.Message
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
