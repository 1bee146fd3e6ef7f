package content

import (
	"fmt"
	"strings"
	"testing"
)

// proseDoc exercises every front-matter scalar style and the body
// constructs prose is taken from. Line numbers are in the comments of
// TestProseText and TestProsePositions.
const proseDoc = "---\n" +
	"id: spring-sale\n" + // 2
	"type: event\n" +
	"title: 'It''s spring'\n" + // 4
	"summary: >\n" +
	"  First line\n" +
	"  second line\n" + // 7
	"event:\n" +
	"  starts: 2025-05-01T18:00:00Z\n" +
	"  venue: \"Acme \\\"Main\\\" Hall\"\n" + // 10
	"cta:\n" +
	"  label: Book now\n" + // 12
	"  url: https://acme.example/book\n" +
	"image:\n" +
	"  src: /img/a.jpg\n" + // 15
	"  alt: |\n" +
	"    A red coat\n" +
	"    on a hook\n" + // 18
	"overrides:\n" +
	"  x:\n" + // 20
	"    text: \"caf\\u00e9 time\"\n" +
	"  sms:\n" +
	"    text: Spring\n" +
	"      sale today\n" + // 24
	"---\n" +
	"# Spring **sale**\n" + // 26
	"\n" +
	"Our range is *20% off* until\n" + // 28
	"Sunday. See [the range](https://acme.example/r) or `code` here.\n" +
	"\n" + // 30
	"- item one\n" +
	"- item **two**\n" +
	"\n" +
	"| Head | Cell |\n" +
	"|------|------|\n" + // 35
	"| left | right |\n" +
	"\n" +
	"> quoted text\n" +
	"\n" +
	"```\n" + // 40
	"code block\n" +
	"```\n" +
	"\n" +
	"<div>html</div>\n" +
	"\n" + // 45
	"5 \\* 3 AT&amp;T\n" +
	"\n" +
	"春季大促销，全场八折。\n" + // 48
	"\n" +
	"Ανοιξιάτικη έκπτωση σε όλα.\n" // 50

func parseTestItem(t *testing.T, rel, doc string) *Item {
	t.Helper()
	cfg, fs := ParseConfig([]byte(testConfig), testChannels)
	if len(fs) > 0 {
		t.Fatalf("config findings: %v", fs)
	}
	it, fs := ParseItem(rel, []byte(doc), cfg, testChannels)
	if len(fs) > 0 || it == nil {
		t.Fatalf("findings: %v", findingStrings(fs))
	}
	for i := range it.Prose {
		checkSpans(t, &it.Prose[i])
	}
	return it
}

func proseSummary(it *Item) []string {
	var out []string
	for _, p := range it.Prose {
		out = append(out, fmt.Sprintf("%s %d %d %q", p.Field, p.Kind, p.Level, p.Text))
	}
	return out
}

func TestProseText(t *testing.T) {
	want := []string{
		`title 2 0 "It's spring"`,
		`summary 2 0 "First line second line\n"`,
		`cta.label 2 0 "Book now"`,
		`image.alt 2 0 "A red coat\non a hook\n"`,
		`event.venue 2 0 "Acme \"Main\" Hall"`,
		`overrides.x.text 2 0 "café time"`,
		`overrides.sms.text 2 0 "Spring sale today"`,
		`body 1 1 "Spring sale"`,
		`body 0 0 "Our range is 20% off until Sunday. See the range or here."`,
		`body 0 0 "item one"`,
		`body 0 0 "item two"`,
		`body 0 0 "Head"`,
		`body 0 0 "Cell"`,
		`body 0 0 "left"`,
		`body 0 0 "right"`,
		`body 0 0 "quoted text"`,
		`body 0 0 "5 * 3 AT&T"`,
		`body 0 0 "春季大促销，全场八折。"`,
		`body 0 0 "Ανοιξιάτικη έκπτωση σε όλα."`,
	}
	for _, eol := range []string{"\n", "\r\n"} {
		t.Run(fmt.Sprintf("eol %q", eol), func(t *testing.T) {
			it := parseTestItem(t, "content/a.md", strings.ReplaceAll(proseDoc, "\n", eol))
			diffLines(t, proseSummary(it), want)
		})
	}
}

func TestProsePositions(t *testing.T) {
	tests := []struct {
		field string // prose field; "" for the first prose holding the text
		text  string // a piece of the prose text; its first byte is looked up
		want  string // line:col of that byte
		exact bool
	}{
		{"title", "spring", "4:15", true},
		{"title", "'", "4:11", true}, // the first quote of ''
		{"summary", "First", "6:3", true},
		{"summary", "second", "7:3", true},
		{"summary", " second", "7:3", false}, // a folded line break has no byte
		{"event.venue", "Main", "10:18", true},
		{"event.venue", `"`, "10:17", true}, // the quote after the backslash
		{"cta.label", "now", "12:15", true},
		{"image.alt", "A red", "17:5", true},
		{"image.alt", "hook", "18:10", true},
		{"overrides.x.text", "caf", "21:12", true},
		{"overrides.x.text", "é", "21:21", false}, // an escape maps to the next byte
		{"overrides.x.text", "time", "21:22", true},
		{"overrides.sms.text", "sale", "24:7", true},
		{"body", "sale", "26:12", true},
		{"body", "20%", "28:15", true},
		{"body", "until", "28:24", true},
		{"body", " Sunday", "29:1", false},
		{"body", "Sunday", "29:1", true},
		{"body", "the range", "29:14", true},
		{"body", "here", "29:59", true},
		{"body", "one", "31:8", true},
		{"body", "two", "32:10", true},
		{"body", "Cell", "34:10", true},
		{"body", "right", "36:10", true},
		{"body", "quoted", "38:3", true},
		{"body", "*", "46:4", true},
		{"body", "AT", "46:8", true},
		{"body", "&T", "46:15", false},
		{"body", "大促", "48:3", true},
		{"body", "全场", "48:7", true},
		{"body", "έκπτωση", "50:13", true},
	}
	for _, eol := range []string{"\n", "\r\n"} {
		it := parseTestItem(t, "content/a.md", strings.ReplaceAll(proseDoc, "\n", eol))
		for _, tt := range tests {
			t.Run(fmt.Sprintf("%q %s %q", eol, tt.field, tt.text), func(t *testing.T) {
				for i := range it.Prose {
					p := &it.Prose[i]
					if p.Field != tt.field && !(tt.field == "body" && p.Field == "body") {
						continue
					}
					idx := strings.Index(p.Text, tt.text)
					if idx < 0 {
						continue
					}
					pos := p.Pos(idx)
					_, exact := p.FileOffset(idx)
					if got := fmt.Sprintf("%d:%d", pos.Line, pos.Column); got != tt.want || exact != tt.exact || pos.File != "content/a.md" {
						t.Errorf("%q in %q: got %s:%s exact=%v, want %s exact=%v", tt.text, p.Text, pos.File, got, exact, tt.want, tt.exact)
					}
					return
				}
				t.Fatalf("no %s prose holds %q", tt.field, tt.text)
			})
		}
	}
}

func TestContiguous(t *testing.T) {
	it := parseTestItem(t, "content/a.md", proseDoc)
	var body *Prose
	for i := range it.Prose {
		if strings.HasPrefix(it.Prose[i].Text, "Our range") {
			body = &it.Prose[i]
		}
	}
	// "20% off" sits inside one run of the file; "until Sunday" spans a
	// line break; "off until" spans the closing emphasis marker.
	for _, tt := range []struct {
		text string
		ok   bool
	}{{"20% off", true}, {"until Sunday", false}, {"off until", false}} {
		i := strings.Index(body.Text, tt.text)
		fs, fe, ok := body.Contiguous(i, i+len(tt.text))
		if ok != tt.ok {
			t.Errorf("%q: contiguous = %v, want %v", tt.text, ok, tt.ok)
		}
		if ok && string(it.Src.Data[fs:fe]) != tt.text {
			t.Errorf("%q: file bytes %q", tt.text, it.Src.Data[fs:fe])
		}
	}
}

func TestPlainTextAndHTML(t *testing.T) {
	it := parseTestItem(t, "content/a.md", "---\nid: a\ntype: article\ntitle: T\nsummary: S\n---\n"+
		"# Hi\n\nOne *two*\nthree.\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1)) `c`\n")
	if got, want := it.PlainText(), "Hi\n\nOne two three.\n\nx"; got != want {
		t.Errorf("PlainText = %q, want %q", got, want)
	}
	want := "<h1>Hi</h1>\n<p>One <em>two</em>\nthree.</p>\n<!-- raw HTML omitted -->\n<p><a href=\"\">x</a> <code>c</code></p>\n"
	if got := it.HTML(); got != want {
		t.Errorf("HTML = %q, want %q", got, want)
	}
}

func TestScalarStyles(t *testing.T) {
	tests := []struct {
		value string // the title's value, starting on line 4 column 8
		text  string // the expected title text
		word  string
		want  string // line:col of word
		exact bool
	}{
		{"Spring sale", "Spring sale", "sale", "4:15", true},
		{"Spring sale # a comment", "Spring sale", "sale", "4:15", true},
		{"&t !!str Spring sale", "Spring sale", "sale", "4:24", true},
		{"Spring\n  sale", "Spring sale", "sale", "5:3", true},
		{"'a ''b'' c'", "a 'b' c", "b", "4:13", true},
		{"\"tab\\there\"", "tab\there", "here", "4:14", true},
		{"\"one \\\n  two\"", "one two", "two", "5:3", true},
		{"\"\\x41BC \\U0001F600 ok\"", "ABC 😀 ok", "ok", "4:27", true},
		{"\"\\x41BC\"", "ABC", "A", "4:13", false},
		{"|-\n  line one\n    indented\n  end", "line one\n  indented\nend", "indented", "6:5", true},
		{">+\n  folded\n  text\n\n", "folded text\n\n\n", "text", "6:3", true},
		{"春季 大促销", "春季 大促销", "大促", "4:11", true},
		{"\"Ανοιξιάτικη \\\"έκπτωση\\\"\"", "Ανοιξιάτικη \"έκπτωση\"", "έκπτωση", "4:23", true},
	}
	for _, tt := range tests {
		t.Run(tt.value, func(t *testing.T) {
			it := parseTestItem(t, "content/a.md", "---\nid: a\ntype: article\ntitle: "+tt.value+"\nsummary: S\n---\n")
			p := &it.Prose[0]
			if p.Field != "title" || p.Text != tt.text {
				t.Fatalf("prose %s %q, want title %q", p.Field, p.Text, tt.text)
			}
			i := strings.Index(p.Text, tt.word)
			pos := p.Pos(i)
			_, exact := p.FileOffset(i)
			if got := fmt.Sprintf("%d:%d", pos.Line, pos.Column); got != tt.want || exact != tt.exact {
				t.Errorf("%q: got %s exact=%v, want %s exact=%v", tt.word, got, exact, tt.want, tt.exact)
			}
		})
	}
}

func TestByteOrderMark(t *testing.T) {
	it := parseTestItem(t, "content/a.md", "\xEF\xBB\xBF---\nid: a\ntype: article\ntitle: Hello\nsummary: S\n---\nBody text\n")
	if p := it.FieldPos("title"); p.Line != 4 || p.Column != 8 {
		t.Errorf("title at %v, want 4:8", p)
	}
	if got := it.Prose[len(it.Prose)-1]; got.Text != "Body text" || got.Pos(0).Line != 7 {
		t.Errorf("body prose %q at %v", got.Text, got.Pos(0))
	}
}
