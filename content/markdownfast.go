package content

import (
	"bytes"
	"slices"
	"unicode/utf8"

	"github.com/yuin/goldmark/util"
)

// fastProse reads the body prose and links of it straight from its bytes,
// without a syntax tree, when the body keeps to the plain Markdown most
// content is written in:
//
//   - ATX headings ("# Title"), paragraphs, "- " list items of one line,
//     and "> " quotes of paragraph lines;
//   - inline: text, code spans of single backticks, *emphasis* and
//     **strong** whose delimiters clearly open or close, and inline links
//     [text](destination).
//
// What it reads is what walkBody reads from goldmark's GFM tree of the
// same body (TestFastProseMatchesGoldmark and FuzzFastProse hold the two
// equal), so it serves loads that keep no tree (Options.ProseOnly). On
// anything else (HTML, escapes, entities, images, nested or ambiguous
// emphasis, indented lines, lazy continuation lines, text linkify could
// link, ...) it reports false and leaves it as it was, and the caller
// parses the body with goldmark.
func fastProse(it *Item) bool {
	body := it.Body()
	if !utf8.Valid(body) {
		return false // goldmark reads broken bytes its own way
	}
	// Control bytes, and '@' anywhere: GFM linkify reads an e-mail
	// address from a line's start across code spans, as parseMarkdown
	// knows.
	for _, c := range body {
		if c < ' ' && c != '\n' || c == 0x7f || c == '@' {
			return false
		}
	}
	w := bodyWalker{it: it, body: body, base: it.BodyOffset, walkBuffers: walkPool.Get().(*walkBuffers)}
	defer func() {
		w.walkBuffers.reset()
		walkPool.Put(w.walkBuffers)
	}()
	p := fastMarkdown{w: &w, body: body}
	if !p.blocks() {
		return false
	}
	w.finish()
	it.Links = append(slices.Grow(it.Links, len(w.links)), w.links...)
	return true
}

// fastMarkdown is fastProse's reader of one body.
type fastMarkdown struct {
	w     *bodyWalker
	body  []byte
	lines [][2]int // the block being read: each line's text [start, end)
}

// lineEnd is the offset of the end of the line that starts at i.
func lineEnd(b []byte, i int) int {
	if j := bytes.IndexByte(b[i:], '\n'); j >= 0 {
		return i + j
	}
	return len(b)
}

// blocks reads the body block by block.
func (p *fastMarkdown) blocks() bool {
	b := p.body
	for i := 0; i < len(b); {
		end := lineEnd(b, i)
		if end == i {
			i++
			continue
		}
		if b[end-1] == ' ' {
			return false // a hard break, or a line of spaces
		}
		p.lines = p.lines[:0]
		kind, level := Paragraph, 0
		switch b[i] {
		case '#':
			h := 1
			for i+h < end && b[i+h] == '#' {
				h++
			}
			if h > 6 || end-i < h+2 || b[i+h] != ' ' || b[end-1] == '#' || !p.opens(i+h+1, end) {
				return false
			}
			kind, level = Heading, h
			p.lines = append(p.lines, [2]int{i + h + 1, end})
			i = end + 1
		case '>':
			// Quote lines until a blank line; a line without "> " right
			// after a quote would continue it lazily or end it.
			for {
				if end-i < 3 || b[i+1] != ' ' || !p.opens(i+2, end) || b[end-1] == ' ' {
					return false
				}
				p.lines = append(p.lines, [2]int{i + 2, end})
				i = end + 1
				if i >= len(b) {
					break
				}
				if end = lineEnd(b, i); end == i {
					break
				}
				if b[i] != '>' {
					return false
				}
			}
		case '-':
			// A list item of one line, followed by a blank line, the end
			// or the next item; any other line would continue it lazily.
			if end-i < 3 || b[i+1] != ' ' || !p.opens(i+2, end) {
				return false
			}
			p.lines = append(p.lines, [2]int{i + 2, end})
			i = end + 1
			if i < len(b) && b[i] != '\n' && b[i] != '-' {
				return false
			}
		default:
			if !p.opens(i, end) {
				return false
			}
			// Paragraph lines until a blank line or a line that starts
			// another block ("#", ">", "-": the next round reads or
			// refuses it).
			for {
				p.lines = append(p.lines, [2]int{i, end})
				i = end + 1
				if i >= len(b) {
					break
				}
				if end = lineEnd(b, i); end == i || b[i] == '#' || b[i] == '>' || b[i] == '-' {
					break
				}
				if b[end-1] == ' ' || !p.opens(i, end) {
					return false
				}
			}
		}
		if !p.block(kind, level) {
			return false
		}
	}
	return true
}

// opens reports whether the text of a block's line may start with
// b[i]: only what starts a paragraph's text, not another block.
func (p *fastMarkdown) opens(i, end int) bool {
	c := p.body[i]
	switch {
	case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= utf8.RuneSelf:
		return true
	case c == '[', c == '"', c == '\'', c == '(':
		return true
	case c == '`':
		// Not a fence; a code span the line's reading checks.
		return i+1 < end && p.body[i+1] != '`' && p.body[i+1] != ' '
	case c == '*':
		// Not a "* " list item or a "* * *" break; a run the line's
		// reading takes only as an opening delimiter.
		return i+1 < end && p.body[i+1] != ' '
	}
	return false
}

// block reads the inline text of the block in p.lines.
func (p *fastMarkdown) block(kind BlockKind, level int) bool {
	p.w.startBlock()
	open := 0 // the length of the open emphasis delimiter, 0 for none
	for k, ln := range p.lines {
		if !p.inline(ln[0], ln[1], &open) {
			return false
		}
		if k < len(p.lines)-1 {
			p.w.addSpace() // a soft line break
		}
	}
	if open != 0 {
		return false
	}
	p.w.endBlock(kind, level, p.lines[0][0])
	return true
}

// inline reads one line's inline content, body[s:e]. open carries the
// open emphasis from line to line of the block.
func (p *fastMarkdown) inline(s, e int, open *int) bool {
	b, w := p.body, p.w
	seg := s // the start of the text not yet given to the walker
	for i := s; i < e; {
		c := b[i]
		if !inlineByte[c] {
			i++ // plain text
			continue
		}
		if unreadText(b, i, e) {
			return false
		}
		switch c {
		case '`':
			j := bytes.IndexByte(b[i+1:e], '`')
			if j < 0 || b[i+1] == '`' {
				return false
			}
			j += i + 1
			if j+1 < e && b[j+1] == '`' {
				return false
			}
			w.addSource(seg, i)
			w.gap = true
			i, seg = j+1, j+1
			continue
		case '*':
			r := 1
			for i+r < e && b[i+r] == '*' {
				r++
			}
			if r > 2 || !p.delimiter(s, i, i+r, e, open, r) {
				return false
			}
			w.addSource(seg, i)
			i, seg = i+r, i+r
			continue
		case '[':
			k, d, q, ok := p.link(i, e)
			if !ok {
				return false
			}
			w.addSource(seg, i)
			w.addSource(i+1, k)
			w.links = append(w.links, Link{URL: string(b[d:q]), Pos: w.it.Src.Pos(w.base + d), Field: "body"})
			i, seg = q+1, q+1
			continue
		}
		i++
	}
	w.addSource(seg, e)
	return true
}

// delimiter checks the run of r '*' at body[i:j] in the line body[s:e]:
// it must only open, with no emphasis open yet, or only close an
// emphasis opened by a run as long, by CommonMark's flanking rules as
// goldmark applies them.
func (p *fastMarkdown) delimiter(s, i, j, e int, open *int, r int) bool {
	before, after := '\n', ' '
	if i > s {
		before, _ = utf8.DecodeLastRune(p.body[:i])
	}
	if j < e {
		after, _ = utf8.DecodeRune(p.body[j:e])
	}
	bSpace, aSpace := util.IsSpaceRune(before), util.IsSpaceRune(after)
	bPunct, aPunct := util.IsPunctRune(before), util.IsPunctRune(after)
	left := !aSpace && (!aPunct || bSpace || bPunct)
	right := !bSpace && (!bPunct || aSpace || aPunct)
	switch {
	case left && !right && *open == 0:
		*open = r
		return true
	case right && !left && *open == r:
		*open = 0
		return true
	}
	return false
}

// link finds an inline link [text](destination) starting at body[i],
// within the line ending at e: plain text, a destination without spaces,
// brackets, parentheses, quotes or escapes, and no title. The text is
// body[i+1:k], the destination body[d:q], and the link ends at q+1.
func (p *fastMarkdown) link(i, e int) (k, d, q int, ok bool) {
	b := p.body
	for k = i + 1; k < e && k-i <= 500; k++ {
		if c := b[k]; inlineByte[c] && (unreadText(b, k, e) || c == '[' || c == '*' || c == '`' || c == '!') {
			break
		}
	}
	if k == i+1 || k+1 >= e || b[k] != ']' || b[k+1] != '(' {
		return 0, 0, 0, false
	}
	d = k + 2
	q = d
	for q < e && linkDestByte(b[q]) {
		q++
	}
	if q == d || q >= e || b[q] != ')' {
		return 0, 0, 0, false
	}
	return k, d, q, true
}

// linkDestByte reports whether c may stand in a link destination that
// fastMarkdown reads.
func linkDestByte(c byte) bool {
	return c > ' ' && c < 0x7f && c != '(' && c != ')' && c != '<' && c != '>' && c != '\\' && c != '"' && c != '\'' && c != '`' && c != '[' && c != ']'
}

// inlineByte marks the bytes inline looks at: those unreadText may refuse
// and those that start a code span, emphasis or a link.
var inlineByte = func() (t [256]bool) {
	for _, c := range []byte("\\&<_~|]!:wW`*[") {
		t[c] = true
	}
	return t
}()

// unreadText reports whether the text at b[i] in the line ending at e is
// something fastMarkdown leaves to goldmark: an escape, a character
// reference, HTML or an autolink, '_' emphasis, strikethrough, a table
// cell, a stray ']', an image, or a URL linkify could link ("://",
// "www."; fastProse refuses any '@' before it starts).
func unreadText(b []byte, i, e int) bool {
	switch b[i] {
	case '\\', '&', '<', '_', '~', '|', ']':
		return true
	case '!':
		return i+1 < e && b[i+1] == '['
	case ':':
		return bytes.HasPrefix(b[i:e], []byte("://"))
	case 'w', 'W':
		return i+4 <= e && bytes.EqualFold(b[i:i+4], []byte("www."))
	}
	return false
}
