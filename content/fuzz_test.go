package content

import (
	"testing"
)

// FuzzFrontMatter feeds arbitrary bytes to the item parser: it must not
// panic, every finding must point at a real place in the file, and a
// returned item must have sound prose and field positions.
func FuzzFrontMatter(f *testing.F) {
	f.Add([]byte(proseDoc))
	f.Add([]byte(fm("offre: x\n")))
	f.Add([]byte(promo("  was: 50.00\n")))
	f.Add([]byte("---\r\nid: a\r\ntitle: \"x\\u00e9\"\r\n---\r\n# Hi\r\n"))
	f.Add([]byte("\xEF\xBB\xBF---\nid: a\n...\n"))
	f.Add([]byte("---\na: &a [*a]\n---\n"))
	f.Add([]byte("---\nsummary: [unclosed\n---\n"))
	f.Add([]byte("---\nid: a\ntitle: 春\xff\n---\n"))
	f.Add([]byte(""))
	cfg := DefaultConfig()
	cfg.Locales = []LocaleConfig{{Code: "zh-CN"}, {Code: "el-GR"}}
	f.Fuzz(func(t *testing.T, data []byte) {
		it, fs := ParseItem("content/a.md", data, cfg, testChannels)
		src := NewSource("content/a.md", data)
		for _, fd := range fs {
			if fd.Pos.File != "content/a.md" {
				t.Fatalf("finding in %q: %v", fd.Pos.File, fd)
			}
			validPos(t, src, fd.Pos)
			if fd.Rule == "" || fd.Message == "" {
				t.Fatalf("finding without rule or message: %+v", fd)
			}
		}
		if it == nil {
			return
		}
		for i := range it.Prose {
			checkSpans(t, &it.Prose[i])
		}
		for _, f := range it.Fields {
			if f.Offset < 0 || f.Offset > len(data) {
				t.Fatalf("field %s at offset %d of %d bytes", f.Path, f.Offset, len(data))
			}
			validPos(t, src, it.FieldPos(f.Path))
		}
		for _, l := range it.Links {
			validPos(t, src, l.Pos)
		}
		_ = it.HTML()
		_ = it.PlainText()
	})
}

// FuzzProse parses arbitrary Markdown bodies: every prose span must map
// onto file bytes equal to its text bytes.
func FuzzProse(f *testing.F) {
	head := "---\nid: a\ntype: article\ntitle: T\nsummary: S\n---\n"
	for _, s := range []string{
		proseDoc[len("---\n"):],
		"Our *range* is `code` here [a](b) ![c](d) <https://x.org> www.x.org\n",
		"5 \\* 3 AT&amp;T &#x26; &#0; &bogus;\n\n| a | b |\n|---|---|\n| *c* | `d` |\n",
		"> quote\n> more\n\n- [ ] task\n- item  \n  hard\n",
		"<!-- chorus-disable a -->\ntext <!-- chorus-enable --> more\n",
		"[ref][r]\n\n[r]: <https://x.org> \"t\"\n",
		"春季*大促*销\r\nΑνοιξ\r\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		data := []byte(head + body)
		it, _ := ParseItem("content/a.md", data, DefaultConfig(), testChannels)
		if it == nil {
			return // the body broke the file (a NUL byte, bad UTF-8)
		}
		src := it.Src
		for i := range it.Prose {
			p := &it.Prose[i]
			checkSpans(t, p)
			for off := 0; off <= len(p.Text); off++ {
				fo, _ := p.FileOffset(off)
				if fo < 0 || fo > len(src.Data) {
					t.Fatalf("%q offset %d maps outside the file: %d", p.Text, off, fo)
				}
			}
		}
		for _, l := range it.Links {
			validPos(t, src, l.Pos)
		}
		for _, s := range it.Suppress {
			if s.FromLine < 1 || s.FromLine > src.LineCount() || s.ToLine < 0 || s.ToLine > src.LineCount() {
				t.Fatalf("suppression %+v outside %d lines", s, src.LineCount())
			}
		}
	})
}
