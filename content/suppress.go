package content

import (
	"regexp"
	"strings"
)

// switchComment matches an inline switch: <!-- chorus-disable ids -->,
// <!-- chorus-enable ids --> or <!-- chorus-disable-next-line ids -->.
var switchComment = regexp.MustCompile(`<!--\s*chorus-(disable-next-line|disable|enable)((?:\s+[A-Za-z0-9_.\-]+)*)\s*-->`)

// inlineSwitch is one switch comment, in file order.
type inlineSwitch struct {
	verb    string // "disable", "enable", "disable-next-line"
	rules   []string
	line    int // file line of the comment's start
	endLine int // file line of the comment's end
}

// scanSwitches finds switch comments in body[start:stop].
func (w *bodyWalker) scanSwitches(start, stop int) {
	if start < 0 || stop > len(w.body) || start >= stop {
		return
	}
	seg := w.body[start:stop]
	if !strings.Contains(string(seg), "chorus-") {
		return
	}
	for _, m := range switchComment.FindAllSubmatchIndex(seg, -1) {
		rules := strings.Fields(string(seg[m[4]:m[5]]))
		if len(rules) == 0 {
			rules = nil
		}
		w.switches = append(w.switches, inlineSwitch{
			verb:    string(seg[m[2]:m[3]]),
			rules:   rules,
			line:    w.it.Src.Pos(w.base + start + m[0]).Line,
			endLine: w.it.Src.Pos(w.base + start + m[1]).Line,
		})
	}
}

// buildSuppressions turns switches, in file order, into line ranges.
// disable opens a range for its rules (none: every rule) that lasts until
// an enable or the end of the file. enable without ids closes every open
// range; enable with ids takes those ids out of the open ranges that name
// them (a range that switched every rule off stays open until a bare
// enable). disable-next-line covers the next non-blank line.
func buildSuppressions(src *Source, sw []inlineSwitch) []Suppression {
	var done, open []Suppression
	for _, s := range sw {
		switch s.verb {
		case "disable":
			open = append(open, Suppression{Rules: s.rules, FromLine: s.line})
		case "disable-next-line":
			if l := nextNonBlank(src, s.endLine+1); l > 0 {
				done = append(done, Suppression{Rules: s.rules, FromLine: l, ToLine: l})
			}
		case "enable":
			var still []Suppression
			for _, o := range open {
				if len(s.rules) == 0 {
					o.ToLine = s.line
					done = append(done, o)
					continue
				}
				if len(o.Rules) == 0 {
					still = append(still, o)
					continue
				}
				var keep []string
				for _, r := range o.Rules {
					if !contains(s.rules, r) {
						keep = append(keep, r)
					}
				}
				if len(keep) == len(o.Rules) {
					still = append(still, o)
					continue
				}
				closed := o
				closed.ToLine = s.line
				done = append(done, closed)
				if len(keep) > 0 {
					still = append(still, Suppression{Rules: keep, FromLine: s.line + 1})
				}
			}
			open = still
		}
	}
	return append(done, open...)
}

// nextNonBlank returns the first line at or after line that holds more
// than white space, or 0.
func nextNonBlank(src *Source, line int) int {
	for ; line <= src.LineCount(); line++ {
		start := src.lines[line-1]
		end := len(src.Data)
		if line < len(src.lines) {
			end = src.lines[line]
		}
		if strings.TrimSpace(string(src.Data[start:end])) != "" {
			return line
		}
	}
	return 0
}

// Suppressed returns fs without the findings that an inline switch in
// their item's file turns off. Findings in files without an item pass
// through.
func Suppressed(fs []Finding, items []*Item) []Finding {
	byFile := make(map[string]*Item, len(items))
	for _, it := range items {
		if len(it.Suppress) > 0 {
			byFile[it.File] = it
		}
	}
	if len(byFile) == 0 {
		return fs
	}
	out := fs[:0:0]
	for _, f := range fs {
		if it, ok := byFile[f.Pos.File]; ok && it.Suppressed(f.Rule, f.Pos.Line) {
			continue
		}
		out = append(out, f)
	}
	return out
}
