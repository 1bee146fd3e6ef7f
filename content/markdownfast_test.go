package content

import (
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/chorus-dev/chorus/content/contenttest"
	"github.com/yuin/goldmark/text"
)

// fastProseCases are bodies at the edges of what fastProse reads: each
// either reads the same as goldmark or is refused.
var fastProseCases = []string{
	"",
	"\n\n",
	"plain text\n",
	"plain text",
	"# Heading\n\nText.\n",
	"###### Six\n",
	"####### Seven\n",
	"#Tag line\n",
	"# Closed #\n",
	"#  Two spaces\n",
	"one\ntwo\nthree\n",
	"one\n# heading\n",
	"one\n- item\n",
	"one\n> quote\n",
	"one\n#tag\n",
	"one\n-dash\n",
	"one\n===\n",
	"one\n---\n",
	"- a\n- b\n\n- c\n",
	"- a\nlazy\n",
	"- a\n  more\n",
	"-\n",
	"- # h\n",
	"- [ ] task\n",
	"- [x] task\n",
	"* star item\n",
	"*em* start\n",
	"**strong** start\n",
	"***\n",
	"> a\n> b\n\nc\n",
	"> a\nlazy\n",
	">a\n",
	"> > nested\n",
	"a *b* c\n",
	"a **b** c\n",
	"a *b\nc* d\n",
	"a *b **c** d*\n",
	"a **b* c\n",
	"a *b** c\n",
	"a*b*c\n",
	"a *b*c\n",
	"(*b*)\n",
	"\"*b*\"\n",
	"*b*.\n",
	"*b*, and *c*!\n",
	"a * b * c\n",
	"*a\n",
	"a*\n",
	"a `code` b\n",
	"a `code`\nb\n",
	"a `code` !b\n",
	"a `code`!b\n",
	"a `code` ! b!\n",
	"`code` first\n",
	"a ``code`` b\n",
	"a `unclosed\n",
	"a `*` b *c*\n",
	"*a `*` b*\n",
	"a [link](https://example.com/x) b\n",
	"a [link](https://example.com/x).\n",
	"[link](/x) first\n",
	"a [link](<x>) b\n",
	"a [link](x \"title\") b\n",
	"a [link]( x) b\n",
	"a [li*n*k](x) b\n",
	"a [li`n`k](x) b\n",
	"a [](x) b\n",
	"a [text]() b\n",
	"a [text][ref] b\n\n[ref]: /x\n",
	"a [text] b\n",
	"*a [b](c) d*\n",
	"*[b](c)*\n",
	"[b](c)*d*\n",
	"a ![img](x.png) b\n",
	"a! b!\n",
	"a !b\n",
	"see https://example.com now\n",
	"see www.example.com now\n",
	"see [www.example.com](https://www.example.com) now\n",
	"mail me@example.com\n",
	"a_b_c\n",
	"a ~~b~~ c\n",
	"a | b\n--|--\n",
	"a &amp; b\n",
	"a \\* b\n",
	"a <b>c</b>\n",
	"line  \nbreak\n",
	"line \nnext\n",
	"tab\there\n",
	"    indented\n",
	" one space\n",
	"1. one\n",
	"2024 was good\n",
	"+ plus\n",
	"```\ncode\n```\n",
	"Café *déjà* vu\n",
	"中文 *强调* 中文\n",
	"中文*强调*中文\n",
	"Καλημέρα **κόσμε**!\n",
	"😀 *emoji* 😀\n",
	"a\r\nb\n",
}

func TestFastProseMatchesGoldmark(t *testing.T) {
	var bodies []string
	bodies = append(bodies, fastProseCases...)
	generated := 0
	for path, data := range sampleFiles(t) {
		if filepath.Ext(path) != ".md" {
			continue
		}
		fm, problem := splitFrontMatter(data)
		if problem != "" {
			continue
		}
		bodies = append(bodies, string(data[fm.bodyStart:]))
		if filepath.Dir(path) == "." {
			generated++
		}
	}
	fast, fastGenerated := 0, 0
	for i, body := range bodies {
		if sameProseAsGoldmark(t, []byte(body)) {
			fast++
			if i >= len(fastProseCases) && i < len(fastProseCases)+generated {
				fastGenerated++
			}
		}
	}
	// The cases hold both sides of the line, and generated items, whose
	// bodies keep to the plain subset, take the fast path.
	if fast < 30 || fast > len(bodies)-40 {
		t.Errorf("%d of %d bodies took the fast path; the cases no longer test both paths", fast, len(bodies))
	}
	t.Logf("%d of %d bodies read without a tree", fast, len(bodies))
}

func TestFastProseGeneratedItems(t *testing.T) {
	for i := range 60 {
		item := contenttest.Item(i, Types[i%len(Types)], contenttest.Locales[i%len(contenttest.Locales)], 300)
		data := []byte(item)
		fm, problem := splitFrontMatter(data)
		if problem != "" {
			t.Fatalf("item %d: %s", i, problem)
		}
		if !sameProseAsGoldmark(t, data[fm.bodyStart:]) {
			t.Errorf("generated item %d was refused by fastProse:\n%s", i, data[fm.bodyStart:])
		}
	}
}

// FuzzFastProse checks fastProse against goldmark on arbitrary bodies.
func FuzzFastProse(f *testing.F) {
	for _, c := range fastProseCases {
		f.Add([]byte(c))
	}
	f.Add([]byte(contenttest.Item(4, "promotion", "en-US", 80)))
	f.Fuzz(func(t *testing.T, body []byte) { sameProseAsGoldmark(t, body) })
}

// sameProseAsGoldmark fails t when fastProse reads body otherwise than
// walkBody over goldmark's GFM tree, and reports whether fastProse read
// it. A refusal must leave the item untouched.
func sameProseAsGoldmark(t *testing.T, body []byte) bool {
	t.Helper()
	src := NewSource("content/a.md", body)
	got := &Item{File: src.Path, Src: src}
	if !fastProse(got) {
		if got.Prose != nil || got.Links != nil || got.Suppress != nil || got.Doc != nil {
			t.Fatalf("fastProse refused %q but changed the item", body)
		}
		return false
	}
	want := &Item{File: src.Path, Src: src, Doc: markdown.Parser().Parse(text.NewReader(body))}
	walkBody(want)
	if !reflect.DeepEqual(got.Prose, want.Prose) {
		t.Fatalf("prose of %q differs from goldmark's:\n got %s\nwant %s", body, proseDump(got.Prose), proseDump(want.Prose))
	}
	if !reflect.DeepEqual(got.Links, want.Links) || !reflect.DeepEqual(got.Suppress, want.Suppress) {
		t.Fatalf("links of %q differ from goldmark's:\n got %+v %+v\nwant %+v %+v", body, got.Links, got.Suppress, want.Links, want.Suppress)
	}
	return true
}

// proseDump shows prose blocks with their kinds, levels and spans.
func proseDump(ps []Prose) string {
	var b strings.Builder
	for _, p := range ps {
		fmt.Fprintf(&b, "\n  %d/%d %s %q %v", p.Kind, p.Level, p.Field, p.Text, p.Spans())
	}
	return b.String()
}

// TestInlineByteCoversUnreadText: inline and link skip the bytes inlineByte does
// not mark, so none of them may be one unreadText refuses or one that
// starts a code span, emphasis or a link.
func TestInlineByteCoversUnreadText(t *testing.T) {
	for c := range 256 {
		for _, rest := range []string{"", "://", "ww.", "[", "x"} {
			b := append([]byte{byte(c)}, rest...)
			if !inlineByte[c] && (unreadText(b, 0, len(b)) || strings.IndexByte("`*[", byte(c)) >= 0) {
				t.Errorf("inlineByte[%q] is false, but inline must look at %q", byte(c), b)
			}
		}
	}
}
