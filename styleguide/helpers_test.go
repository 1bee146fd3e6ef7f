package styleguide

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/chorus-dev/chorus/content"
)

// blk is one prose block of a test item, written on its own line of the
// item's file after a prefix ("title: ", "# ", "").
type blk struct {
	field string
	kind  content.BlockKind
	text  string
}

func title(s string) blk   { return blk{"title", content.FieldText, s} }
func summary(s string) blk { return blk{"summary", content.FieldText, s} }
func para(s string) blk    { return blk{"body", content.Paragraph, s} }
func heading(s string) blk { return blk{"body", content.Heading, s} }
func override(ch, s string) blk {
	return blk{"overrides." + ch + ".text", content.FieldText, s}
}

func (b blk) prefix() string {
	switch {
	case b.kind == content.Heading:
		return "## "
	case b.field == "body":
		return ""
	}
	return b.field + ": "
}

// newItem builds an item whose file is "id: <id>" then one line per block,
// so block k sits on line k+2.
func newItem(id, locale, typ string, blocks ...blk) *content.Item {
	var sb strings.Builder
	sb.WriteString("id: " + id + "\n")
	type pending struct {
		b   blk
		off int
	}
	var ps []pending
	for _, b := range blocks {
		sb.WriteString(b.prefix())
		ps = append(ps, pending{b, sb.Len()})
		sb.WriteString(b.text + "\n")
	}
	src := content.NewSource("content/"+id+".md", []byte(sb.String()))
	it := &content.Item{ID: id, Type: typ, Locale: locale, File: src.Path, Src: src, Fields: []content.FieldOffset{{Path: "id", Offset: 4}}}
	for _, p := range ps {
		level := 0
		if p.b.kind == content.Heading {
			level = 2
		}
		it.Prose = append(it.Prose, content.NewProse(src, p.b.field, p.b.kind, level, p.b.text,
			[]content.Span{{TextOff: 0, FileOff: p.off, Len: len(p.b.text)}}))
		if p.b.field != "body" {
			it.Fields = append(it.Fields, content.FieldOffset{Path: p.b.field, Offset: p.off})
		}
	}
	slices.SortFunc(it.Fields, func(a, b content.FieldOffset) int { return strings.Compare(a.Path, b.Path) })
	return it
}

func guideFrom(t testing.TB, yamls ...string) *Guide {
	t.Helper()
	g, fs := compileStrings(Options{}, yamls...)
	if len(fs) > 0 {
		t.Fatalf("unexpected style guide findings:\n%s", strings.Join(formatAll(nil, fs), "\n"))
	}
	return g
}

func compileStrings(opts Options, yamls ...string) (*Guide, []content.Finding) {
	var srcs []*content.Source
	for i, y := range yamls {
		srcs = append(srcs, content.NewSource(fmt.Sprintf("styleguide/%c.yaml", 'a'+i), []byte(y)))
	}
	return CompileWith(srcs, opts)
}

// format renders a finding exactly: position, severity, rule, message,
// channel, and the fix as original→replacement bytes of the file.
func format(it *content.Item, f content.Finding) string {
	s := fmt.Sprintf("%d:%d %s %s: %s", f.Pos.Line, f.Pos.Column, f.Severity, f.Rule, f.Message)
	if f.Pos.File != "" && (it == nil || f.Pos.File != it.File) {
		s = f.Pos.File + ":" + s
	}
	if f.Channel != "" {
		s += " [" + f.Channel + "]"
	}
	if f.Fix != nil {
		orig := "?"
		if it != nil && it.Src != nil && f.Fix.Offset >= 0 && f.Fix.End <= len(it.Src.Data) && f.Fix.Offset <= f.Fix.End {
			orig = string(it.Src.Data[f.Fix.Offset:f.Fix.End])
		}
		s += fmt.Sprintf(" fix %q→%q", orig, f.Fix.Replace)
	}
	return s
}

func formatAll(it *content.Item, fs []content.Finding) []string {
	out := []string{}
	for _, f := range fs {
		out = append(out, format(it, f))
	}
	return out
}

func diffLines(t *testing.T, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings differ\n got:\n\t%s\nwant:\n\t%s", strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
	}
}
