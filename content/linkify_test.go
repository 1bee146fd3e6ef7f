package content

import (
	"bytes"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// linkifyCases are bodies around the line parseMarkdown draws: URLs and
// addresses that GFM linkify links, and the same prefixes where it
// cannot reach them.
var linkifyCases = []string{
	"plain words only\n",
	"see http://acme.example/a today\n",
	"https://acme.example at the start of a line\n",
	"(www.acme.example) in brackets\n",
	"*www.acme.example* in emphasis\n",
	"~ftp://acme.example/file~\n",
	"write to help@acme.example\n",
	"a [link](https://acme.example/p/1) only\n",
	"an ![image](https://acme.example/i.png \"www.title\")\n",
	"a [broken](https://acme.example/p/1 link\n",
	"[label with http://acme.example/x](/y)\n",
	"`https://acme.example` in code\n",
	"<https://acme.example> autolink\n",
	"<span>www.acme.example</span> in raw HTML\n",
	"\\(http://acme.example) escaped\n",
	"[ref]\n\n[ref]: https://acme.example/r\n",
	"```\nhttp://acme.example in a fence\n```\n",
	"    http://acme.example indented code\n",
	"| a | b |\n|---|---|\n| www.acme.example | [x](http://acme.example) |\n",
	"- [ ] task http://acme.example\n- [x] done\n",
	"text http:/ /not a url and www .no\n",
	"HTTP://ACME.EXAMPLE upper case\n",
	"wwwx.acme and ://alone and www.\n",
	"line one\nwww.acme.example/path?q=1 next line\n",
	"0\t \n0", "0 \t\n0", "0\v \n0", "0\f\n0", "a  \nb", "a\t\nb", "a \r\nb", "a\\\r\nb",
	"a\r \r\nb", "a \u00a0\nb", "# h \t\n", "a\r\n\r\nb  \r\n",
	// spaces after left-out code, cut at a '!' without linkify and at
	// each space with it
	"A `0` ! 0", "a `b`  ! c!\n", "a `b` !\n",
}

// TestParseMarkdownMatchesGFM checks that skipping linkify never changes
// a parse: the HTML, the prose with its spans and the links all equal
// those of the full GFM parser.
func TestParseMarkdownMatchesGFM(t *testing.T) {
	bodies := append([]string(nil), linkifyCases...)
	for path, data := range sampleFiles(t) {
		if filepath.Ext(path) == ".md" {
			bodies = append(bodies, string(data))
		}
	}
	linked := 0
	for _, body := range bodies {
		if sameAsGFM(t, []byte(body)) {
			linked++
		}
	}
	if linked < 10 {
		t.Errorf("only %d of %d bodies hold a link linkify makes; the cases no longer test the fallback", linked, len(bodies))
	}
}

// FuzzParseMarkdown checks parseMarkdown against the full GFM parser on
// arbitrary bodies.
func FuzzParseMarkdown(f *testing.F) {
	for _, c := range linkifyCases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, body []byte) { sameAsGFM(t, body) })
}

// sameAsGFM fails t when parseMarkdown and the full GFM parser disagree
// on body, and reports whether GFM made an autolink of bare text.
func sameAsGFM(t *testing.T, body []byte) bool {
	t.Helper()
	want := markdown.Parser().Parse(text.NewReader(body))
	got := parseMarkdown(body)
	if g, w := dumpTree(got, body), dumpTree(want, body); g != w {
		t.Fatalf("parse of %q differs from GFM:\n got %s\nwant %s", body, g, w)
	}
	var gotHTML, wantHTML bytes.Buffer
	if err := markdown.Renderer().Render(&gotHTML, body, got); err != nil {
		t.Fatal(err)
	}
	if err := markdown.Renderer().Render(&wantHTML, body, want); err != nil {
		t.Fatal(err)
	}
	if gotHTML.String() != wantHTML.String() {
		t.Fatalf("HTML of %q differs from GFM:\n got %s\nwant %s", body, gotHTML.String(), wantHTML.String())
	}
	src := NewSource("content/a.md", body)
	walk := func(doc ast.Node) *Item {
		it := &Item{File: src.Path, Src: src, Doc: doc}
		walkBody(it)
		return it
	}
	g, w := walk(got), walk(want)
	if !reflect.DeepEqual(g.Prose, w.Prose) || !reflect.DeepEqual(g.Links, w.Links) || !reflect.DeepEqual(g.Suppress, w.Suppress) {
		t.Fatalf("prose or links of %q differ from GFM:\n got %+v %+v\nwant %+v %+v", body, g.Prose, g.Links, w.Prose, w.Links)
	}
	autolink := false
	_ = ast.Walk(want, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if l, ok := n.(*ast.AutoLink); ok && entering && !bytes.HasPrefix(body[max(l.Pos(), 0):], []byte("<")) {
			autolink = true
		}
		return ast.WalkContinue, nil
	})
	return autolink
}

// dumpTree writes a tree's node kinds, text and link targets, one node a
// line. Text nodes that continue one another on a line are written as
// one: linkify, even where it links nothing, cuts text at every space.
func dumpTree(doc ast.Node, body []byte) string {
	type line struct {
		kind   string
		text   []byte
		soft   bool
		hard   bool
		target string
	}
	var lines []line
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		l := line{kind: n.Kind().String()}
		switch n := n.(type) {
		case *ast.Text:
			if p, ok := n.PreviousSibling().(*ast.Text); ok && p.Segment.Stop == n.Segment.Start && !p.SoftLineBreak() && !p.HardLineBreak() {
				last := &lines[len(lines)-1]
				last.text = append(last.text, n.Segment.Value(body)...)
				last.soft, last.hard = n.SoftLineBreak(), n.HardLineBreak()
				return ast.WalkContinue, nil
			}
			l.text = append([]byte(nil), n.Segment.Value(body)...)
			l.soft, l.hard = n.SoftLineBreak(), n.HardLineBreak()
		case *ast.AutoLink:
			l.target = string(n.URL(body))
		case *ast.Link:
			l.target = string(n.Destination)
		}
		lines = append(lines, l)
		return ast.WalkContinue, nil
	})
	var b strings.Builder
	for _, l := range lines {
		fmt.Fprintf(&b, "%s %q %q soft=%v hard=%v\n", l.kind, l.text, l.target, l.soft, l.hard)
	}
	return b.String()
}
