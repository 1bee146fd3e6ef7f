package styleguide

import (
	"testing"

	"github.com/chorus-dev/chorus/content"
)

const brandYAML = `
terms:
  - use: email
    avoid: [e-mail, E-Mail]
  - use: do not
    avoid: [don't]
    severity: suggestion
casing: [AcmeDB, {name: TrailPro, severity: warning}]
banned:
  - phrase: best in the world
    message: We never claim superlatives we cannot prove.
  - pattern: '(?i)\bguarantee[sd]?\b'
    id: guarantee
    message: Legal must approve guarantees.
claims:
  - trigger: free shipping
    disclaimer: shipping
disclaimers:
  shipping: Free shipping on orders over $50.
punctuation:
  max_exclamations: 1
  max_caps_run: 4
  acronyms: [NASA]
links:
  allowed_domains: [acme.example]
  https: true
headings:
  case: sentence
emoji:
  allow: [x, instagram]
`

func TestCheckItemEnglish(t *testing.T) {
	g := guideFrom(t, brandYAML)
	tests := []struct {
		name   string
		blocks []blk
		want   []string
	}{
		{"terms with initial capital", []blk{para("Send an e-mail today. E-Mail us. Re-mail is fine, e-mails too.")}, []string{
			`2:9 warning terms.email: use "email" instead of "e-mail" fix "e-mail"→"email"`,
			`2:23 warning terms.email: use "Email" instead of "E-Mail" fix "E-Mail"→"Email"`,
		}},
		{"curly apostrophe matches straight", []blk{para("We don’t and we don't.")}, []string{
			`2:4 suggestion terms.do-not: use "do not" instead of "don’t" fix "don’t"→"do not"`,
			`2:17 suggestion terms.do-not: use "do not" instead of "don't" fix "don't"→"do not"`,
		}},
		{"casing variants", []blk{para("acmedb, Acme DB, acme-db and ACMEDB; AcmeDB is right, Acmedb's is not, AcmeDBX is another word.")}, []string{
			`2:1 error casing.acmedb: write "AcmeDB", not "acmedb" fix "acmedb"→"AcmeDB"`,
			`2:9 error casing.acmedb: write "AcmeDB", not "Acme DB" fix "Acme DB"→"AcmeDB"`,
			`2:18 error casing.acmedb: write "AcmeDB", not "acme-db" fix "acme-db"→"AcmeDB"`,
			`2:30 error casing.acmedb: write "AcmeDB", not "ACMEDB" fix "ACMEDB"→"AcmeDB"`,
			`2:55 error casing.acmedb: write "AcmeDB", not "Acmedb" fix "Acmedb"→"AcmeDB"`,
		}},
		{"casing severity from mapping", []blk{para("The Trailpro boot.")}, []string{
			`2:5 warning casing.trailpro: write "TrailPro", not "Trailpro" fix "Trailpro"→"TrailPro"`,
		}},
		{"banned phrase and pattern, words only", []blk{para("The best  in the world, guaranteed. Unguaranteed is not a word here.")}, []string{
			`2:5 error banned.best-in-the-world: avoid "best  in the world": We never claim superlatives we cannot prove.`,
			`2:25 error banned.guarantee: avoid "guaranteed": Legal must approve guarantees.`,
		}},
		{"claim without disclaimer", []blk{title("Free shipping all week")}, []string{
			`2:8 error claims.shipping: "Free shipping" needs the disclaimer "Free shipping on orders over $50."`,
		}},
		{"claim with disclaimer elsewhere, any case and spacing", []blk{summary("Free shipping all week"), para("Free Shipping on orders\tover$50.")}, nil},
		{"exclamations: first one over the limit", []blk{para("Wow! Great! Really!"), para("One!")}, []string{
			`2:11 warning punctuation.exclamations: 3 exclamation marks in one text (max 1)`,
		}},
		{"caps, acronyms and codes", []blk{para("HUGE sale at NASA, code SPRING20, UV OK.")}, []string{
			`2:1 warning punctuation.caps: "HUGE" is in all capitals; write it in normal case (or list it under punctuation.acronyms)`,
		}},
		{"heading sentence case, fixed where the item writes the words in lowercase", []blk{heading("Spring Sale Starts with AcmeDB"), heading("spring is here"), heading("Sale: Big Boots"), para("The sale starts soon.")}, []string{
			`2:11 warning headings.case: heading is not in sentence case: write "Spring sale starts with AcmeDB" fix "Sale Starts"→"sale starts"`,
			`3:4 warning headings.case: heading is not in sentence case: write "Spring is here" fix "spring"→"Spring"`,
			`4:14 warning headings.case: heading is not in sentence case: write "Sale: Big boots" (if "Boots" is a name, keep its capital and list it under casing)`,
		}},
		{"emoji in shared text and overrides", []blk{para("Sale 🎉 now"), override("x", "Sale 🎉"), override("sms", "Sale 👍🏽!")}, []string{
			`2:6 warning emoji.source: emoji "🎉" in text every channel shares; emoji are allowed only on instagram, x (put them in those channels' overrides) fix "🎉 "→""`,
			`4:26 warning emoji.channel: emoji "👍🏽" is not allowed on sms fix "👍🏽"→""`,
		}},
		{"text presentation symbols are not emoji", []blk{para("AcmeDB™ © 2025 ❤ and #1 but 1️⃣ and 🇬🇷")}, []string{
			`2:29 warning emoji.source: emoji "1️⃣" in text every channel shares; emoji are allowed only on instagram, x (put them in those channels' overrides) fix "1️⃣ "→""`,
			`2:37 warning emoji.source: emoji "🇬🇷" in text every channel shares; emoji are allowed only on instagram, x (put them in those channels' overrides) fix "🇬🇷"→""`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			it := newItem("spring-sale", "en-US", "promotion", tt.blocks...)
			got := formatAll(it, g.CheckItem(it))
			if tt.want == nil {
				tt.want = []string{}
			}
			diffLines(t, got, tt.want)
			for _, f := range g.CheckItem(it) {
				if f.Item != "spring-sale" || f.Pos.File != it.File || f.Channel != "" {
					t.Errorf("finding %v: item %q file %q channel %q", f, f.Item, f.Pos.File, f.Channel)
				}
			}
		})
	}
}

func TestLinks(t *testing.T) {
	g := guideFrom(t, brandYAML)
	it := newItem("spring-sale", "en-US", "promotion", para("See http://acme.example/a and https://shop.acme.example/b and https://evil.example/c and /rel and mailto:x@y.z"))
	off := func(s string) int {
		for i := 0; i+len(s) <= len(it.Src.Data); i++ {
			if string(it.Src.Data[i:i+len(s)]) == s {
				return i
			}
		}
		t.Fatalf("%q not in file", s)
		return 0
	}
	for _, u := range []string{"http://acme.example/a", "https://shop.acme.example/b", "https://evil.example/c", "/rel", "mailto:x@y.z", "http://other.example/"} {
		pos := it.Src.Pos(0)
		if u != "http://other.example/" {
			pos = it.Src.Pos(off(u))
		}
		it.Links = append(it.Links, content.Link{URL: u, Pos: pos, Field: "body"})
	}
	got := formatAll(it, g.CheckItem(it))
	diffLines(t, got, []string{
		`1:1 error links.domain: link to other.example is outside the allowed domains (acme.example)`,
		`1:1 error links.https: link "http://other.example/" is not https`,
		`2:5 error links.https: link "http://acme.example/a" is not https fix "http:"→"https:"`,
		`2:63 error links.domain: link to evil.example is outside the allowed domains (acme.example)`,
	})
}

const zhYAML = `
terms:
  - use: 电子邮件
    avoid: [电邮]
  - use: 電子郵件
    avoid: [電郵]
banned:
  - phrase: 免费
    message: 不要说免费。
claims:
  - trigger: 免運費
    disclaimer: shipping-tw
disclaimers:
  shipping-tw: 訂單滿 50 美元免運費。
readability:
  max_sentence_words: 10
  max_sentence_chars: 12
punctuation:
  max_exclamations: 0
`

func TestCheckItemChinese(t *testing.T) {
	g := guideFrom(t, zhYAML)
	tests := []struct {
		name   string
		locale string
		blocks []blk
		want   []string
	}{
		{"simplified term and banned, columns in characters", "zh-CN", []blk{para("请发电邮给我们，我们的商店全部免费送货。")}, []string{
			`2:1 suggestion readability.sentence_length: sentence has 18 characters (max 12)`,
			`2:3 warning terms.电子邮件: use "电子邮件" instead of "电邮" fix "电邮"→"电子邮件"`,
			`2:16 error banned.免费: avoid "免费": 不要说免费。`,
		}},
		{"han tokens keep boundaries: 免 alone does not match", "zh-CN", []blk{para("免除费用。")}, []string{}},
		{"traditional term, claim and fullwidth exclamation", "zh-TW", []blk{para("請寄電郵！全館免運費！")}, []string{
			`2:3 warning terms.電子郵件: use "電子郵件" instead of "電郵" fix "電郵"→"電子郵件"`,
			`2:5 warning punctuation.exclamations: 2 exclamation marks in one text (max 0)`,
			`2:8 error claims.shipping-tw: "免運費" needs the disclaimer "訂單滿 50 美元免運費。"`,
		}},
		{"traditional claim with disclaimer", "zh-TW", []blk{para("全館免運費"), para("訂單滿50美元免運費。")}, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			it := newItem("sale", tt.locale, "promotion", tt.blocks...)
			diffLines(t, formatAll(it, g.CheckItem(it)), tt.want)
		})
	}
}

const elYAML = `
terms:
  - use: καφές
    avoid: [καφεδάκι]
banned:
  - phrase: δωρεάν
    message: Όχι «δωρεάν».
casing: [ΑcmeΚαφές]
readability:
  max_sentence_words: 4
`

func TestCheckItemGreek(t *testing.T) {
	g := guideFrom(t, elYAML)
	tests := []struct {
		name   string
		blocks []blk
		want   []string
	}{
		{"case folding, accents kept but not required in capitals", []blk{para("ΔΩΡΕΆΝ, Δωρεάν, ΔΩΡΕΑΝ; όχι δωρεαν.")}, []string{
			`2:1 error banned.δωρεάν: avoid "ΔΩΡΕΆΝ": Όχι «δωρεάν».`,
			`2:9 error banned.δωρεάν: avoid "Δωρεάν": Όχι «δωρεάν».`,
			`2:17 error banned.δωρεάν: avoid "ΔΩΡΕΑΝ": Όχι «δωρεάν».`,
		}},
		{"term with capital kept", []blk{para("Καφεδάκι; Ναι.")}, []string{
			`2:1 warning terms.καφές: use "Καφές" instead of "Καφεδάκι" fix "Καφεδάκι"→"Καφές"`,
		}},
		{"greek question mark ends a sentence", []blk{para("Θέλετε ένα ζεστό καφέ; Ελάτε σήμερα στο κατάστημα μας τώρα.")}, []string{
			`2:24 suggestion readability.sentence_length: sentence has 6 words (max 4)`,
		}},
		{"casing with sigma forms and capitals", []blk{para("ΑCMEΚΑΦΕΣ, ΑcmeΚαφέσ.")}, []string{
			`2:1 error casing.αcmeκαφές: write "ΑcmeΚαφές", not "ΑCMEΚΑΦΕΣ" fix "ΑCMEΚΑΦΕΣ"→"ΑcmeΚαφές"`,
			`2:12 error casing.αcmeκαφές: write "ΑcmeΚαφές", not "ΑcmeΚαφέσ" fix "ΑcmeΚαφέσ"→"ΑcmeΚαφές"`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			it := newItem("kafes", "el-GR", "article", tt.blocks...)
			diffLines(t, formatAll(it, g.CheckItem(it)), tt.want)
		})
	}
}
