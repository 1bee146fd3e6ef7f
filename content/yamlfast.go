package content

import (
	"bytes"
	"math"
	"slices"
	"sync"
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

// fastYAML is one document read by parseFastYAML: a tree of the few facts
// of a yaml.Node that the plain shape can hold. decodeItem decodes it
// straight into an Item; yamlNode turns it into yaml.Node's tree for
// everything else.
type fastYAML struct {
	data  []byte
	text  string   // data as a string: scalars are substrings of it
	lines [][]byte // slices of data without their '\n', capacity to its end
	i     int      // the next line to read
	nodes []fastNode
	keys  int // how many of the nodes are mapping keys
	// stack holds the children of the nodes being read; each node's
	// children are then moved to kids, in one run.
	stack []int32
	kids  []int32
}

// fastNode is one node of a fastYAML tree; the root is nodes[0].
type fastNode struct {
	value string // a scalar's text
	kind  yaml.Kind
	style yaml.Style
	line  int32 // the document's line, from 0
	off   int32 // the document's byte offset
	first int32 // the children are kids[first : first+n]
	n     int32
}

// str returns b, a slice of p.data, as a substring of p.text: all of a
// document's scalars share one string.
func (p *fastYAML) str(b []byte) string {
	off := p.offset(b)
	return p.text[off : off+len(b)]
}

// offset returns the offset of b in p.data. Slices of data made without a
// capacity limit end where data ends, so their capacity gives their
// offset.
func (p *fastYAML) offset(b []byte) int { return cap(p.data) - cap(b) }

// children moves the nodes stacked since start under node n.
func (p *fastYAML) children(n int32, start int) {
	k := len(p.stack) - start
	p.nodes[n].first, p.nodes[n].n = int32(len(p.kids)), int32(k)
	p.kids = append(p.kids, p.stack[start:]...)
	p.stack = p.stack[:start]
}

// kidsOf returns the children of node n.
func (p *fastYAML) kidsOf(n *fastNode) []int32 { return p.kids[n.first : n.first+n.n] }

// node adds a node of kind at b, a slice of the current line, and
// returns its index.
func (p *fastYAML) node(kind yaml.Kind, style yaml.Style, value string, line int, b []byte) int32 {
	p.nodes = append(p.nodes, fastNode{kind: kind, style: style, value: value, line: int32(line), off: int32(p.offset(b))})
	return int32(len(p.nodes) - 1)
}

// column returns the 1-based column of n in code points, as yaml.v3
// counts.
func (p *fastYAML) column(n *fastNode) int {
	start := p.offset(p.lines[n.line])
	return runeCount(p.data[start:n.off]) + 1
}

// null reports whether n is a null scalar: a plain "", "~" or "null" the
// way yaml.v3 resolves it.
func (n *fastNode) null() bool {
	if n.kind != yaml.ScalarNode || n.style != 0 {
		return false
	}
	switch n.value {
	case "", "~", "null", "Null", "NULL":
		return true
	}
	return false
}

// fastPool recycles the trees: only their scalars' text outlives them.
var fastPool = sync.Pool{New: func() any { return new(fastYAML) }}

// maxPooledNodes bounds the trees fastPool keeps.
const maxPooledNodes = 4096

// parseFastYAML reads data, or returns false when data is outside the
// shape it reads. The caller releases the tree when done with it.
func parseFastYAML(data []byte) (*fastYAML, bool) {
	if len(data) == 0 || data[len(data)-1] != '\n' || len(data) > math.MaxInt32 || !fastYAMLBytes(data) {
		return nil, false // front matter ends in a line break
	}
	p := fastPool.Get().(*fastYAML)
	p.data, p.text, p.i, p.keys = data, string(data), 0, 0
	p.lines = slices.Grow(p.lines[:0], bytes.Count(data, []byte("\n")))
	for rest := data; len(rest) > 0; {
		i := bytes.IndexByte(rest, '\n')
		p.lines = append(p.lines, rest[:i])
		rest = rest[i+1:]
	}
	size := 2*len(p.lines) + bytes.Count(data, []byte(",")) + 1
	p.nodes = slices.Grow(p.nodes[:0], size)
	p.kids = slices.Grow(p.kids[:0], size)
	p.stack = p.stack[:0]
	p.skipBlank()
	if p.i == len(p.lines) || indentOf(p.lines[p.i]) != 0 {
		p.release()
		return nil, false
	}
	_, ok := p.mapping(0)
	p.skipBlank()
	if !ok || p.i != len(p.lines) {
		p.release()
		return nil, false
	}
	return p, true
}

// release gives the tree back for reuse; neither it nor its nodes may be
// used after.
func (p *fastYAML) release() {
	if cap(p.nodes) > maxPooledNodes {
		return
	}
	clear(p.lines) // the pool holds no document's bytes or text
	clear(p.nodes)
	p.data, p.text = nil, ""
	fastPool.Put(p)
}

// yamlNode returns the tree as yaml.v3 would have parsed it.
func (p *fastYAML) yamlNode() *yaml.Node {
	slab := make([]yaml.Node, len(p.nodes))
	kids := make([]*yaml.Node, len(p.kids))
	for i, k := range p.kids {
		kids[i] = &slab[k]
	}
	for i := range p.nodes {
		fn, n := &p.nodes[i], &slab[i]
		n.Kind, n.Style, n.Value = fn.kind, fn.style, fn.value
		n.Line, n.Column = int(fn.line)+1, p.column(fn)
		if fn.n > 0 {
			n.Content = kids[fn.first : fn.first+fn.n : fn.first+fn.n]
		}
		switch {
		case fn.kind == yaml.MappingNode:
			n.Tag = "!!map"
		case fn.kind == yaml.SequenceNode:
			n.Tag = "!!seq"
		case fn.style != 0:
			n.Tag = "!!str"
		case fn.null():
			n.Tag = "!!null"
		case maybeNotStr(fn.value[0]):
			n.Tag = n.ShortTag()
		default:
			n.Tag = "!!str"
		}
	}
	return &slab[0]
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
func (p *fastYAML) mapping(ind int) (int32, bool) {
	m := p.node(yaml.MappingNode, 0, "", p.i, p.lines[p.i][ind:])
	start := len(p.stack)
	for {
		line, li, more := p.nextLine()
		switch {
		case !more || li < ind:
			p.children(m, start)
			return m, true
		case li > ind:
			return 0, false
		}
		row := p.i
		k := keyLen(line[ind:])
		if k == 0 {
			return 0, false
		}
		key := p.plain(line[ind:ind+k], row)
		p.keys++
		after := line[ind+k+1:]
		var val int32
		var ok bool
		if len(after) == 0 {
			p.i++
			val, ok = p.nested(ind, row, after)
		} else {
			if after[0] != ' ' {
				return 0, false
			}
			val, ok = p.value(bytes.TrimLeft(after, " "), ind, row)
		}
		if !ok {
			return 0, false
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

// nested reads the value of a key that ends its line (at row, where end
// is the empty rest of the line): a mapping or list on the lines below,
// or null.
func (p *fastYAML) nested(ind, row int, end []byte) (int32, bool) {
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
	return p.node(yaml.ScalarNode, 0, "", row, end), true
}

// sequence reads a block list of one-line scalars whose dashes are
// indented by ind.
func (p *fastYAML) sequence(ind int) (int32, bool) {
	s := p.node(yaml.SequenceNode, 0, "", p.i, p.lines[p.i][ind:])
	start := len(p.stack)
	for {
		line, li, more := p.nextLine()
		if !more || li < ind || li == ind && line[ind] != '-' {
			p.children(s, start)
			return s, true
		}
		if li > ind || len(line) < ind+3 || line[ind+1] != ' ' {
			return 0, false
		}
		item, ok := p.value(bytes.TrimLeft(line[ind+2:], " "), ind, p.i)
		if !ok || p.nodes[item].kind != yaml.ScalarNode || p.nodes[item].style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
			return 0, false
		}
		p.stack = append(p.stack, item)
	}
}

// value reads the value v, the rest of line row of a key (or list item)
// indented by ind, and moves past it.
func (p *fastYAML) value(v []byte, ind, row int) (int32, bool) {
	if len(v) == 0 {
		return 0, false // trailing spaces
	}
	if v[0] == '>' || v[0] == '|' {
		return p.blockScalar(v, ind, row)
	}
	n := int32(-1)
	switch v[0] {
	case '"', '\'':
		n = p.quoted(v, row)
	case '[':
		n = p.flowList(v, row)
	default:
		if plainOK(v, false) {
			n = p.plain(v, row)
		}
	}
	p.i++
	if n < 0 || p.nextIndent() > ind {
		return 0, false // a continuation line, or something to report
	}
	return n, true
}

// plain is a plain scalar; yamlNode resolves its tag.
func (p *fastYAML) plain(v []byte, row int) int32 {
	return p.node(yaml.ScalarNode, 0, p.str(v), row, v)
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

// quoted reads a single- or double-quoted scalar that is all of v, or
// returns -1.
func (p *fastYAML) quoted(v []byte, row int) int32 {
	q := v[0]
	if len(v) < 2 || v[len(v)-1] != q {
		return -1
	}
	body := v[1 : len(v)-1]
	if q == '"' {
		if bytes.IndexByte(body, '"') >= 0 {
			return -1
		}
		return p.node(yaml.ScalarNode, yaml.DoubleQuotedStyle, p.str(body), row, v)
	}
	// Inside single quotes '' is a quote; a lone quote ends the scalar.
	if bytes.Count(body, []byte("'"))%2 != 0 || bytes.Contains(bytes.ReplaceAll(body, []byte("''"), nil), []byte("'")) {
		return -1
	}
	value := p.str(body)
	if bytes.IndexByte(body, '\'') >= 0 {
		value = string(bytes.ReplaceAll(body, []byte("''"), []byte("'")))
	}
	return p.node(yaml.ScalarNode, yaml.SingleQuotedStyle, value, row, v)
}

// flowList reads a one-line flow list of plain scalars that is all of v.
func (p *fastYAML) flowList(v []byte, row int) int32 {
	if v[len(v)-1] != ']' {
		return -1
	}
	s := p.node(yaml.SequenceNode, yaml.FlowStyle, "", row, v)
	inner := v[1 : len(v)-1]
	start := len(p.stack)
	for !isBlank(inner) {
		item, rest, more := bytes.Cut(inner, []byte(","))
		text := bytes.TrimRight(item[indentOf(item):], " ")
		if !plainOK(text, true) {
			return -1
		}
		p.stack = append(p.stack, p.plain(text, row))
		if !more {
			break
		}
		inner = rest
		if isBlank(inner) {
			return -1 // a trailing comma
		}
	}
	p.children(s, start)
	return s
}

// blockScalar reads a literal (|) or folded (>) scalar whose header v is
// on the current line, with its content on the lines below, all indented
// alike and more than ind.
func (p *fastYAML) blockScalar(v []byte, ind, row int) (int32, bool) {
	chomp := byte(0)
	switch len(v) {
	case 1:
	case 2:
		if chomp = v[1]; chomp != '-' && chomp != '+' {
			return 0, false
		}
	default:
		return 0, false
	}
	p.i++
	if p.i == len(p.lines) || isBlank(p.lines[p.i]) {
		return 0, false
	}
	bi := indentOf(p.lines[p.i])
	if bi <= ind {
		return 0, false
	}
	var text []byte
	blanks := 0 // blank lines since the last line of text
	for ; p.i < len(p.lines); p.i++ {
		line := p.lines[p.i]
		if isBlank(line) {
			if len(line) > bi {
				return 0, false // spaces that are content
			}
			blanks++
			continue
		}
		li := indentOf(line)
		if li < bi {
			break
		}
		if li > bi {
			return 0, false
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
		return 0, false
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
	return p.node(yaml.ScalarNode, style, string(text), row, v), true
}
