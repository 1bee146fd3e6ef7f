package content

import (
	"bytes"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// Front matter is small and plain: block mappings of simple keys, one-line
// scalars, a flow list of tags, a folded summary. yaml.v3 is a port of
// libyaml that reads one character at a time, and on a large workspace it
// is the single largest cost of a load. fastYAML builds the very
// yaml.Node tree yaml.v3 builds, for that plain shape only; anything else
// (comments, anchors, tags, escapes, flow mappings, multi-line plain or
// quoted scalars, tabs, CR) makes it give up, and yaml.v3 parses the
// document as before. FuzzFastYAML holds the two to the same tree.

// fastYAML is one document being parsed by parseFastYAML.
type fastYAML struct {
	data  []byte
	text  string   // data as a string: scalars are substrings of it
	lines [][]byte // slices of data without their '\n', capacity to its end
	i     int      // the next line to read
	slab  []yaml.Node
	// stack holds the children of the nodes being read; each node's
	// Content is then cut from kids at its exact size.
	stack []*yaml.Node
	kids  []*yaml.Node
}

// str returns b, a slice of p.data, as a substring of p.text: all of a
// document's scalars share one string. Slices of data made without a
// capacity limit end where data ends, so their capacity gives their
// offset.
func (p *fastYAML) str(b []byte) string {
	off := cap(p.data) - cap(b)
	return p.text[off : off+len(b)]
}

// children moves the nodes stacked since start into n.Content.
func (p *fastYAML) children(n *yaml.Node, start int) {
	k := len(p.stack) - start
	if k == 0 {
		return
	}
	if cap(p.kids)-len(p.kids) < k {
		p.kids = make([]*yaml.Node, 0, max(k, 2*len(p.lines)))
	}
	n.Content = append(p.kids[len(p.kids):len(p.kids):len(p.kids)+k], p.stack[start:]...)
	p.kids = p.kids[:len(p.kids)+k]
	p.stack = p.stack[:start]
}

// node returns a new node from the document's slab of nodes.
func (p *fastYAML) node(n yaml.Node) *yaml.Node {
	if len(p.slab) == cap(p.slab) {
		p.slab = make([]yaml.Node, 0, 16)
	}
	p.slab = append(p.slab, n)
	return &p.slab[len(p.slab)-1]
}

// parseFastYAML returns the root node yaml.v3 would return for data, or
// false when data is outside the shape it reads.
func parseFastYAML(data []byte) (*yaml.Node, bool) {
	if len(data) == 0 || data[len(data)-1] != '\n' || !fastYAMLBytes(data) {
		return nil, false // front matter ends in a line break
	}
	p := fastYAML{data: data, text: string(data), lines: make([][]byte, 0, bytes.Count(data, []byte("\n")))}
	for rest := data; len(rest) > 0; {
		i := bytes.IndexByte(rest, '\n')
		p.lines = append(p.lines, rest[:i])
		rest = rest[i+1:]
	}
	p.slab = make([]yaml.Node, 0, 2*len(p.lines)+bytes.Count(data, []byte(","))+1)
	p.skipBlank()
	if p.i == len(p.lines) || indentOf(p.lines[p.i]) != 0 {
		return nil, false
	}
	root, ok := p.mapping(0)
	p.skipBlank()
	if !ok || p.i != len(p.lines) {
		return nil, false
	}
	return root, true
}

// fastYAMLBytes reports whether data holds only characters fastYAML
// reads alike: valid UTF-8, printable, no tab, CR, escape, comment or
// node property, and none of YAML 1.1's extra line breaks.
func fastYAMLBytes(data []byte) bool {
	for i := 0; i < len(data); {
		c := data[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '\n':
			case c < 0x20 || c == 0x7f:
				return false
			case c == '#' || c == '&' || c == '*' || c == '!' || c == '%' || c == '@' || c == '`' || c == '\\' || c == '{' || c == '}':
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError || (r >= 0x80 && r <= 0x9f) || r == 0x2028 || r == 0x2029 || r == 0xfeff || r >= 0xfffe && r <= 0xffff {
			return false
		}
		i += size
	}
	return true
}

func indentOf(line []byte) int {
	n := 0
	for n < len(line) && line[n] == ' ' {
		n++
	}
	return n
}

func isBlank(line []byte) bool { return indentOf(line) == len(line) }

func (p *fastYAML) skipBlank() {
	for p.i < len(p.lines) && isBlank(p.lines[p.i]) {
		p.i++
	}
}

// nextLine moves to the next line with text and returns it and its
// indent, or false at the end.
func (p *fastYAML) nextLine() (line []byte, indent int, ok bool) {
	p.skipBlank()
	if p.i == len(p.lines) {
		return nil, 0, false
	}
	return p.lines[p.i], indentOf(p.lines[p.i]), true
}

// nextIndent is the indent of the next line with text, or -1 at the end.
func (p *fastYAML) nextIndent() int {
	for j := p.i; j < len(p.lines); j++ {
		if !isBlank(p.lines[j]) {
			return indentOf(p.lines[j])
		}
	}
	return -1
}

// mapping reads a block mapping whose keys are indented by ind.
func (p *fastYAML) mapping(ind int) (*yaml.Node, bool) {
	m := p.node(yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: p.i + 1, Column: ind + 1})
	start := len(p.stack)
	for {
		line, li, more := p.nextLine()
		switch {
		case !more || li < ind:
			p.children(m, start)
			return m, true
		case li > ind:
			return nil, false
		}
		row := p.i + 1
		k := keyLen(line[ind:])
		if k == 0 {
			return nil, false
		}
		key := p.plain(line[ind:ind+k], row, ind+1)
		after := line[ind+k+1:]
		var val *yaml.Node
		var ok bool
		if len(after) == 0 {
			p.i++
			val, ok = p.nested(ind, row, ind+k+2)
		} else {
			if after[0] != ' ' {
				return nil, false
			}
			v := bytes.TrimLeft(after, " ")
			col := ind + k + 2 + len(after) - len(v)
			val, ok = p.value(v, ind, row, col)
		}
		if !ok {
			return nil, false
		}
		p.stack = append(p.stack, key, val)
	}
}

// keyLen returns the length of the simple key that starts line and is
// followed by ':' and a space or the line's end, or 0.
func keyLen(line []byte) int {
	k := 0
	for k < len(line) {
		c := line[k]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || (k > 0 && (c == '-' || c == '.')) {
			k++
			continue
		}
		break
	}
	if k == 0 || k > 128 || k == len(line) || line[k] != ':' || (k+1 < len(line) && line[k+1] != ' ') {
		return 0
	}
	return k
}

// nested reads the value of a key that ends its line (at row, the colon
// before col): a mapping or list on the lines below, or null.
func (p *fastYAML) nested(ind, row, col int) (*yaml.Node, bool) {
	next := p.nextIndent()
	if next >= 0 {
		p.skipBlank()
		rest := p.lines[p.i][next:]
		if next >= ind && (bytes.HasPrefix(rest, []byte("- ")) || len(rest) == 1 && rest[0] == '-') {
			return p.sequence(next)
		}
		if next > ind {
			return p.mapping(next)
		}
	}
	return p.node(yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Line: row, Column: col}), true
}

// sequence reads a block list of one-line scalars whose dashes are
// indented by ind.
func (p *fastYAML) sequence(ind int) (*yaml.Node, bool) {
	s := p.node(yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: p.i + 1, Column: ind + 1})
	start := len(p.stack)
	for {
		line, li, more := p.nextLine()
		if !more || li < ind || li == ind && line[ind] != '-' {
			p.children(s, start)
			return s, true
		}
		if li > ind || len(line) < ind+3 || line[ind+1] != ' ' {
			return nil, false
		}
		v := bytes.TrimLeft(line[ind+2:], " ")
		item, ok := p.value(v, ind, p.i+1, ind+1+len(line)-ind-len(v))
		if !ok || item.Kind != yaml.ScalarNode || item.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
			return nil, false
		}
		p.stack = append(p.stack, item)
	}
}

// value reads the value v that starts at row, col on the current line of
// a key (or list item) indented by ind, and moves past it.
func (p *fastYAML) value(v []byte, ind, row, col int) (*yaml.Node, bool) {
	if len(v) == 0 {
		return nil, false // trailing spaces
	}
	if v[0] == '>' || v[0] == '|' {
		return p.blockScalar(v, ind, row, col)
	}
	var n *yaml.Node
	switch v[0] {
	case '"', '\'':
		n = p.quoted(v, row, col)
	case '[':
		n = p.flowList(v, row, col)
	default:
		if plainOK(v, false) {
			n = p.plain(v, row, col)
		}
	}
	p.i++
	if n == nil || p.nextIndent() > ind {
		return nil, false // a continuation line, or something to report
	}
	return n, true
}

// plain is a plain scalar with the tag yaml.v3 resolves for it.
func (p *fastYAML) plain(v []byte, row, col int) *yaml.Node {
	n := p.node(yaml.Node{Kind: yaml.ScalarNode, Value: p.str(v), Line: row, Column: col})
	if maybeNotStr(v[0]) {
		n.Tag = n.ShortTag()
	} else {
		n.Tag = "!!str"
	}
	return n
}

// maybeNotStr reports whether yaml.v3 may resolve a plain scalar that
// starts with c to something other than a string: a number, bool, null,
// timestamp or merge key. It reads anything else as a string.
func maybeNotStr(c byte) bool {
	return '0' <= c && c <= '9' || bytes.IndexByte([]byte("+-.~<yYnNtTfFoO"), c) >= 0
}

// plainOK reports whether v reads as one plain scalar, in a flow list
// when flow is set, and as the same text yaml.v3 would read.
func plainOK(v []byte, flow bool) bool {
	if len(v) == 0 || v[len(v)-1] == ' ' || v[len(v)-1] == ':' {
		return false
	}
	switch v[0] {
	case '-', '?', ':', ',', '[', ']', '|', '>', '\'', '"', '<', '=', '~':
		return false
	}
	if bytes.Contains(v, []byte(": ")) || bytes.ContainsAny(v, "[]") {
		return false
	}
	return !flow || !bytes.ContainsAny(v, ",:")
}

// quoted reads a single- or double-quoted scalar that is all of v.
func (p *fastYAML) quoted(v []byte, row, col int) *yaml.Node {
	q := v[0]
	if len(v) < 2 || v[len(v)-1] != q {
		return nil
	}
	body := v[1 : len(v)-1]
	if q == '"' {
		if bytes.IndexByte(body, '"') >= 0 {
			return nil
		}
		return p.node(yaml.Node{Kind: yaml.ScalarNode, Style: yaml.DoubleQuotedStyle, Tag: "!!str", Value: p.str(body), Line: row, Column: col})
	}
	// Inside single quotes '' is a quote; a lone quote ends the scalar.
	if bytes.Count(body, []byte("'"))%2 != 0 || bytes.Contains(bytes.ReplaceAll(body, []byte("''"), nil), []byte("'")) {
		return nil
	}
	value := p.str(body)
	if bytes.IndexByte(body, '\'') >= 0 {
		value = string(bytes.ReplaceAll(body, []byte("''"), []byte("'")))
	}
	return p.node(yaml.Node{Kind: yaml.ScalarNode, Style: yaml.SingleQuotedStyle, Tag: "!!str", Value: value, Line: row, Column: col})
}

// flowList reads a one-line flow list of plain scalars that is all of v.
func (p *fastYAML) flowList(v []byte, row, col int) *yaml.Node {
	if v[len(v)-1] != ']' {
		return nil
	}
	s := p.node(yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle, Tag: "!!seq", Line: row, Column: col})
	inner := v[1 : len(v)-1]
	if isBlank(inner) {
		return s
	}
	at := col + 1 // column of inner[0]
	start := len(p.stack)
	defer p.children(s, start)
	for len(inner) > 0 {
		item, rest, more := bytes.Cut(inner, []byte(","))
		lead := indentOf(item)
		text := bytes.TrimRight(item[lead:], " ")
		if !plainOK(text, true) {
			return nil
		}
		p.stack = append(p.stack, p.plain(text, row, at+utf8.RuneCount(item[:lead])))
		if !more {
			break
		}
		at += utf8.RuneCount(item) + 1
		inner = rest
		if isBlank(inner) {
			return nil // a trailing comma
		}
	}
	return s
}

// blockScalar reads a literal (|) or folded (>) scalar whose header v is
// on the current line, with its content on the lines below, all indented
// alike and more than ind.
func (p *fastYAML) blockScalar(v []byte, ind, row, col int) (*yaml.Node, bool) {
	chomp := byte(0)
	switch len(v) {
	case 1:
	case 2:
		if chomp = v[1]; chomp != '-' && chomp != '+' {
			return nil, false
		}
	default:
		return nil, false
	}
	p.i++
	if p.i == len(p.lines) || isBlank(p.lines[p.i]) {
		return nil, false
	}
	bi := indentOf(p.lines[p.i])
	if bi <= ind {
		return nil, false
	}
	var text []byte
	blanks := 0 // blank lines since the last line of text
	for ; p.i < len(p.lines); p.i++ {
		line := p.lines[p.i]
		if isBlank(line) {
			if len(line) > bi {
				return nil, false // spaces that are content
			}
			blanks++
			continue
		}
		li := indentOf(line)
		if li < bi {
			break
		}
		if li > bi {
			return nil, false
		}
		switch {
		case len(text) == 0:
		case v[0] == '|':
			text = append(text, '\n')
			for range blanks {
				text = append(text, '\n')
			}
		case blanks == 0:
			text = append(text, ' ')
		default:
			for range blanks {
				text = append(text, '\n')
			}
		}
		text = append(text, line[bi:]...)
		blanks = 0
	}
	if p.nextIndent() > ind && p.nextIndent() < bi {
		return nil, false
	}
	switch chomp {
	case 0:
		text = append(text, '\n')
	case '+':
		text = append(text, '\n')
		for range blanks {
			text = append(text, '\n')
		}
	}
	style := yaml.FoldedStyle
	if v[0] == '|' {
		style = yaml.LiteralStyle
	}
	return p.node(yaml.Node{Kind: yaml.ScalarNode, Style: style, Tag: "!!str", Value: string(text), Line: row, Column: col}), true
}
