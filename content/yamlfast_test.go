package content

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/chorus-dev/chorus/content/contenttest"
)

// fastYAMLCases are documents inside and just outside the shape
// parseFastYAML reads.
var fastYAMLCases = []string{
	"id: a\n",
	"id: a\ntype: promotion\nn: 12\nf: 1.5\nb: true\nz:\nt: 2025-03-15\nw: 2025-05-01T18:00:00Z\n",
	"q: \"a é b\"\ns: 'it''s'\nl: [a, b]\ne: []\nf: [ ]\nu: [ελα, b c,d]\n",
	"summary: >\n  one\n  two\n\n  three\n\n\nnext: x\n",
	"a: |\n  one\n\n  two\n",
	"a: >-\n  one\n  two\n",
	"a: |+\n  x\n\n",
	"a: >\n  one\n    more\n",
	"a: >\n\n  late\n",
	"m:\n  x: 1\n  y:\n    z: \"\"\nn: 2\n",
	"seq:\n  - a\n  - 'b'\n  - \"c\"\nt:\n- x\n- y\n",
	"a:\n\n\nb: 1\n",
	"a: x\na: y\n",
	"a: b: c\n",
	"a: b\n  c\n",
	"a: 'b\n  c'\n",
	"a: \"x\\ty\"\n",
	"a: x # comment\n",
	"a: &x 1\nb: *x\n",
	"a: !!str 1\n",
	"a: {b: 1}\n",
	"a:\tb\n",
	"a: b\r\n",
	"- a\n- b\n",
	"a: [b, c,]\n",
	"a: [b, [c]]\n",
	"a: ~\nb: null\nc: 0x1F\nd: .inf\ne: 1_000\nf: yes\n",
	"<<: x\n",
	"a: <<\n",
	"a: -1\nb: - x\n",
	"a:  spaced\nb:   'q'\n",
	"a: trailing \n",
	"overrides:\n  x:\n    text: \"short\"\n  sms:\n    text: plain words, with a comma\n",
	"cta:\n  label: Shop now\n  url: https://acme.example/items/154\n",
	"price: 49.00\ncode: SPRING20\n",
	"",
	"\n\n",
	"a: 1\n  b: 2\n",
	"a:\n  b: 1\n c: 2\n",
	"a:\n  - x\n  y: 1\n",
	"a: \"\"\nb: ''\n",
	"a: '''quoted'''\n",
	"a: >\n  x\n b: 1\n",
	"a: |\n   x\n  y\n",
	"a: >\n  x\n  \n  y\n",
	"a: >\n  x\n     \n  y\n",
}

func TestFastYAMLMatchesYAMLv3(t *testing.T) {
	docs := append([]string(nil), fastYAMLCases...)
	for path, data := range sampleFiles(t) {
		switch filepath.Ext(path) {
		case ".md":
			docs = append(docs, frontYAML(string(data)))
		case ".yaml":
			docs = append(docs, string(data))
		}
	}
	fast := 0
	for _, d := range docs {
		if sameAsYAMLv3(t, []byte(d)) {
			fast++
		}
	}
	// Every generated item is in the fast shape; the examples mostly.
	if fast < 40 {
		t.Errorf("only %d of %d documents took the fast path", fast, len(docs))
	}
}

func FuzzFastYAML(f *testing.F) {
	for _, c := range fastYAMLCases {
		f.Add([]byte(c))
	}
	f.Add([]byte(frontYAML(contenttest.Item(3, "event", "el-GR", 50))))
	f.Fuzz(func(t *testing.T, data []byte) { sameAsYAMLv3(t, data) })
}

// frontYAML returns the YAML between an item's "---" lines.
func frontYAML(item string) string {
	_, rest, _ := strings.Cut(item, "---\n")
	yml, _, _ := strings.Cut(rest, "\n---\n")
	return yml + "\n"
}

// sameAsYAMLv3 fails t when parseFastYAML reads data and yaml.v3 reads
// it differently or not at all; it reports whether the fast path read it.
func sameAsYAMLv3(t *testing.T, data []byte) bool {
	t.Helper()
	got, ok := parseFastYAML(data)
	if !ok {
		return false
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("fast path read %q, yaml.v3 says %v", data, err)
	}
	if len(doc.Content) != 1 {
		t.Fatalf("fast path read %q, yaml.v3 found %d nodes", data, len(doc.Content))
	}
	if g, w := nodeTree(got.yamlNode()), nodeTree(doc.Content[0]); g != w {
		t.Fatalf("fast path read %q as\n%s\nyaml.v3 as\n%s", data, g, w)
	}
	return true
}

// nodeTree writes every field of a node tree, one node a line.
func nodeTree(n *yaml.Node) string {
	var b strings.Builder
	var walk func(n *yaml.Node, depth int)
	walk = func(n *yaml.Node, depth int) {
		fmt.Fprintf(&b, "%*s%d %d %q %q @%d:%d %q %v %q %q %q\n", 2*depth, "", n.Kind, n.Style, n.Tag, n.Value, n.Line, n.Column,
			n.Anchor, n.Alias != nil, n.HeadComment, n.LineComment, n.FootComment)
		for _, c := range n.Content {
			walk(c, depth+1)
		}
	}
	walk(n, 0)
	return b.String()
}
