package content

import "sort"

// BlockKind says what a run of prose is, so rules such as heading case know
// what they look at.
type BlockKind int

// Kinds of prose.
const (
	Paragraph BlockKind = iota // a body paragraph, list item text, quote or table cell
	Heading                    // a Markdown heading; Prose.Level holds its level
	FieldText                  // a front-matter string readers see (title, summary, ...)
)

// Prose is one block of text a reader sees, with a map from every byte of
// Text back to the file it came from. Code, URLs, HTML comments and
// front-matter keys never appear in Prose.
type Prose struct {
	Field string    // "body", or the front-matter path: "title", "cta.label", "overrides.x.text"
	Kind  BlockKind // paragraph, heading or field
	Level int       // heading level, 1-6
	Text  string    // plain text; soft line breaks become spaces

	src   *Source
	spans []Span
}

// Span maps Text[TextOff:TextOff+Len] onto the file bytes
// [FileOff, FileOff+Len). Bytes of Text not covered by a span (a space
// standing for a line break, say) map to the start of the next span.
type Span struct {
	TextOff int
	FileOff int
	Len     int
}

// NewProse builds a prose block over src. Spans must be sorted by TextOff
// and must not overlap.
func NewProse(src *Source, field string, kind BlockKind, level int, text string, spans []Span) Prose {
	return Prose{Field: field, Kind: kind, Level: level, Text: text, src: src, spans: spans}
}

// Spans returns the map from Text to the file, sorted by TextOff. The
// slice is shared; do not modify it.
func (p *Prose) Spans() []Span { return p.spans }

// Source is the file the prose came from; nil for generated text.
func (p *Prose) Source() *Source { return p.src }

// FileOffset maps a byte offset in Text to a byte offset in the file. exact
// is false when the text byte was made up (a joined line break) or the prose
// has no source; the offset is then the nearest mapped place.
func (p *Prose) FileOffset(off int) (fileOff int, exact bool) {
	if p.src == nil || len(p.spans) == 0 {
		return -1, false
	}
	i := sort.Search(len(p.spans), func(i int) bool { return p.spans[i].TextOff+p.spans[i].Len > off })
	if i == len(p.spans) {
		last := p.spans[len(p.spans)-1]
		return last.FileOff + last.Len, false
	}
	s := p.spans[i]
	if off < s.TextOff {
		return s.FileOff, false
	}
	return s.FileOff + off - s.TextOff, true
}

// Pos is the file position of byte offset off in Text. Generated prose
// (no source) yields the zero Position.
func (p *Prose) Pos(off int) Position {
	fo, _ := p.FileOffset(off)
	if fo < 0 {
		return Position{Offset: -1}
	}
	return p.src.Pos(fo)
}

// Contiguous reports whether Text[start:end] maps byte for byte onto one run
// of the file, which is what a safe in-place fix needs.
func (p *Prose) Contiguous(start, end int) (fileStart, fileEnd int, ok bool) {
	if p.src == nil || start >= end {
		return 0, 0, false
	}
	for _, s := range p.spans {
		if start >= s.TextOff && end <= s.TextOff+s.Len {
			fs := s.FileOff + start - s.TextOff
			return fs, fs + end - start, true
		}
	}
	return 0, 0, false
}
