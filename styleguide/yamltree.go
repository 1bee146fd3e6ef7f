package styleguide

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"

	"github.com/chorus-dev/chorus/content"
	"gopkg.in/yaml.v3"
)

// node is a YAML node that remembers its file, so that the merged style
// guide can still point at the line that said each thing.
type node struct {
	src   *content.Source
	y     *yaml.Node // the node as written: kind, tag, value, line and column
	keys  []*entry   // mapping entries, in order of first appearance
	items []*node    // sequence items
}

// entry is one key: value pair of a mapping.
type entry struct {
	name string
	key  *node
	val  *node
}

// Limits on what one style guide file may build, so that alias bombs and
// absurd nesting end in a finding instead of exhausting memory.
const (
	maxDepth = 64
	maxNodes = 200000
)

func (n *node) kind() yaml.Kind {
	if n == nil {
		return 0
	}
	return n.y.Kind
}

// null reports whether n is absent or an explicit null.
func (n *node) null() bool {
	return n == nil || (n.y.Kind == yaml.ScalarNode && n.y.Tag == "!!null")
}

// get returns the value of key in a mapping, or nil.
func (n *node) get(key string) *node {
	if e := n.entry(key); e != nil {
		return e.val
	}
	return nil
}

// entry returns the entry of key in a mapping, or nil.
func (n *node) entry(key string) *entry {
	if n == nil {
		return nil
	}
	for _, e := range n.keys {
		if e.name == key {
			return e
		}
	}
	return nil
}

// pos is the position of the node in its file.
func (n *node) pos() content.Position {
	if n == nil || n.src == nil {
		return content.Position{Offset: -1}
	}
	return content.Position{
		File:   n.src.Path,
		Line:   n.y.Line,
		Column: n.y.Column,
		Offset: n.src.Offset(n.y.Line, n.y.Column),
	}
}

// kindName names a node kind for messages.
func kindName(n *node) string {
	switch n.kind() {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		switch n.y.Tag {
		case "!!null":
			return "empty"
		case "!!int", "!!float":
			return "a number"
		case "!!bool":
			return "a boolean"
		}
		return "a string"
	}
	return "nothing"
}

var yamlLine = regexp.MustCompile(`line (\d+)`)

// parse reads one style guide file into a node tree. Every document in the
// file is merged into one.
func (c *compiler) parse(src *content.Source) (root *node) {
	defer func() {
		if r := recover(); r != nil {
			c.d.add(content.Finding{
				Pos: content.Position{File: src.Path, Line: 1, Column: 1}, Rule: "schema.syntax",
				Message: fmt.Sprintf("cannot parse YAML: %v", r),
			})
			root = nil
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(src.Data))
	for {
		var doc yaml.Node
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			return root
		}
		if err != nil {
			line := 1
			if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
				if l, e := strconv.Atoi(m[1]); e == nil && l >= 1 && l <= src.LineCount() {
					line = l
				}
			}
			c.d.add(content.Finding{
				Pos: content.Position{File: src.Path, Line: line, Column: 1, Offset: src.Offset(line, 1)}, Rule: "schema.syntax",
				Message: fmt.Sprintf("invalid YAML: %s", yamlError(err)),
			})
			return root
		}
		if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
			continue
		}
		b := &treeBuilder{c: c, src: src}
		t := b.build(doc.Content[0], 0, "")
		if b.overflow {
			c.d.add(content.Finding{
				Pos: content.Position{File: src.Path, Line: 1, Column: 1, Offset: 0}, Rule: "schema.syntax",
				Message: fmt.Sprintf("the file nests deeper than %d levels or expands to more than %d values", maxDepth, maxNodes),
			})
			return root
		}
		root = c.merge(root, t, true, "")
	}
}

// yamlError drops the "yaml: " prefix and the line, which the finding's
// position already gives.
func yamlError(err error) string {
	return yamlPrefix.ReplaceAllString(err.Error(), "")
}

var yamlPrefix = regexp.MustCompile(`^yaml: (line \d+: )?`)

type treeBuilder struct {
	c        *compiler
	src      *content.Source
	count    int
	overflow bool
}

func (b *treeBuilder) build(y *yaml.Node, depth int, path string) *node {
	b.count++
	if depth > maxDepth || b.count > maxNodes {
		b.overflow = true
		return nil
	}
	for y.Kind == yaml.AliasNode {
		if y.Alias == nil {
			return nil
		}
		y = y.Alias
		depth++
		if depth > maxDepth {
			b.overflow = true
			return nil
		}
	}
	n := &node{src: b.src, y: y}
	switch y.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(y.Content); i += 2 {
			k, v := y.Content[i], y.Content[i+1]
			kn := &node{src: b.src, y: k}
			if k.Kind != yaml.ScalarNode {
				b.c.d.errorf(kn, "", "a key must be a plain name, not %s", kindName(kn))
				continue
			}
			vn := b.build(v, depth+1, joinPath(path, k.Value))
			if b.overflow {
				return nil
			}
			if vn == nil {
				vn = &node{src: b.src, y: &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Line: v.Line, Column: v.Column}}
			}
			if e := n.entry(k.Value); e != nil {
				// A key repeated in one mapping merges like a second file.
				e.val = b.c.merge(e.val, vn, true, joinPath(path, k.Value))
				continue
			}
			n.keys = append(n.keys, &entry{name: k.Value, key: kn, val: vn})
		}
	case yaml.SequenceNode:
		for _, it := range y.Content {
			in := b.build(it, depth+1, path)
			if b.overflow {
				return nil
			}
			if in != nil {
				n.items = append(n.items, in)
			}
		}
	}
	return n
}

// merge combines two trees: mappings merge key by key, lists concatenate.
// A scalar given twice with different values keeps the first and, when
// strict, is a finding at the second; otherwise (a locale section laid
// over the top level) the second wins. Neither input is modified.
func (c *compiler) merge(a, b *node, strict bool, path string) *node {
	switch {
	case b.null():
		if a == nil {
			return b
		}
		return a
	case a.null():
		return b
	}
	if a.kind() != b.kind() {
		if strict {
			c.d.errorf(b, path, "%s is %s here but %s at %s", displayPath(path), kindName(b), kindName(a), a.pos())
			return a
		}
		return b
	}
	switch a.kind() {
	case yaml.MappingNode:
		m := &node{src: a.src, y: a.y, keys: append([]*entry(nil), a.keys...)}
		for _, e := range b.keys {
			i := -1
			for j, f := range m.keys {
				if f.name == e.name {
					i = j
					break
				}
			}
			if i < 0 {
				m.keys = append(m.keys, e)
				continue
			}
			f := m.keys[i]
			m.keys[i] = &entry{name: f.name, key: f.key, val: c.merge(f.val, e.val, strict, joinPath(path, e.name))}
		}
		return m
	case yaml.SequenceNode:
		s := &node{src: a.src, y: a.y, items: make([]*node, 0, len(a.items)+len(b.items))}
		s.items = append(append(s.items, a.items...), b.items...)
		return s
	}
	if a.y.Value == b.y.Value {
		return a
	}
	if strict {
		c.d.errorf(b, path, "%s is %q here but %q at %s", displayPath(path), b.y.Value, a.y.Value, a.pos())
		return a
	}
	return b
}

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func displayPath(path string) string {
	if path == "" {
		return "the style guide"
	}
	return path
}
