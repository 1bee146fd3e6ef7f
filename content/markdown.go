package content

import (
	"bytes"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// markdown is the one goldmark instance: GitHub Flavored Markdown (tables,
// strikethrough, linkify, task lists). The renderer keeps its safe
// default: raw HTML is omitted and dangerous link schemes are dropped.
// goldmark parsers and renderers are stateless, so it is shared by every
// goroutine.
var markdown = goldmark.New(goldmark.WithExtensions(extension.GFM))

// unlinked is markdown without linkify. Linkify's inline parser runs at
// every space and most bodies hold no bare URL or e-mail address, so
// parseMarkdown tries this one first.
var unlinked = goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.TaskList))

// parseMarkdown parses a body exactly as markdown does, faster when the
// body gives linkify nothing to do.
func parseMarkdown(body []byte) ast.Node {
	if bytes.IndexByte(body, '@') < 0 && !splitTrailingSpace(body) {
		doc := unlinked.Parser().Parse(text.NewReader(body))
		if !mayLinkify(doc, body) {
			return doc
		}
	}
	return markdown.Parser().Parse(text.NewReader(body))
}

// splitTrailingSpace reports whether a line of body ends in white space
// that linkify, by stopping at every space, would leave partly in the
// text: a run of two or more space characters (with \r among them) whose
// second or later one is a space, tab, \v or \f. goldmark trims only
// the part after the last stop.
func splitTrailingSpace(body []byte) bool {
	end := len(body)
	for end >= 0 {
		start := bytes.LastIndexByte(body[:end], '\n') + 1
		i := end
		for i > start && isSpaceByte(body[i-1]) {
			i--
		}
		for j := i + 1; j < end; j++ {
			if body[j] != '\r' {
				return true
			}
		}
		end = start - 1
	}
	return false
}

// isSpaceByte is goldmark's white space within a line.
func isSpaceByte(c byte) bool {
	return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r'
}

// linkifyPrefixes are what GFM linkify needs at the start of a URL it
// links ("://" stands for http://, https:// and ftp://); an e-mail
// address needs an '@', which parseMarkdown looks for itself.
var linkifyPrefixes = [][]byte{[]byte("://"), []byte("www.")}

// mayLinkify reports whether linkify could have turned text of doc, the
// body parsed without it, into a link: whether some byte of a URL
// prefix lies in a text node. Prefixes elsewhere (link destinations,
// code, raw HTML) are out of linkify's reach, as the parsers that
// consume them run first.
func mayLinkify(doc ast.Node, body []byte) bool {
	var at []int // offsets of the prefixes in body
	for _, p := range linkifyPrefixes {
		for i := 0; ; {
			j := bytes.Index(body[i:], p)
			if j < 0 {
				break
			}
			at = append(at, i+j, i+j+len(p))
			i += j + 1
		}
	}
	if len(at) == 0 {
		return false
	}
	found := false
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		t, ok := n.(*ast.Text)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		for k := 0; k < len(at); k += 2 {
			if t.Segment.Start < at[k+1] && at[k] < t.Segment.Stop {
				found = true
				return ast.WalkStop, nil
			}
		}
		return ast.WalkContinue, nil
	})
	return found
}

// parseBody parses the Markdown body of it (Body()) and fills Doc, the body
// prose, the body links and the inline switches. With proseOnly, Doc may
// be left nil: a plain body is read without a syntax tree (fastProse).
func parseBody(it *Item, proseOnly bool) {
	if proseOnly && fastProse(it) {
		return
	}
	it.Doc = parseMarkdown(it.Body())
	walkBody(it)
}

// walkBody reads the body prose, links and switches of it from it.Doc.
func walkBody(it *Item) {
	w := bodyWalker{it: it, body: it.Body(), base: it.BodyOffset, walkBuffers: walkPool.Get().(*walkBuffers)}
	w.walk()
	w.walkBuffers.reset()
	walkPool.Put(w.walkBuffers)
}

// walkBuffers are a bodyWalker's working buffers, reused from body to
// body: what an item keeps is copied out of them at its exact size.
type walkBuffers struct {
	// the prose block being built
	text  []byte
	spans []Span
	// finished blocks: their text and spans, in one arena each
	arena    []byte
	allSpans []Span
	blocks   []proseBlock
	links    []Link // fastProse's, in body order
}

var walkPool = sync.Pool{New: func() any { return new(walkBuffers) }}

func (b *walkBuffers) reset() {
	clear(b.links) // the pool keeps no item's text
	b.text, b.spans, b.arena, b.allSpans, b.blocks, b.links = b.text[:0], b.spans[:0], b.arena[:0], b.allSpans[:0], b.blocks[:0], b.links[:0]
}

// HTML renders the body to HTML with the shared goldmark instance: raw
// HTML is omitted and javascript: and similar links are dropped. Without
// a Doc it parses the body first.
func (it *Item) HTML() string {
	body, doc := it.Body(), it.Doc
	if doc == nil {
		if len(body) == 0 {
			return ""
		}
		doc = parseMarkdown(body) // loaded with Options.ProseOnly
	}
	var b bytes.Buffer
	if err := markdown.Renderer().Render(&b, body, doc); err != nil {
		return ""
	}
	return b.String()
}

// PlainText returns the body as plain text: one paragraph per prose block,
// joined by blank lines. Code, raw HTML and URLs are left out.
func (it *Item) PlainText() string {
	var b strings.Builder
	for i := range it.Prose {
		p := &it.Prose[i]
		if p.Field != "body" || p.Text == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(p.Text)
	}
	return b.String()
}

// bodyWalker collects prose, links and switches from a parsed body.
type bodyWalker struct {
	it   *Item
	body []byte
	base int // file offset of body[0]

	// the prose block being built and the finished ones: an item's body
	// prose costs one string and one slice of spans
	*walkBuffers
	gap bool // something was left out since the last text
	// gapSpaces: the text since the gap was only spaces, dropped; the
	// next text goes on dropping them. How goldmark cuts a run of text
	// into nodes differs with the extensions it runs, and the text read
	// must not.
	gapSpaces bool

	defs     map[string]int // link reference label → body offset of its destination
	defsDone bool
	switches []inlineSwitch
}

// proseBlock is a finished block waiting for the arenas to be frozen.
type proseBlock struct {
	textStart, textEnd int
	spanStart, spanEnd int
	kind               BlockKind
	level              int
}

func (w *bodyWalker) walk() {
	_ = ast.Walk(w.it.Doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			w.block(n, Heading, n.Level)
			return ast.WalkSkipChildren, nil
		case *ast.Paragraph, *ast.TextBlock, *extast.TableCell:
			w.block(n, Paragraph, 0)
			return ast.WalkSkipChildren, nil
		case *ast.HTMLBlock:
			lines := n.Lines()
			for i := 0; i < lines.Len(); i++ {
				seg := lines.At(i)
				w.scanSwitches(seg.Start, seg.Stop)
			}
			if n.HasClosure() {
				seg := n.ClosureLine
				w.scanSwitches(seg.Start, seg.Stop)
			}
			return ast.WalkSkipChildren, nil
		case *ast.FencedCodeBlock, *ast.CodeBlock, *ast.ThematicBreak:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	w.finish()
}

// finish turns the finished blocks into the item's body prose and adds
// the suppressions the switches make.
func (w *bodyWalker) finish() {
	all := string(w.arena)
	spans := slices.Clone(w.allSpans)
	prose := make([]Prose, len(w.it.Prose), len(w.it.Prose)+len(w.blocks))
	copy(prose, w.it.Prose)
	for _, b := range w.blocks {
		prose = append(prose, NewProse(w.it.Src, "body", b.kind, b.level, all[b.textStart:b.textEnd], spans[b.spanStart:b.spanEnd:b.spanEnd]))
	}
	w.it.Prose = prose
	w.it.Suppress = append(w.it.Suppress, buildSuppressions(w.it.Src, w.switches)...)
}

// block turns one block's inline content into a Prose.
func (w *bodyWalker) block(n ast.Node, kind BlockKind, level int) {
	w.startBlock()
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		w.inline(c)
	}
	w.endBlock(kind, level, blockStart(n))
}

// startBlock starts the text of a new block.
func (w *bodyWalker) startBlock() {
	w.text, w.spans, w.gap, w.gapSpaces = w.text[:0], w.spans[:0], false, false
}

// endBlock finishes the block whose text was added since startBlock;
// start is the body offset where the block's text begins, the anchor of
// a block whose text has no bytes of its own in the file.
func (w *bodyWalker) endBlock(kind BlockKind, level, start int) {
	txt := bytes.TrimRight(w.text, " ")
	if len(txt) == 0 {
		return
	}
	spans := w.spans
	for len(spans) > 0 && spans[len(spans)-1].TextOff >= len(txt) {
		spans = spans[:len(spans)-1]
	}
	if k := len(spans) - 1; k >= 0 && spans[k].TextOff+spans[k].Len > len(txt) {
		spans[k].Len = len(txt) - spans[k].TextOff
	}
	b := proseBlock{textStart: len(w.arena), spanStart: len(w.allSpans), kind: kind, level: level}
	w.arena = append(w.arena, txt...)
	w.allSpans = append(w.allSpans, spans...)
	if len(spans) == 0 {
		// Only decoded references: anchor the text at the block start.
		w.allSpans = append(w.allSpans, Span{TextOff: len(txt), FileOff: w.base + start})
	}
	b.textEnd, b.spanEnd = len(w.arena), len(w.allSpans)
	w.blocks = append(w.blocks, b)
}

// blockStart is the body offset where a block's text begins.
func blockStart(n ast.Node) int {
	if n.Type() == ast.TypeBlock {
		if lines := n.Lines(); lines != nil && lines.Len() > 0 {
			return lines.At(0).Start
		}
	}
	return max(n.Pos(), 0)
}

// inline adds the reader-visible text of an inline node and its children.
func (w *bodyWalker) inline(n ast.Node) {
	switch n := n.(type) {
	case *ast.Text:
		seg := n.Segment
		w.addSource(seg.Start, seg.Stop)
		if n.SoftLineBreak() || n.HardLineBreak() {
			w.addSpace()
		}
		return
	case *ast.String:
		if !n.IsCode() && !n.IsRaw() {
			w.addFree(n.Value)
		}
		return
	case *ast.CodeSpan:
		w.gap = true
		return
	case *ast.RawHTML:
		segs := n.Segments
		for i := 0; i < segs.Len(); i++ {
			seg := segs.At(i)
			w.scanSwitches(seg.Start, seg.Stop)
		}
		w.gap = true
		return
	case *ast.AutoLink:
		w.autoLink(n)
		w.gap = true
		return
	case *extast.TaskCheckBox:
		return
	case *ast.Image:
		w.link(n, n.Destination, true)
		w.gap = true
		return
	case *ast.Link:
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			w.inline(c)
		}
		w.link(n, n.Destination, false)
		return
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		w.inline(c)
	}
}

// addSource appends body[start:stop], decoding backslash escapes and
// character references. Literal bytes map to their file bytes; an escaped
// punctuation character maps to itself; a decoded reference has no span.
func (w *bodyWalker) addSource(start, stop int) {
	if start < 0 || stop > len(w.body) || start >= stop {
		return
	}
	seg := w.body[start:stop]
	if w.gap {
		if len(w.text) > 0 {
			last := w.text[len(w.text)-1]
			switch {
			case last == ' ' && (seg[0] == ' ' || w.gapSpaces):
				for len(seg) > 0 && seg[0] == ' ' {
					seg, start = seg[1:], start+1
				}
				if len(seg) == 0 {
					// Only spaces: the gap still waits for the next text,
					// however goldmark happened to cut the run.
					w.gapSpaces = true
					return
				}
			case last == ' ' && isClosingPunct(seg[0]):
				w.trimSpace()
			case last != ' ' && seg[0] != ' ' && !isClosingPunct(seg[0]):
				w.addSpace()
			}
		}
		w.gap, w.gapSpaces = false, false
	}
	if bytes.IndexByte(seg, '\\') < 0 && bytes.IndexByte(seg, '&') < 0 {
		w.appendMapped(seg, w.base+start)
		return
	}
	run := 0 // start of the literal run not yet copied
	flush := func(i int) {
		if i > run {
			w.appendMapped(seg[run:i], w.base+start+run)
		}
	}
	for i := 0; i < len(seg); {
		switch seg[i] {
		case '\\':
			if i+1 < len(seg) && util.IsPunct(seg[i+1]) {
				flush(i)
				run = i + 1
				i += 2
				continue
			}
		case '&':
			if dec, n := charRef(seg[i:]); n > 0 {
				flush(i)
				w.text = append(w.text, dec...)
				i += n
				run = i
				continue
			}
		}
		i++
	}
	flush(len(seg))
}

func isClosingPunct(c byte) bool {
	return strings.IndexByte(".,;:!?)]}'\"", c) >= 0
}

// appendMapped appends b, which sits at file offset fileOff.
func (w *bodyWalker) appendMapped(b []byte, fileOff int) {
	t := len(w.text)
	w.text = append(w.text, b...)
	if k := len(w.spans) - 1; k >= 0 && w.spans[k].TextOff+w.spans[k].Len == t && w.spans[k].FileOff+w.spans[k].Len == fileOff {
		w.spans[k].Len += len(b)
		return
	}
	w.spans = append(w.spans, Span{TextOff: t, FileOff: fileOff, Len: len(b)})
}

// addFree appends text that has no bytes of its own in the file.
func (w *bodyWalker) addFree(b []byte) {
	if len(b) == 0 {
		return
	}
	w.gap, w.gapSpaces = false, false
	w.text = append(w.text, b...)
}

func (w *bodyWalker) addSpace() {
	if len(w.text) > 0 && w.text[len(w.text)-1] != ' ' {
		w.text = append(w.text, ' ')
	}
}

// trimSpace drops trailing spaces from the text and from its last span.
func (w *bodyWalker) trimSpace() {
	for len(w.text) > 0 && w.text[len(w.text)-1] == ' ' {
		w.text = w.text[:len(w.text)-1]
	}
	for k := len(w.spans) - 1; k >= 0 && w.spans[k].TextOff+w.spans[k].Len > len(w.text); k-- {
		if w.spans[k].TextOff >= len(w.text) {
			w.spans = w.spans[:k]
			continue
		}
		w.spans[k].Len = len(w.text) - w.spans[k].TextOff
	}
}

// charRef decodes an HTML character reference at the start of b
// ("&amp;", "&#233;", "&#xE9;"), returning its text and length.
func charRef(b []byte) ([]byte, int) {
	end := bytes.IndexByte(b, ';')
	if end < 2 || end > 40 {
		return nil, 0
	}
	name := b[1:end]
	if name[0] == '#' {
		var r uint64
		var err error
		if len(name) > 1 && (name[1] == 'x' || name[1] == 'X') {
			r, err = strconv.ParseUint(string(name[2:]), 16, 32)
		} else {
			r, err = strconv.ParseUint(string(name[1:]), 10, 32)
		}
		if err != nil {
			return nil, 0
		}
		if r == 0 || !utf8.ValidRune(rune(r)) {
			r = utf8.RuneError
		}
		return utf8.AppendRune(nil, rune(r)), end + 1
	}
	if e, ok := util.LookUpHTML5EntityByName(string(name)); ok {
		return e.Characters, end + 1
	}
	return nil, 0
}

// link records a link or image destination with the position of the
// destination's bytes.
func (w *bodyWalker) link(n ast.Node, dest []byte, image bool) {
	if len(dest) == 0 {
		return
	}
	off := w.destOffset(n)
	var pos Position
	if off >= 0 {
		pos = w.it.Src.Pos(w.base + off)
	} else {
		pos = w.it.Src.Pos(w.base + max(n.Pos(), 0))
	}
	w.it.Links = append(w.it.Links, Link{URL: string(dest), Pos: pos, Field: "body", Image: image})
}

// destOffset finds the body offset of a link's destination: after the
// link text's closing "](" for an inline link, or in the reference
// definition for a reference link. It returns -1 when not found.
func (w *bodyWalker) destOffset(n ast.Node) int {
	from := n.Pos() + 1
	if _, ok := n.(*ast.Image); ok {
		from++
	}
	if e := lastTextEnd(n); e > from {
		from = e
	}
	if from < 0 || from > len(w.body) {
		return -1
	}
	i := bytes.IndexByte(w.body[from:], ']')
	if i < 0 {
		return -1
	}
	i += from + 1
	if i < len(w.body) && w.body[i] == '(' {
		i++
		for i < len(w.body) && (w.body[i] == ' ' || w.body[i] == '\t' || w.body[i] == '\n' || w.body[i] == '\r') {
			i++
		}
		if i < len(w.body) && w.body[i] == '<' {
			i++
		}
		return i
	}
	label := []byte(nil)
	if i < len(w.body) && w.body[i] == '[' {
		if j := bytes.IndexByte(w.body[i+1:], ']'); j > 0 {
			label = w.body[i+1 : i+1+j]
		}
	}
	if label == nil {
		// A shortcut or collapsed reference: the link text is the label.
		start := n.Pos() + 1
		if _, ok := n.(*ast.Image); ok {
			start++
		}
		if start >= 0 && start < i-1 {
			label = w.body[start : i-1]
		}
	}
	if label == nil {
		return -1
	}
	return w.definition(label)
}

// lastTextEnd is the end offset of the last text segment under n, or -1.
func lastTextEnd(n ast.Node) int {
	end := -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering && t.Segment.Stop > end {
			end = t.Segment.Stop
		}
		return ast.WalkContinue, nil
	})
	return end
}

var defLine = regexp.MustCompile(`(?m)^ {0,3}\[((?:[^\]\\]|\\.)+)\]:[ \t]*\n?[ \t]*<?`)

// definition returns the body offset of the destination of the link
// reference definition named label, or -1.
func (w *bodyWalker) definition(label []byte) int {
	if !w.defsDone {
		w.defsDone = true
		w.defs = map[string]int{}
		for _, m := range defLine.FindAllSubmatchIndex(w.body, -1) {
			key := strings.ToLower(string(util.ToLinkReference(w.body[m[2]:m[3]])))
			if _, seen := w.defs[key]; !seen {
				w.defs[key] = m[1]
			}
		}
	}
	if off, ok := w.defs[strings.ToLower(string(util.ToLinkReference(label)))]; ok {
		return off
	}
	return -1
}

// autoLink records a <https://...> autolink or a bare URL found by
// linkify, positioned at its first byte.
func (w *bodyWalker) autoLink(n *ast.AutoLink) {
	label := n.Label(w.body)
	url := n.URL(w.body)
	if n.AutoLinkType == ast.AutoLinkEmail && !bytes.HasPrefix(bytes.ToLower(url), []byte("mailto:")) {
		url = append([]byte("mailto:"), url...)
	}
	off := cap(w.body) - cap(label)
	if off < 0 || off+len(label) > len(w.body) || !bytes.Equal(w.body[off:off+len(label)], label) {
		off = max(n.Pos(), 0)
	}
	w.it.Links = append(w.it.Links, Link{URL: string(url), Pos: w.it.Src.Pos(w.base + off), Field: "body"})
}
