package styleguide

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chorus-dev/chorus/content"
)

// benchYAML is a realistic guide: about thirty rules of every kind.
const benchYAML = `
terms:
  - {use: email, avoid: [e-mail, E-Mail]}
  - {use: sign in, avoid: [login, log-in, signin]}
  - {use: website, avoid: [web site, web-site]}
  - {use: online, avoid: [on-line]}
  - {use: checkout, avoid: [check-out]}
  - {use: cannot, avoid: [can not]}
  - {use: per cent, avoid: [pct]}
  - {use: app, avoid: [application]}
casing: [AcmeDB, TrailPro, GoreTex, AcmeOutdoor, {name: iOS, severity: warning}]
banned:
  - {phrase: best in the world, message: We never claim superlatives we cannot prove.}
  - {phrase: number one, message: Unprovable.}
  - {phrase: cheapest}
  - {phrase: act now}
  - {phrase: limited time only}
  - {pattern: '(?i)\bguarantee[sd]?\b', id: guarantee, message: Legal must approve guarantees.}
  - {pattern: '\b100 ?%', id: hundred-percent}
claims:
  - {trigger: free shipping, disclaimer: shipping}
  - {trigger: waterproof, disclaimer: waterproof}
  - {trigger: lifetime warranty, disclaimer: warranty}
disclaimers:
  shipping: Free shipping on orders over $50.
  waterproof: Tested to 10,000 mm.
  warranty: See acme.example/warranty for terms.
readability: {max_sentence_words: 30, max_grade: 12}
punctuation: {max_exclamations: 1, max_caps_run: 4, acronyms: [USA, GPS, UV, SPF]}
links: {allowed_domains: [acme.example], https: true}
headings: {case: sentence}
emoji: {allow: [x, instagram]}
`

// benchItem is a 300-word promotion with a title, summary, two headings
// and five paragraphs.
func benchItem() *content.Item {
	paras := []string{
		"Spring is here and the trails are calling. Our new TrailPro boots are built for long days on rough ground. A grippy sole holds on wet rock, and a light lining keeps your feet dry from the first step to the last. They weigh less than any boot we have made before.",
		"We tested every pair on the coast path and in the hills above the valley. Testers walked more than two hundred miles in changing weather, and they told us the boots felt light, steady and comfortable after hours on the move.",
		"Order online before the end of the month and we will send your boots with free shipping. Returns are easy: keep the box, print the label from your account, and drop the parcel at any post office near you.",
		"Every pair comes with a two year repair promise. If a seam opens or a lace hook breaks, send the boots back and our workshop will fix them, clean them and return them to you within ten working days.",
		"Questions about sizing? Our team answers every message by email within a day. You can also visit one of our stores, where staff will measure your feet and help you choose the right fit for the walks you have planned.",
		"The boots come in six colours and in half sizes from four to fourteen. Wide fittings are on the way for the summer. Sign up for our letter to hear first when they land, and to get early access to the autumn range before anyone else does.",
	}
	blocks := []blk{title("Spring boots are here"), summary("New TrailPro boots, tested on two hundred miles of trail. Free shipping on orders over $50."), heading("Built for rough ground")}
	for i, p := range paras {
		if i == 3 {
			blocks = append(blocks, heading("Repairs and returns"))
		}
		blocks = append(blocks, para(p))
	}
	it := newItem("spring-boots", "en-US", "promotion", blocks...)
	it.Links = []content.Link{{URL: "https://acme.example/boots", Pos: it.Src.Pos(0), Field: "cta.url"}}
	return it
}

func BenchmarkCheckItem(b *testing.B) {
	g := guideFrom(b, benchYAML)
	it := benchItem()
	words := 0
	for _, p := range it.Prose {
		words += len(strings.Fields(p.Text))
	}
	if fs := g.CheckItem(it); len(fs) != 0 {
		b.Fatalf("bench item has findings: %v", fs)
	}
	b.ReportAllocs()
	b.ReportMetric(float64(words), "words")
	b.ResetTimer()
	defer reportCPU(b)()
	for i := 0; i < b.N; i++ {
		g.CheckItem(it)
	}
}

func BenchmarkCheckItemParallel(b *testing.B) {
	g := guideFrom(b, benchYAML)
	it := benchItem()
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			g.CheckItem(it)
		}
	})
}

func BenchmarkCheckItemChinese(b *testing.B) {
	g := guideFrom(b, zhYAML)
	it := newItem("sale", "zh-CN", "promotion", para(strings.Repeat("我们的春季促销现已开始，所有商品都可以送货到家。", 12)))
	b.ReportAllocs()
	defer reportCPU(b)()
	for i := 0; i < b.N; i++ {
		g.CheckItem(it)
	}
}

func BenchmarkCompile(b *testing.B) {
	src := []*content.Source{content.NewSource("styleguide/brand.yaml", []byte(benchYAML))}
	for i := 0; i < b.N; i++ {
		if _, fs := Compile(src); len(fs) != 0 {
			b.Fatal(fs)
		}
	}
}

func TestBenchItemIsRealistic(t *testing.T) {
	it := benchItem()
	words := 0
	for _, p := range it.Prose {
		words += len(strings.Fields(p.Text))
	}
	if words < 280 || words > 330 {
		t.Fatalf("bench item has %d words", words)
	}
	g := guideFrom(t, benchYAML)
	// The same item with mistakes in it finds them all.
	bad := newItem("bad", "en-US", "promotion", para(fmt.Sprint(
		"Login by e-mail, the best in the world, GUARANTEED and 100% waterproof!! acmedb and Trail Pro.")))
	diffLines(t, formatAll(bad, g.CheckItem(bad)), []string{
		`2:1 warning terms.sign-in: use "Sign in" instead of "Login" fix "Login"→"Sign in"`,
		`2:10 warning terms.email: use "email" instead of "e-mail" fix "e-mail"→"email"`,
		`2:22 error banned.best-in-the-world: avoid "best in the world": We never claim superlatives we cannot prove.`,
		`2:41 error banned.guarantee: avoid "GUARANTEED": Legal must approve guarantees.`,
		`2:41 warning punctuation.caps: "GUARANTEED" is in all capitals; write it in normal case (or list it under punctuation.acronyms)`,
		`2:56 error banned.hundred-percent: avoid "100%"`,
		`2:61 error claims.waterproof: "waterproof" needs the disclaimer "Tested to 10,000 mm."`,
		`2:72 warning punctuation.exclamations: 2 exclamation marks in one text (max 1)`,
		`2:74 error casing.acmedb: write "AcmeDB", not "acmedb" fix "acmedb"→"AcmeDB"`,
		`2:85 error casing.trailpro: write "TrailPro", not "Trail Pro" fix "Trail Pro"→"TrailPro"`,
	})
}
