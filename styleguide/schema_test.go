package styleguide

import (
	"strings"
	"testing"

	"github.com/chorus-dev/chorus/content"
)

func TestSchemaFindings(t *testing.T) {
	tests := []struct {
		name  string
		opts  Options
		yamls []string
		want  []string
	}{
		{"unknown keys with did you mean", Options{}, []string{"temrs:\n  - use: email\ncasing: [AcmeDB]\nterms:\n  - use: email\n    avod: [e-mail]\n"}, []string{
			`styleguide/a.yaml:1:1 error schema.temrs: unknown key "temrs" (did you mean "terms"?)`,
			`styleguide/a.yaml:5:5 error schema.terms: term "email" needs avoid: the wordings to replace`,
			`styleguide/a.yaml:6:5 error schema.terms.avod: unknown key "avod" (did you mean "avoid"?)`,
		}},
		{"unknown key without a close name lists the known ones", Options{}, []string{"headings: {case: sentence, xyzzy: 1}\n"}, []string{
			`styleguide/a.yaml:1:28 error schema.headings.xyzzy: unknown key "xyzzy" (known: case, severity, only)`,
		}},
		{"bad values", Options{}, []string{`
terms:
  - use: email
    avoid: e-mail
    severity: warn
readability: {max_sentence_words: many, max_grade: 0}
punctuation: {max_exclamations: -1}
links: {https: yes}
banned:
  - pattern: '(?i)guarantee('
    id: guarantee
  - pattern: 'x'
  - phrase: a
    pattern: b
headings: {case: titel}
`}, []string{
			`styleguide/a.yaml:5:15 error schema.terms.severity: unknown severity "warn" (did you mean "warning"?)`,
			`styleguide/a.yaml:6:35 error schema.readability.max_sentence_words: readability.max_sentence_words must be a whole number, not a string`,
			`styleguide/a.yaml:6:52 error schema.readability.max_grade: readability.max_grade must be at least 1, not 0`,
			`styleguide/a.yaml:7:33 error schema.punctuation.max_exclamations: punctuation.max_exclamations must be at least 0, not -1`,
			`styleguide/a.yaml:8:16 error schema.links.https: links.https must be true or false, not a string`,
			"styleguide/a.yaml:10:14 error schema.banned.pattern: invalid pattern: error parsing regexp: missing closing ): `(?i)guarantee(`",
			`styleguide/a.yaml:12:5 error schema.banned: a banned pattern needs id: (the rule id is banned.<id>)`,
			`styleguide/a.yaml:13:5 error schema.banned: a banned entry needs exactly one of phrase: or pattern:`,
			`styleguide/a.yaml:15:18 error schema.headings.case: unknown heading case "titel" (did you mean "title"?)`,
		}},
		{"claims need a known disclaimer", Options{}, []string{"claims:\n  - trigger: free shipping\n    disclaimer: shiping\ndisclaimers:\n  shipping: Orders over $50.\n"}, []string{
			`styleguide/a.yaml:3:17 error schema.claims.disclaimer: unknown disclaimer "shiping" (did you mean "shipping"?)`,
		}},
		{"channels against the known list", Options{Channels: []string{"web", "sms", "instagram"}}, []string{"channels:\n  instagam: {max_hashtags: 3}\n  Web: {cta: Go}\nemoji:\n  allow: [sms, tiktok]\nbanned:\n  - phrase: x\n    only: {channels: [web], types: [promo]}\n"}, []string{
			`styleguide/a.yaml:2:3 error schema.channels: unknown channel "instagam" (did you mean "instagram"?)`,
			`styleguide/a.yaml:3:3 error schema.channels: channel id "Web" must be lowercase letters, digits, '-' or '_'`,
			`styleguide/a.yaml:5:16 error schema.emoji.allow: unknown channel "tiktok" (known: instagram, sms, web)`,
			`styleguide/a.yaml:8:37 error schema.banned.only.types: unknown item type "promo" (did you mean "promotion"?)`,
		}},
		{"channel disclaimers setting", Options{}, []string{"channels:\n  x: {disclaimers: lnk}\n  sms: {disclaimers: [link]}\n  push: {disclaimers: link, dislaimers: text}\n"}, []string{
			`styleguide/a.yaml:2:20 error schema.channels.x.disclaimers: unknown disclaimers setting "lnk" (did you mean "link"?)`,
			`styleguide/a.yaml:3:22 error schema.channels.sms.disclaimers: channels.sms.disclaimers must be a string, not a list`,
			`styleguide/a.yaml:4:29 error schema.channels.push.dislaimers: unknown key "dislaimers" (did you mean "disclaimers"?)`,
		}},
		{"palette colors and pairs", Options{}, []string{`
palette:
  colors: {ink: "#1B1B1B", paper: "#fff", grey: "#777777", Bad: "#000", mud: "brown"}
  pairs: [[ink, paper], [grey, paper], [paper, inc], {fg: grey, bg: paper, min: 4.4}]
`}, []string{
			`styleguide/a.yaml:3:60 error schema.palette.colors: color name "Bad" must be lowercase letters, digits or '-' (it becomes --Bad in CSS)`,
			`styleguide/a.yaml:3:78 error schema.palette.colors.mud: color mud: "brown" is not a #RGB or #RRGGBB color`,
			`styleguide/a.yaml:4:25 error palette.contrast: grey (#777777) on paper (#FFFFFF) has contrast 4.48:1; WCAG AA needs 4.5:1`,
			`styleguide/a.yaml:4:48 error schema.palette.pairs: unknown color "inc" (did you mean "ink"?)`,
		}},
		{"merge conflict across files, lists concatenate", Options{}, []string{
			"readability:\n  max_grade: 9\nterms:\n  - {use: email, avoid: [e-mail]}\n",
			"readability:\n  max_grade: 10\n  max_sentence_words: 30\nterms:\n  - {use: sign in, avoid: [login]}\nreadability:\n  max_grade: 9\n",
		}, []string{
			`styleguide/b.yaml:2:14 error schema.readability.max_grade: readability.max_grade is "10" here but "9" at styleguide/a.yaml:2:14`,
			`styleguide/b.yaml:7:14 error schema.readability.max_grade: readability.max_grade is "9" here but "10" at styleguide/b.yaml:2:14`,
		}},
		{"kind conflict across files", Options{}, []string{"terms: []\n", "terms: {use: x}\n"}, []string{
			`styleguide/b.yaml:1:8 error schema.terms: terms is a mapping here but a list at styleguide/a.yaml:1:8`,
		}},
		{"locale sections", Options{}, []string{"locales:\n  zh_CN: {terms: []}\n  el:\n    palette: {}\n    temrs: []\n  en: [1]\n"}, []string{
			`styleguide/a.yaml:2:3 error schema.locales: "zh_CN" is not a BCP 47 locale (such as en-US or zh-CN)`,
			`styleguide/a.yaml:4:5 error schema.palette: palette is set for the whole guide, not per locale`,
			`styleguide/a.yaml:5:5 error schema.temrs: unknown key "temrs" (did you mean "terms"?)`,
			`styleguide/a.yaml:6:7 error schema.locales.en: locale section en must be a mapping of rules, not a list`,
		}},
		{"syntax error", Options{}, []string{"terms:\n  - use: [\n"}, []string{
			`styleguide/a.yaml:2:1 error schema.syntax: invalid YAML: did not find expected node content`,
		}},
		{"not a mapping", Options{}, []string{"- terms\n"}, []string{
			`styleguide/a.yaml:1:1 error schema: the style guide must be a mapping of sections (terms, casing, ...), not a list`,
		}},
		{"alias loop is bounded", Options{}, []string{"a: &a [*a, *a]\n"}, []string{
			`styleguide/a.yaml:1:1 error schema.syntax: the file nests deeper than 64 levels or expands to more than 200000 values`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, fs := compileStrings(tt.opts, tt.yamls...)
			if g == nil {
				t.Fatal("nil guide")
			}
			diffLines(t, formatAll(nil, fs), tt.want)
		})
	}
}

func TestSuggest(t *testing.T) {
	known := []string{"terms", "casing", "banned", "readability", "punctuation"}
	for in, want := range map[string]string{
		"temrs": "terms", "Terms": "terms", "casnig": "casing", "readabilty": "readability",
		"punctation": "punctuation", "xyz": "", "bannd": "banned", "cas": "casing", "ca": "", "warn": "",
	} {
		if got := suggest(in, known); got != want {
			t.Errorf("suggest(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMergedRulesBothApply(t *testing.T) {
	g := guideFrom(t,
		"terms:\n  - {use: email, avoid: [e-mail]}\nreadability: {max_sentence_words: 5}\n",
		"terms:\n  - {use: sign in, avoid: [login]}\nreadability: {max_sentence_words: 5}\n")
	it := newItem("a", "en", "article", para("Login by e-mail."))
	diffLines(t, formatAll(it, g.CheckItem(it)), []string{
		`2:1 warning terms.sign-in: use "Sign in" instead of "Login" fix "Login"→"Sign in"`,
		`2:10 warning terms.email: use "email" instead of "e-mail" fix "e-mail"→"email"`,
	})
}

func TestLocaleSections(t *testing.T) {
	g := guideFrom(t, `
terms: [{use: email, avoid: [e-mail]}]
readability: {max_sentence_words: 3}
locales:
  zh:
    terms: [{use: 电子邮件, avoid: [电邮]}]
    readability: {max_sentence_chars: 4}
  zh-TW:
    terms: [{use: 電子郵件, avoid: [電郵]}]
  el:
    readability: {max_sentence_words: 10}
`)
	text := "e-mail 电邮 電郵 一二三四五。"
	tests := []struct {
		locale string
		want   []string
	}{
		{"en-US", []string{
			`2:1 suggestion readability.sentence_length: sentence has 11 characters (max 6)`,
			`2:1 warning terms.email: use "email" instead of "e-mail" fix "e-mail"→"email"`,
		}},
		{"zh-CN", []string{
			`2:1 suggestion readability.sentence_length: sentence has 11 characters (max 4)`,
			`2:1 warning terms.email: use "email" instead of "e-mail" fix "e-mail"→"email"`,
			`2:8 warning terms.电子邮件: use "电子邮件" instead of "电邮" fix "电邮"→"电子邮件"`,
		}},
		{"zh-TW", []string{
			`2:1 suggestion readability.sentence_length: sentence has 11 characters (max 4)`,
			`2:1 warning terms.email: use "email" instead of "e-mail" fix "e-mail"→"email"`,
			`2:8 warning terms.电子邮件: use "电子邮件" instead of "电邮" fix "电邮"→"电子邮件"`,
			`2:11 warning terms.電子郵件: use "電子郵件" instead of "電郵" fix "電郵"→"電子郵件"`,
		}},
		{"el", []string{
			`2:1 warning terms.email: use "email" instead of "e-mail" fix "e-mail"→"email"`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.locale, func(t *testing.T) {
			it := newItem("a", tt.locale, "article", para(text))
			diffLines(t, formatAll(it, g.CheckItem(it)), tt.want)
		})
	}
}

func TestScope(t *testing.T) {
	g := guideFrom(t, `
banned:
  - {phrase: hurry, only: {types: [promotion]}}
  - {phrase: cheap, only: {locales: [en-GB]}}
  - {phrase: click, only: {channels: [sms]}}
  - {phrase: shout, only: {locales: [en]}}
`)
	text := "hurry, cheap, click, shout"
	tests := []struct {
		name, typ, locale string
		blocks            []blk
		want              []string
	}{
		{"article en-US", "article", "en-US", []blk{para(text)}, []string{
			`2:22 error banned.shout: avoid "shout"`,
		}},
		{"promotion en-GB", "promotion", "en-GB", []blk{para(text)}, []string{
			`2:1 error banned.hurry: avoid "hurry"`,
			`2:8 error banned.cheap: avoid "cheap"`,
			`2:22 error banned.shout: avoid "shout"`,
		}},
		{"channel rule on that channel's override only", "article", "fr", []blk{para(text), override("sms", text), override("x", text)}, []string{
			`3:35 error banned.click: avoid "click"`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			it := newItem("a", tt.locale, tt.typ, tt.blocks...)
			diffLines(t, formatAll(it, g.CheckItem(it)), tt.want)
		})
	}
}

func TestSuppression(t *testing.T) {
	g := guideFrom(t, brandYAML)
	it := newItem("a", "en", "article", para("Send an e-mail."), para("Send an e-mail, the best in the world."), para("An e-mail."))
	it.Suppress = []content.Suppression{{Rules: []string{"terms"}, FromLine: 3, ToLine: 3}, {FromLine: 4}}
	diffLines(t, formatAll(it, g.CheckItem(it)), []string{
		`2:9 warning terms.email: use "email" instead of "e-mail" fix "e-mail"→"email"`,
		`3:21 error banned.best-in-the-world: avoid "best in the world": We never claim superlatives we cannot prove.`,
	})
}

func TestFixAcrossLineBreakIsOmitted(t *testing.T) {
	g := guideFrom(t, brandYAML)
	// "best in the\nworld": the text's space stands for a line break, so
	// the phrase does not map onto one run of the file.
	data := "id: a\nThe best in the\nworld and an e-mail.\n"
	src := content.NewSource("content/a.md", []byte(data))
	text := "The best in the world and an e-mail."
	it := &content.Item{ID: "a", Type: "article", File: src.Path, Src: src, Prose: []content.Prose{
		content.NewProse(src, "body", content.Paragraph, 0, text, []content.Span{{TextOff: 0, FileOff: 6, Len: 15}, {TextOff: 16, FileOff: 22, Len: 20}}),
	}}
	diffLines(t, formatAll(it, g.CheckItem(it)), []string{
		`2:5 error banned.best-in-the-world: avoid "best in the world": We never claim superlatives we cannot prove.`,
		`3:14 warning terms.email: use "email" instead of "e-mail" fix "e-mail"→"email"`,
	})
}

func TestCompileNeverNil(t *testing.T) {
	for _, in := range [][]*content.Source{nil, {nil}, {content.NewSource("s.yaml", nil)}, {content.NewSource("s.yaml", []byte("~"))}} {
		g, fs := Compile(in)
		if g == nil || len(fs) != 0 {
			t.Fatalf("Compile(%v) = %v, %v", in, g, fs)
		}
		it := newItem("a", "en", "article", para("anything at all!!!"))
		if got := g.CheckItem(it); len(got) != 0 {
			t.Fatalf("empty guide found %v", got)
		}
	}
	var g *Guide
	if g.CheckItem(newItem("a", "en", "article")) != nil || g.Channel("sms").CTA != "Reply" || g.Palette().Colors == nil {
		t.Fatal("nil guide misbehaves")
	}
	if !strings.Contains(g.Palette().CSS(), "") {
		t.Fatal("unreachable")
	}
}
