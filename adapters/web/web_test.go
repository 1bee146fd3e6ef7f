package web_test

import (
	"encoding/json"
	"flag"
	"html"
	"regexp"
	"strings"
	"testing"

	"github.com/chorus-dev/chorus/adapters"
	"github.com/chorus-dev/chorus/adapters/adapterstest"
	"github.com/chorus-dev/chorus/adapters/web"
	"github.com/chorus-dev/chorus/adapters/web/webtest"
	"github.com/chorus-dev/chorus/content"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func render(t *testing.T, in *adapters.Input) *adapters.Variant {
	t.Helper()
	v, err := web.New().Render(in)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestGolden(t *testing.T) {
	for _, c := range webtest.Cases {
		t.Run(c.Name, func(t *testing.T) {
			v := render(t, webtest.Input(t, c.File))
			webtest.Golden(t, c.Name+".html", []byte(v.Body), *update)
			webtest.Golden(t, c.Name+".variant.json", adapterstest.Envelope(t, v), *update)
			if !strings.Contains(v.Body, v.Fields["html"].(string)) {
				t.Error("the page does not embed Fields[html]")
			}
		})
	}
}

var ldRE = regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`)

// jsonLD extracts and decodes the page's one JSON-LD block.
func jsonLD(t *testing.T, page string) map[string]any {
	t.Helper()
	m := ldRE.FindAllStringSubmatch(page, -1)
	if len(m) != 1 {
		t.Fatalf("%d JSON-LD blocks, want 1", len(m))
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(m[0][1]), &doc); err != nil {
		t.Fatalf("JSON-LD: %v", err)
	}
	return doc
}

func TestJSONLD(t *testing.T) {
	promo := jsonLD(t, render(t, webtest.Input(t, "spring-sale.md")).Body)
	offer, _ := promo["offers"].(map[string]any)
	if promo["@type"] != "Product" || offer["price"] != "79.99" || offer["priceCurrency"] != "USD" ||
		offer["priceValidUntil"] != "2025-04-30" || offer["availability"] != "https://schema.org/InStock" {
		t.Errorf("promotion JSON-LD = %v", promo)
	}

	ev := jsonLD(t, render(t, webtest.Input(t, "trail-run.md")).Body)
	loc, _ := ev["location"].(map[string]any)
	if ev["@type"] != "Event" || ev["startDate"] != "2025-05-17T08:00:00-06:00" ||
		ev["endDate"] != "2025-05-17T12:00:00-06:00" || loc["name"] != "Ridge Trailhead, Boulder" {
		t.Errorf("event JSON-LD = %v", ev)
	}

	art := jsonLD(t, render(t, webtest.Input(t, "layering-guide.md")).Body)
	if art["@type"] != "Article" || art["headline"] != "How to layer for spring hikes" ||
		art["datePublished"] != "2025-03-10T08:00:00Z" {
		t.Errorf("article JSON-LD = %v", art)
	}

	in := webtest.Input(t, "layering-guide.md")
	in.Item.Type = "faq"
	faq := jsonLD(t, render(t, in).Body)
	qs, _ := faq["mainEntity"].([]any)
	if faq["@type"] != "FAQPage" || len(qs) != 1 {
		t.Fatalf("faq JSON-LD = %v", faq)
	}
	q := qs[0].(map[string]any)
	if q["name"] != "The three layers" || !strings.HasPrefix(q["acceptedAnswer"].(map[string]any)["text"].(string), "A base layer") {
		t.Errorf("faq question = %v", q)
	}
}

func TestJSONLDCannotCloseScript(t *testing.T) {
	in := webtest.Input(t, "spring-sale.md")
	in.Item.Title = `a < b && "</scr` + `ipt>" </script><script>alert(1)</script>`
	in.Item.Summary = "x </SCRIPT > y <!-- z"
	page := render(t, in).Body
	ld := ldRE.FindStringSubmatch(page)[1]
	if strings.ContainsAny(ld, "<>") {
		t.Errorf("JSON-LD holds raw angle brackets: %s", ld)
	}
	if d := webtest.Dangers(page); len(d) > 0 {
		t.Errorf("dangers %v", d)
	}
	if doc := jsonLD(t, page); doc["name"] != `a < b && "" alert(1)` {
		t.Errorf("name = %q", doc["name"])
	}
}

func TestHead(t *testing.T) {
	page := render(t, webtest.Input(t, "spring-sale.zh-CN.md")).Body
	for _, want := range []string{
		`<html lang="zh-CN" dir="ltr">`,
		`<link rel="canonical" href="https://acme.example/zh-CN/spring-sale/">`,
		`<link rel="alternate" hreflang="el-GR" href="https://acme.example/el-GR/spring-sale/">`,
		`<link rel="alternate" hreflang="en-US" href="https://acme.example/en-US/spring-sale/">`,
		`<link rel="alternate" hreflang="zh-CN" href="https://acme.example/zh-CN/spring-sale/">`,
		`<link rel="alternate" hreflang="x-default" href="https://acme.example/en-US/spring-sale/">`,
		`<meta property="og:type" content="product">`,
		`<meta property="og:url" content="https://acme.example/zh-CN/spring-sale/">`,
		`<meta property="og:image" content="https://acme.example/images/stormshell.jpg">`,
		`<meta name="twitter:card" content="summary_large_image">`,
		`--color-ember:#B8400F;--color-ink:#1B1F23;`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	art := render(t, webtest.Input(t, "trail-run.md")).Body
	if !strings.Contains(art, `<meta property="og:type" content="website">`) || strings.Contains(art, "hreflang=\"x-default\" href=\"https://acme.example/en-US/spring") {
		t.Error("event page og:type or hreflang wrong")
	}
}

func TestFacts(t *testing.T) {
	v := render(t, webtest.Input(t, "trail-run.md"))
	want := content.Facts{Starts: "2025-05-17T14:00:00Z", Ends: "2025-05-17T18:00:00Z", URL: "https://acme.example/events/trail-run"}
	if v.Facts != want {
		t.Errorf("facts = %+v, want %+v", v.Facts, want)
	}
	v = render(t, webtest.Input(t, "layering-guide.md"))
	if want := (content.Facts{URL: "https://acme.example/guides/layering"}); v.Facts != want {
		t.Errorf("article facts = %+v", v.Facts)
	}
}

func TestOverrides(t *testing.T) {
	in := webtest.Input(t, "layering-guide.md")
	in.Item.Overrides = map[string]content.Overrides{"web": {"title": "Layer up", "description": "Stay dry."}}
	v := render(t, in)
	if v.Fields["title"] != "Layer up" || v.Fields["description"] != "Stay dry." {
		t.Errorf("fields = %v", v.Fields)
	}
	if v.Texts[0].Override != "overrides.web.title" || v.Texts[1].Override != "overrides.web.description" {
		t.Errorf("texts = %+v", v.Texts[:2])
	}
}

func TestHostile(t *testing.T) {
	in := webtest.Hostile(t, "web")
	in.Item.Overrides = nil // the hostile title and summary themselves
	for _, in := range []*adapters.Input{in, webtest.Hostile(t, "web")} {
		v := render(t, in)
		for name, s := range map[string]string{"body": v.Body, "html": v.Fields["html"].(string), "title": v.Fields["title"].(string)} {
			if d := webtest.Dangers(s); len(d) > 0 {
				t.Errorf("%s: dangerous output %v in:\n%s", name, d, s)
			}
		}
		if v.Facts.URL != "" || strings.Contains(v.Body, `class="cta"`) {
			t.Error("refused CTA URL still rendered")
		}
		if strings.Contains(v.Body, "og:image") || strings.Contains(v.Body, "<figure") {
			t.Error("refused image still rendered")
		}
	}
}

func TestNoConfigNoGuide(t *testing.T) {
	in := webtest.Input(t, "spring-sale.md")
	in.Config, in.Guide, in.Alternates = nil, nil, nil
	v := render(t, in)
	if strings.Contains(v.Body, "og:url") || strings.Contains(v.Body, "hreflang") {
		t.Error("absolute URLs without a base URL")
	}
	if !strings.Contains(v.Body, `<img src="/images/stormshell.jpg"`) {
		t.Error("relative image dropped from the page")
	}
	if !strings.Contains(v.Body, ":root{--ink:#1A1A1A;--paper:#FFFFFF;--accent:#0B57D0;--muted:#1A1A1A}") {
		t.Error("default palette missing")
	}
}

func TestOddItems(t *testing.T) {
	for _, it := range []*content.Item{
		{},
		{ID: "x", Type: "promotion", Offer: &content.Offer{}, CTA: &content.CTA{}, Image: &content.Image{}, Event: &content.Event{}},
		{ID: "x", Type: "event", Locale: "en US\"><", Event: &content.Event{}},
	} {
		v := render(t, &adapters.Input{Item: it})
		if d := webtest.Dangers(v.Body); len(d) > 0 {
			t.Errorf("dangers %v", d)
		}
	}
}

func TestDeterministic(t *testing.T) {
	for _, c := range webtest.Cases {
		a := render(t, webtest.Input(t, c.File))
		b := render(t, webtest.Input(t, c.File))
		ja, _ := json.Marshal(a)
		jb, _ := json.Marshal(b)
		if string(ja) != string(jb) {
			t.Errorf("%s: two renders differ", c.Name)
		}
	}
}

func TestSafeURL(t *testing.T) {
	for _, c := range []struct {
		in   string
		want string
		ok   bool
	}{
		{"https://acme.example/a?b=c#d", "https://acme.example/a?b=c#d", true},
		{"  HTTP://acme.example  ", "HTTP://acme.example", true},
		{"/images/x.jpg", "/images/x.jpg", true},
		{"images/x.jpg", "images/x.jpg", true},
		{"?q=1", "?q=1", true},
		{"https://", "", false},
		{"https:acme.example", "", false},
		{"mailto:a@example.com", "", false},
		{"ftp://acme.example/", "", false},
		{"//evil.example/x", "//evil.example/x", true},
		{"/\\evil.example", "", false},
		{"", "", false},
	} {
		got, ok := web.SafeURL(c.in)
		if got != c.want || ok != c.ok {
			t.Errorf("SafeURL(%q) = %q, %v; want %q, %v", c.in, got, ok, c.want, c.ok)
		}
	}
	for _, u := range webtest.HostileURLs {
		if got, ok := web.SafeURL(u); ok {
			t.Errorf("SafeURL(%q) accepted: %q", u, got)
		}
	}
}

func TestAbsoluteAndCanonicalURL(t *testing.T) {
	for _, c := range []struct{ base, in, want string }{
		{"https://acme.example/", "/img/a.jpg", "https://acme.example/img/a.jpg"},
		{"https://acme.example/shop", "img/a.jpg", "https://acme.example/shop/img/a.jpg"},
		{"https://acme.example", "https://cdn.example/a.jpg", "https://cdn.example/a.jpg"},
		{"", "/img/a.jpg", ""},
		{"javascript:alert(1)", "/img/a.jpg", ""},
		{"https://acme.example", "javascript:alert(1)", ""},
	} {
		if got, _ := web.AbsoluteURL(c.base, c.in); got != c.want {
			t.Errorf("AbsoluteURL(%q, %q) = %q, want %q", c.base, c.in, got, c.want)
		}
	}
	cfg := &content.Config{BaseURL: "https://acme.example/", DefaultLocale: "en-US"}
	for _, c := range []struct {
		it   content.Item
		want string
	}{
		{content.Item{ID: "spring-sale", Locale: "zh-CN"}, "https://acme.example/zh-CN/spring-sale/"},
		{content.Item{ID: "spring-sale"}, "https://acme.example/en-US/spring-sale/"},
		{content.Item{ID: "a b/c", Locale: "el-GR"}, "https://acme.example/el-GR/a%20b%2Fc/"},
	} {
		if got := web.CanonicalURL(cfg, &c.it); got != c.want {
			t.Errorf("CanonicalURL(%+v) = %q, want %q", c.it, got, c.want)
		}
	}
}

func TestCleanBody(t *testing.T) {
	for _, c := range []struct{ in, base, want string }{
		{`<p>Hi <a href="https://a.example/x?y=1&amp;z=2" title="t">link</a></p>`, "", `<p>Hi <a href="https://a.example/x?y=1&amp;z=2" title="t">link</a></p>`},
		{`<p><a href="">x</a> <a href="mailto:a@b.example">m</a></p>`, "", `<p><a>x</a> <a href="mailto:a@b.example">m</a></p>`},
		{`<p><img src="data:image/png;base64,AAAA" alt="d"></p>`, "", `<p><img alt="d"></p>`},
		{`<p><img src="/a.jpg" alt="a"><a href="b">b</a></p>`, "https://acme.example", `<p><img src="https://acme.example/a.jpg" alt="a"><a href="https://acme.example/b">b</a></p>`},
		{`<h2 id="x" onclick="alert(1)" style="x">T</h2>`, "", `<h2 id="x">T</h2>`},
		{`<script>alert(1)</script><iframe src="x"></iframe>`, "", `&lt;script>alert(1)&lt;/script>&lt;iframe src="x">&lt;/iframe>`},
		{"<!-- raw HTML omitted -->\n<p>a</p>", "", "\n<p>a</p>"},
		{`<input checked="" disabled="" type="text">`, "", `<input checked="" disabled="">`},
	} {
		if got := web.CleanBody(c.in, c.base); got != c.want {
			t.Errorf("CleanBody(%q)\n got %q\nwant %q", c.in, got, c.want)
		}
	}
}

// TestBodyHTML checks that the remembered body is the body cleaned for
// each base, however often and in whatever order it is asked for.
func TestBodyHTML(t *testing.T) {
	for round := 0; round < 2; round++ {
		for _, c := range webtest.Cases {
			it := webtest.Item(t, c.File)
			for _, base := range []string{"", "https://acme.example", "https://other.example/x/"} {
				want := strings.TrimSpace(web.CleanBody(it.HTML(), base))
				if got := web.BodyHTML(it, base); got != want {
					t.Fatalf("%s, base %q: BodyHTML =\n%s\nwant\n%s", c.Name, base, got, want)
				}
			}
		}
	}
	if got := web.BodyHTML(nil, ""); got != "" {
		t.Errorf("BodyHTML(nil) = %q", got)
	}
}

func TestStripTags(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Plain <3 and a < b", "Plain <3 and a < b"},
		{`<script>alert(1)</script>Hi`, "alert(1)Hi"},
		{`<scr<script>ipt>x`, "x"},
		{`a <!-- c --> b <img src=x onerror=alert(1)>`, "a  b"},
	} {
		if got := web.StripTags(c.in); got != c.want {
			t.Errorf("StripTags(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestPhrase(t *testing.T) {
	for _, c := range []struct{ loc, want string }{
		{"en-US", "Code X"}, {"zh-CN", "优惠码 X"}, {"el-GR", "Κωδικός X"}, {"pt-BR", "Code X"}, {"", "Code X"},
	} {
		if got := web.Phrase(c.loc, "code", "X"); got != c.want {
			t.Errorf("Phrase(%q) = %q, want %q", c.loc, got, c.want)
		}
	}
}

func TestContract(t *testing.T) { adapterstest.Run(t, web.New()) }

var (
	scriptRE = regexp.MustCompile(`(?i)<script`)
	outTag   = regexp.MustCompile(`<(/?)([a-zA-Z0-9]+)((?:\s+[^\s="<>]+(?:="[^"]*")?)*)\s*/?>|<`)
	outAttr  = regexp.MustCompile(`([^\s="<>]+)(?:="([^"]*)")?`)
)

// badMarkup reads CleanBody's output as a browser would and reports a
// handler attribute, a script URL or a '<' that is not part of a tag.
func badMarkup(s string) string {
	for _, m := range outTag.FindAllStringSubmatch(s, -1) {
		if m[0] == "<" {
			return "a bare '<'"
		}
		for _, a := range outAttr.FindAllStringSubmatch(m[3], -1) {
			name := strings.ToLower(a[1])
			val := strings.ToLower(strings.TrimSpace(html.UnescapeString(a[2])))
			if strings.HasPrefix(name, "on") {
				return "handler attribute " + name
			}
			if (name == "href" || name == "src") && !map[string]bool{"": true, "http": true, "https": true, "mailto": true, "tel": true}[scheme(val)] {
				return "URL " + val
			}
		}
	}
	return ""
}

// scheme is a URL's scheme as a browser finds it, after dropping the tabs
// and line breaks browsers ignore.
func scheme(u string) string {
	u = strings.NewReplacer("\t", "", "\n", "", "\r", "").Replace(u)
	i := strings.IndexByte(u, ':')
	if i < 0 {
		return ""
	}
	if j := strings.IndexAny(u, "/?#"); j >= 0 && j < i {
		return ""
	}
	return u[:i]
}

// FuzzCleanBody checks that no input, however far from goldmark's output,
// gets a script element, a handler attribute or a script URL through, and
// that cleaning twice changes nothing.
func FuzzCleanBody(f *testing.F) {
	for _, s := range []string{
		`<p>Hi <a href="https://a.example/">x</a></p>`,
		`<a href="&#106;avascript:alert(1)">x</a>`,
		`<img src="data:image/png;base64,AAAA" onerror="alert(1)">`,
		`<scr<script>ipt>alert(1)</script>`,
		`<p title="a>b" onclick=alert(1)>`,
		`<a href="java&#x09;script:alert(1)">t</a>`,
		`<svg><script>alert(1)</script></svg>`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := web.CleanBody(s, "https://acme.example")
		if scriptRE.MatchString(out) {
			t.Fatalf("CleanBody(%q) = %q holds a script element", s, out)
		}
		if bad := badMarkup(out); bad != "" {
			t.Fatalf("CleanBody(%q) = %q holds %s", s, out, bad)
		}
		if again := web.CleanBody(out, "https://acme.example"); again != out {
			t.Fatalf("CleanBody is not idempotent on %q:\n%q\n%q", s, out, again)
		}
	})
}

// FuzzSafeURL checks that an accepted URL never carries a scheme other
// than http or https.
func FuzzSafeURL(f *testing.F) {
	for _, u := range append(webtest.HostileURLs, "https://a.example/x", "/x", "HTTPS://A.EXAMPLE") {
		f.Add(u)
	}
	f.Fuzz(func(t *testing.T, u string) {
		got, ok := web.SafeURL(u)
		if !ok {
			return
		}
		l := strings.ToLower(got)
		if i := strings.IndexByte(l, ':'); i >= 0 && !strings.HasPrefix(l, "http://") && !strings.HasPrefix(l, "https://") {
			if j := strings.IndexAny(l, "/?#"); j < 0 || j > i {
				t.Fatalf("SafeURL(%q) accepted scheme in %q", u, got)
			}
		}
	})
}

func TestRightToLeft(t *testing.T) {
	v := render(t, adapterstest.SampleInput("rtl-ar"))
	if !strings.Contains(v.Body, `<html lang="ar-SA" dir="rtl">`) || !strings.Contains(v.Body, `lang="ar-SA" dir="rtl">`+"\n<h1>") {
		t.Error("an Arabic page is not marked right to left")
	}
	if web.Dir("he-IL") != "rtl" || web.Dir("el-GR") != "ltr" || web.Dir("") != "ltr" {
		t.Error("Dir")
	}
}
