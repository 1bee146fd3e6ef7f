package styleguide

import (
	"testing"
	"unicode/utf8"

	"github.com/chorus-dev/chorus/content"
)

// fuzzGuide has a rule of every kind, over English, Chinese and Greek.
const fuzzGuide = brandYAML + `
readability: {max_sentence_words: 3, max_sentence_chars: 4, max_grade: 1}
locales:
  zh:
    terms: [{use: 电子邮件, avoid: [电邮, 電郵]}]
    banned: [{phrase: 免费}]
  el:
    banned: [{phrase: δωρεάν}, {pattern: '(?i)καφ[εέ]', id: kafe}]
`

// runeStarts marks the offsets where decoding text rune by rune starts a
// rune (invalid bytes count as one-byte runes), and the end.
func runeStarts(text string) map[int]bool {
	starts := map[int]bool{len(text): true}
	for i := 0; i < len(text); {
		starts[i] = true
		_, w := utf8.DecodeRuneInString(text[i:])
		i += w
	}
	return starts
}

func FuzzMatcher(f *testing.F) {
	for _, s := range []string{
		"Send an e-mail, the best in the world! AcmeDB's acme-db ACMEDB 🎉 1️⃣ 🇬🇷",
		"请发电邮给我们，免费送货！", "ΔΩΡΕΆΝ καφές; Ναι.", "don’t\u0301 \u200d😀 e-\u00admail",
		"a.b.c 3.14 U.S.A. \"Hi!\" (yes.) no", "\xff\xfe e-mail \xc3", "",
	} {
		f.Add(s, "en")
		f.Add(s, "zh-CN")
		f.Add(s, "el")
	}
	g, fs := Compile([]*content.Source{content.NewSource("styleguide/g.yaml", []byte(fuzzGuide))})
	if len(fs) != 0 {
		f.Fatal(fs)
	}
	f.Fuzz(func(t *testing.T, text, locale string) {
		// One block mapped byte for byte onto line 2 of the file.
		data := "id: f\n" + text + "\n"
		src := content.NewSource("content/f.md", []byte(data))
		it := &content.Item{ID: "f", Type: "promotion", Locale: locale, File: src.Path, Src: src,
			Prose: []content.Prose{content.NewProse(src, "body", content.Paragraph, 0, text, []content.Span{{TextOff: 0, FileOff: 6, Len: len(text)}})}}
		starts := runeStarts(text)
		for _, fd := range g.CheckItem(it) {
			off := fd.Pos.Offset - 6
			if off < 0 || off > len(text) || !starts[off] {
				t.Fatalf("%v: offset %d outside the text or not on a rune boundary", fd, off)
			}
			if fd.Item != "f" || fd.Rule == "" || fd.Message == "" {
				t.Fatalf("incomplete finding %+v", fd)
			}
			if fx := fd.Fix; fx != nil {
				if fx.Offset < 6 || fx.End > 6+len(text) || fx.Offset > fx.End || !starts[fx.Offset-6] || !starts[fx.End-6] {
					t.Fatalf("%v: fix %+v outside the text or not on rune boundaries", fd, fx)
				}
			}
		}
		p := content.NewProse(nil, "text", content.FieldText, 0, text, nil)
		for _, fd := range g.CheckText(it, "sms", []content.Prose{p}) {
			if fd.Channel != "sms" || fd.Fix != nil || fd.Pos.Line != 1 {
				t.Fatalf("bad variant finding %+v", fd)
			}
		}
		g.Disclaimers(it, "sms", text)
	})
}

func FuzzCompile(f *testing.F) {
	for _, s := range []string{
		fuzzGuide, zhYAML, elYAML, benchYAML, "a: &a [*a, *a]\n", "terms: [{use: x, avoid: [y]}]\nterms: {}\n",
		"palette: {colors: {a: '#fff'}, pairs: [[a, a], {fg: a, bg: b, min: x}]}\n", "locales: {zh: {locales: {}}, el: 3}\n",
		"channels: {x: {cta: 1, max_hashtags: -1}}\nemoji: {allow: '*'}\n", "- [\n", "%YAML 1.1\n---\n...\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, y string) {
		srcs := []*content.Source{content.NewSource("styleguide/a.yaml", []byte(y)), content.NewSource("styleguide/b.yaml", []byte(y))}
		g, fs := CompileWith(srcs, Options{Channels: []string{"sms", "x", "web"}})
		if g == nil {
			t.Fatal("nil guide")
		}
		for _, fd := range fs {
			if fd.Rule == "" || fd.Message == "" || fd.Pos.File == "" {
				t.Fatalf("incomplete finding %+v", fd)
			}
		}
		it := newItem("a", "zh-CN", "promotion", title("Free shipping"), para("e-mail 电邮 ΔΩΡΕΆΝ 🎉!!"), override("sms", "AMAZING"))
		g.CheckItem(it)
		g.CheckText(it, "x", []content.Prose{content.NewProse(nil, "text", content.FieldText, 0, "free shipping 🎉", nil)})
		g.Channel("sms")
		g.Palette().CSS()
	})
}
